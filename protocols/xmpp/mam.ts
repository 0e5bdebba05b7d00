/**
 * Message archive management (XEP-0313, urn:xmpp:mam:2) with result set management
 * (XEP-0059): queries of our own archive and of rooms' archives, collected from the
 * `<result/>` messages (accepted only from the archive we asked, §4.2 / security).
 */
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { parseStamp } from './messageParse.js';
import { NS, attr, child, childText, randomId, xml, type Element } from './xml.js';

export interface ArchivedMessage {
  /** The archive's id for the message (its stanza-id in that archive). */
  readonly archiveId: string;
  readonly timestamp?: number;
  /** The archived `<message/>`. */
  readonly message: Element;
}

export interface ArchivePage {
  readonly messages: readonly ArchivedMessage[];
  readonly complete: boolean;
  readonly first?: string;
  readonly last?: string;
}

export interface ArchiveQuery {
  /** The archive: a room's JID, or undefined for ours. */
  readonly archive?: string;
  readonly with?: string;
  /** RSM: after this archive id (forward paging). */
  readonly after?: string;
  /** RSM: before this archive id; '' for the newest page. */
  readonly before?: string;
  /** Only messages at or before this time. */
  readonly end?: number;
  readonly max: number;
}

interface Collector {
  readonly from: string;
  readonly results: ArchivedMessage[];
}

const MAX_RESULTS_PER_QUERY = 1_000;

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

export class Archive {
  private readonly collectors = new Map<string, Collector>();

  constructor(private readonly core: XmppCore) {}

  /** A `<message/>` carrying a `<result/>`: true when it belonged to one of our queries. */
  onResult(stanza: Element): boolean {
    const result = child(stanza, 'result', NS.mam);
    if (!result) return false;
    const queryId = attr(result, 'queryid');
    const collector = queryId === undefined ? undefined : this.collectors.get(queryId);
    const from = bare(attr(stanza, 'from')) ?? this.core.selfBare;
    if (!collector || from !== collector.from) {
      this.core.log.debug(`XMPP: ignored an archive result nobody asked for (from ${from})`);
      return true;
    }
    const forwarded = child(result, 'forwarded', NS.forward);
    const message = child(forwarded, 'message', NS.client);
    const archiveId = attr(result, 'id');
    if (!message || !archiveId || collector.results.length >= MAX_RESULTS_PER_QUERY) return true;
    const stamp = parseStamp(attr(child(forwarded, 'delay', NS.delay) ?? xml('x'), 'stamp'));
    collector.results.push({ archiveId, message, ...(stamp !== undefined ? { timestamp: stamp } : {}) });
    return true;
  }

  /** One page of an archive (§4). Throws a ProtocolError when the archive refuses. */
  async query(query: ArchiveQuery): Promise<ArchivePage> {
    const queryId = randomId();
    const archive = query.archive ?? this.core.selfBare;
    const collector: Collector = { from: archive, results: [] };
    this.collectors.set(queryId, collector);
    const fields = [xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam))];
    if (query.with !== undefined) fields.push(field('with', query.with));
    if (query.end !== undefined) fields.push(field('end', new Date(query.end).toISOString()));
    const set = xml('set', { xmlns: NS.rsm }, xml('max', {}, String(query.max)));
    if (query.after !== undefined) set.append(xml('after', {}, query.after));
    if (query.before !== undefined) set.append(xml('before', {}, query.before));
    const iq = xml('iq', { type: 'set', ...(query.archive !== undefined ? { to: query.archive } : {}) },
      xml('query', { xmlns: NS.mam, queryid: queryId }, xml('x', { xmlns: NS.dataForms, type: 'submit' }, ...fields), set));
    try {
      const answer = await this.core.iq(iq, `Fetching history from ${archive}`, 30_000);
      const fin = child(answer, 'fin', NS.mam);
      const rsm = child(fin, 'set', NS.rsm);
      const first = childText(rsm, 'first', NS.rsm);
      const last = childText(rsm, 'last', NS.rsm);
      return {
        messages: collector.results,
        complete: attr(fin ?? answer, 'complete') === 'true',
        ...(first ? { first } : {}),
        ...(last ? { last } : {}),
      };
    } finally {
      this.collectors.delete(queryId);
    }
  }

  /**
   * Catch up after a (re)connect: everything after the last archive id we saw (stored under
   * `key`), page by page; the newest page when we never saw one. Returns how many messages.
   */
  async catchUp(key: string, archive: string | undefined, handle: (message: ArchivedMessage) => void, maxPages = 20): Promise<number> {
    const stored = await this.core.context.storage.get(key).catch(() => undefined);
    let after = typeof stored === 'string' && stored !== '' ? stored : undefined;
    let count = 0;
    let lastSeen: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      let result: ArchivePage;
      try {
        result = after !== undefined
          ? await this.query({ ...(archive !== undefined ? { archive } : {}), after, max: 100 })
          : await this.query({ ...(archive !== undefined ? { archive } : {}), before: '', max: 50 });
      } catch (error: unknown) {
        if (after !== undefined && page === 0) {
          // §5.1.2: the id expired from the archive (item-not-found): start from the newest page.
          this.core.log.info(`XMPP: archive position for ${archive ?? 'own archive'} is gone; fetching the newest messages`);
          after = undefined;
          continue;
        }
        throw error;
      }
      for (const message of result.messages) {
        try {
          handle(message);
        } catch (error: unknown) {
          this.core.log.warn(`XMPP: an archived message could not be handled: ${error instanceof Error ? error.message : String(error)}`);
        }
        count++;
      }
      lastSeen = result.last ?? result.messages.at(-1)?.archiveId ?? lastSeen;
      if (result.complete || result.messages.length === 0 || after === undefined || !result.last) break;
      after = result.last;
    }
    if (lastSeen !== undefined) await this.core.context.storage.set(key, lastSeen).catch(() => undefined);
    return count;
  }
}
