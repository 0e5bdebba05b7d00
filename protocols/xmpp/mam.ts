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

/**
 * A catch-up that stopped before it met the newest message (XEP-0313 §4 paging cut short):
 * the messages between `after` and `newest` were not fetched. The caller makes it a visible
 * history.gap per conversation (Plugin API 0.4), never a silent hole.
 */
export interface ArchiveGap {
  /** Why, in words ("the catch-up stops after 1,000 messages"). */
  readonly reason: string;
  /** The last message known before the hole (fetched now, or the stored position). */
  readonly after?: { readonly archiveId?: string; readonly timestamp: number };
  /** The newest messages, fetched after the hole; empty when even that failed. */
  readonly newest: readonly ArchivedMessage[];
  /** What the catch-up delivered before it stopped, oldest first. */
  readonly delivered: readonly ArchivedMessage[];
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
  /** Paging backwards (`before`): on overflow keep the newest results, next to where paging goes on. */
  readonly keepNewest: boolean;
  /** The server sent more than MAX_RESULTS_PER_QUERY results. */
  truncated: boolean;
}

/** Results kept from one answer, whatever `max` the server ignored. */
export const MAX_RESULTS_PER_QUERY = 1_000;
/** One catch-up page (XEP-0059 `max`). */
const CATCH_UP_PAGE = 100;
/** A catch-up fetches at most this many pages forward before it settles for the newest page and a gap. */
export const MAX_CATCH_UP_PAGES = 10;

function conditionOf(error: unknown): string | undefined {
  return error instanceof Error && 'condition' in error && typeof error.condition === 'string' ? error.condition : undefined;
}

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

/**
 * An archived message that follows the stored position in the archive's order, dated no
 * earlier than that position was seen. Everything paged forward from the position (XEP-0313
 * §4, XEP-0059 §2.2) was archived after it, but its time is the server's, from a clock
 * other than the one that dated the messages seen live before the drop (ours, when they
 * arrived), and often whole seconds only (XEP-0082 §3.2: fractions optional; Prosody
 * truncates them): a message archived in the same second as the last one seen live, or
 * by a server whose clock is behind ours, would be dated before it, and the core, which
 * places a caught-up message by its time, would show it above messages that preceded it
 * (the server-kill fault test saw up to 9 such). The shift is no more than the delivery lag,
 * the cut-off fraction and the two clocks' difference.
 */
function placedAfterPosition(message: ArchivedMessage, notBefore: number | undefined): ArchivedMessage {
  if (notBefore === undefined || message.timestamp === undefined || message.timestamp >= notBefore) return message;
  return { ...message, timestamp: notBefore };
}

export class Archive {
  private readonly collectors = new Map<string, Collector>();

  constructor(
    private readonly core: XmppCore,
    /** Made readable before a page is handed on (OMEMO decrypts archived messages in place, in archive order). */
    private readonly prepare: (message: Element) => Promise<void> = () => Promise.resolve(),
  ) {}

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
    if (!message || !archiveId) return true;
    if (collector.results.length >= MAX_RESULTS_PER_QUERY) {
      // A server ignoring `max` must not grow this without bound; and the results dropped must
      // be the ones paging reaches next (RSM `first`/`last` are re-derived from what was kept),
      // so that nothing is skipped (XEP-0059 §2.2 / §2.5).
      collector.truncated = true;
      if (!collector.keepNewest) return true;
      collector.results.shift();
    }
    const stamp = parseStamp(attr(child(forwarded, 'delay', NS.delay) ?? xml('x'), 'stamp'));
    collector.results.push({ archiveId, message, ...(stamp !== undefined ? { timestamp: stamp } : {}) });
    return true;
  }

  /** One page of an archive (§4). Throws a ProtocolError when the archive refuses. */
  async query(query: ArchiveQuery): Promise<ArchivePage> {
    const queryId = randomId();
    const archive = query.archive ?? this.core.selfBare;
    const collector: Collector = { from: archive, results: [], keepNewest: query.before !== undefined, truncated: false };
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
      const truncated = collector.truncated;
      if (truncated) this.core.log.warn(`XMPP: ${archive} sent more than ${MAX_RESULTS_PER_QUERY} results for one page; paging on from the last one kept`);
      const first = truncated ? collector.results[0]?.archiveId : childText(rsm, 'first', NS.rsm);
      const last = truncated ? collector.results.at(-1)?.archiveId : childText(rsm, 'last', NS.rsm);
      for (const result of collector.results) await this.prepare(result.message);
      return {
        messages: collector.results,
        complete: !truncated && attr(fin ?? answer, 'complete') === 'true',
        ...(first ? { first } : {}),
        ...(last ? { last } : {}),
      };
    } finally {
      this.collectors.delete(queryId);
    }
  }

  /**
   * Catch up after a (re)connect: everything after the last archive id we saw (stored under
   * `key`), page by page (XEP-0313 §4, XEP-0059 §2.2); the newest page when we never saw one.
   * When it cannot get there (a page cap, the stored id is gone: §6.1.1 item-not-found, an
   * error), it fetches the newest page instead and reports the hole to `gap`. Returns how
   * many messages it handed over.
   */
  async catchUp(key: string, archive: string | undefined, handle: (message: ArchivedMessage) => void, gap: (gap: ArchiveGap) => void): Promise<number> {
    const stored = await this.core.context.storage.get(key).catch(() => undefined);
    const storedAt = await this.core.context.storage.get(`${key}.at`).catch(() => undefined);
    const where = archive ?? 'your archive';
    const target = archive !== undefined ? { archive } : {};
    let after = typeof stored === 'string' && stored !== '' ? stored : undefined;
    const notBefore = after !== undefined && typeof storedAt === 'number' ? storedAt : undefined;
    const delivered: ArchivedMessage[] = [];
    const deliver = (fetched: ArchivedMessage): void => {
      const message = placedAfterPosition(fetched, notBefore);
      try {
        handle(message);
      } catch (error: unknown) {
        this.core.log.warn(`XMPP: an archived message could not be handled: ${error instanceof Error ? error.message : String(error)}`);
      }
      delivered.push(message);
    };
    let stopped: string | undefined;
    if (after === undefined) {
      // Never caught up: the newest page; older history is scroll-back, not a hole.
      for (const message of (await this.query({ ...target, before: '', max: CATCH_UP_PAGE })).messages) deliver(message);
    } else {
      for (let page = 0; ; page++) {
        if (page >= MAX_CATCH_UP_PAGES) {
          stopped = `the catch-up stops after ${(MAX_CATCH_UP_PAGES * CATCH_UP_PAGE).toLocaleString('en')} messages`;
          break;
        }
        let result: ArchivePage;
        try {
          result = await this.query({ ...target, after, max: CATCH_UP_PAGE });
        } catch (error: unknown) {
          stopped = page === 0 && conditionOf(error) === 'item-not-found'
            ? `${where} no longer has the last message seen here`
            : `fetching history from ${where} failed: ${error instanceof Error ? error.message : String(error)}`;
          break;
        }
        for (const message of result.messages) deliver(message);
        if (result.complete || result.messages.length === 0 || !result.last) break;
        after = result.last;
      }
    }
    if (stopped !== undefined) await this.bridge(stopped, target, delivered, typeof storedAt === 'number' ? storedAt : undefined, deliver, gap);
    const newest = delivered.at(-1);
    if (newest) {
      await this.core.context.storage.set(key, newest.archiveId).catch(() => undefined);
      await this.core.context.storage.set(`${key}.at`, newest.timestamp ?? Date.now()).catch(() => undefined);
    }
    return delivered.length;
  }

  /** After a catch-up stopped early: the newest page, and the hole between (if there is one). */
  private async bridge(
    reason: string, target: { readonly archive?: string }, delivered: readonly ArchivedMessage[], storedAt: number | undefined,
    deliver: (message: ArchivedMessage) => void, gap: (gap: ArchiveGap) => void,
  ): Promise<void> {
    this.core.log.info(`XMPP: catch-up of ${target.archive ?? 'own archive'} stopped early (${reason}); fetching the newest messages`);
    const before = [...delivered];
    const last = before.at(-1);
    const holeAfter = last ? { archiveId: last.archiveId, timestamp: last.timestamp ?? Date.now() } : storedAt !== undefined ? { timestamp: storedAt } : undefined;
    let page: ArchivePage;
    try {
      page = await this.query({ ...target, before: '', max: CATCH_UP_PAGE });
    } catch (error: unknown) {
      this.core.log.info(`XMPP: the newest messages could not be fetched either: ${error instanceof Error ? error.message : String(error)}`);
      gap({ reason, ...(holeAfter ? { after: holeAfter } : {}), newest: [], delivered: before });
      return;
    }
    // The newest page may reach back into what was delivered: then there is no hole.
    const seen = new Set(before.map((message) => message.archiveId));
    const overlap = page.messages.findIndex((message) => seen.has(message.archiveId));
    const fresh = page.messages.filter((message) => !seen.has(message.archiveId));
    for (const message of fresh) deliver(message);
    // XEP-0313 §4.1.2 / XEP-0059: a complete page holds everything before it; nothing is missing.
    if (overlap >= 0 || page.complete || fresh.length === 0) return;
    gap({ reason, ...(holeAfter ? { after: holeAfter } : {}), newest: fresh, delivered: before });
  }
}
