/**
 * The roster (RFC 6121 §2): contacts with names, groups and subscription states, loaded
 * at login, kept current by roster pushes (§2.1.6), and edited by the user (§2.3–§2.5).
 *
 * Roster versioning (§2.6): when the server advertises it, the login asks with the version
 * of the copy cached in the account's data folder (rosterCache.ts), or `ver=''` without
 * one. An empty result means "unchanged since that version": the cached items are shown,
 * exactly as a download would have shown them; a full roster replaces the copy. Pushes
 * carry the new version and keep the copy current. Contacts the core was told about that
 * are gone (removed while we were offline) are removed, whichever way the roster came.
 */
import { ProtocolError, type Contact, type Presence, type Subscription } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare, parseJid } from './jid.js';
import { RosterCache, cleanGroups, cleanName, type CachedRoster, type RosterItem } from './rosterCache.js';
import { NS, attr, child, children, xml, type Element } from './xml.js';

export type { RosterItem } from './rosterCache.js';

/** The JIDs the core was told about (for removals when the cached copy is not usable). */
const STORAGE_KEY = 'roster.jids';
/** Pushes come in bursts (another client importing contacts): saved once, a little later. */
const SAVE_DELAY_MS = 1_000;

function readItem(node: Element): RosterItem | 'remove' | undefined {
  const jid = bare(attr(node, 'jid'));
  if (!jid) return undefined;
  const subscription = attr(node, 'subscription') ?? 'none';
  if (subscription === 'remove') return 'remove';
  const name = cleanName(attr(node, 'name'));
  return {
    jid,
    groups: cleanGroups(children(node, 'group', NS.roster).map((group) => group.text())),
    subscription: subscription === 'to' || subscription === 'from' || subscription === 'both' ? subscription : 'none',
    askPending: attr(node, 'ask') === 'subscribe',
    ...(name ? { name } : {}),
  };
}

/** What a roster result says (§2.6.3): unchanged (an empty result) or the whole roster. */
export type RosterAnswer =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'full'; readonly items: readonly RosterItem[]; readonly ver: string | undefined; readonly received: number };

/** Read a roster get's result; `received` counts the `<item/>` elements as sent. */
export function readRosterAnswer(result: Element, selfBare: string): RosterAnswer {
  const query = child(result, 'query', NS.roster);
  if (!query) return { kind: 'unchanged' };
  const nodes = children(query, 'item', NS.roster);
  const items = new Map<string, RosterItem>();
  for (const node of nodes) {
    const item = readItem(node);
    if (item && item !== 'remove' && item.jid !== selfBare) items.set(item.jid, item);
  }
  const ver = attr(query, 'ver');
  return { kind: 'full', items: [...items.values()], ver: ver === '' ? undefined : ver, received: nodes.length };
}

/**
 * The roster after a login's answer: the server's items, or the cached ones when it says
 * nothing changed. `trusted` is false when the answer is unusable (an empty result with no
 * copy to stand for it): then nothing may be removed because of it.
 */
export function rosterAfterLoad(answer: RosterAnswer, cached: CachedRoster | undefined): {
  readonly items: readonly RosterItem[]; readonly ver: string | undefined; readonly source: 'server' | 'cache'; readonly trusted: boolean;
} {
  if (answer.kind === 'full') return { items: answer.items, ver: answer.ver, source: 'server', trusted: true };
  if (cached) return { items: cached.items, ver: cached.ver, source: 'cache', trusted: true };
  return { items: [], ver: undefined, source: 'server', trusted: false };
}

/** Apply one push's items to `items`; returns what changed, in order. */
export function applyPushItems(items: Map<string, RosterItem>, query: Element, selfBare: string): Array<RosterItem | { readonly removed: string }> {
  const changes: Array<RosterItem | { readonly removed: string }> = [];
  for (const node of children(query, 'item', NS.roster)) {
    const jid = bare(attr(node, 'jid'));
    const item = readItem(node);
    if (!jid || !item || jid === selfBare) continue;
    if (item === 'remove') {
      if (items.delete(jid)) changes.push({ removed: jid });
    } else {
      items.set(jid, item);
      changes.push(item);
    }
  }
  return changes;
}

/** How one login's roster step went (logged, and read by tests). */
export interface RosterLoadReport {
  /** The version we asked with; undefined when the server does not do versioning. */
  readonly sentVer: string | undefined;
  /** `<item/>` elements in the server's answer(s): 0 when it said "unchanged". */
  readonly received: number;
  /** Where the contacts came from. */
  readonly source: 'server' | 'cache';
  /** Contacts on the list afterwards. */
  readonly contacts: number;
  /** Contacts removed because they were gone from the server's roster. */
  readonly removed: number;
  /** The roster step: reading the cache, the get (and its answer), emitting every contact; saving excluded. */
  readonly ms: number;
}

export class Roster {
  readonly items = new Map<string, RosterItem>();
  /** The version `items` is at (§2.6); undefined when unknown (then nothing is cached). */
  private version: string | undefined;
  private versioning = false;
  private readonly cache: RosterCache | undefined;
  /** Pushes that came before the login's roster was in place; applied right after it. */
  private early: Element[] | undefined = [];
  /** False after a login whose answer was unusable: what storage knows is then kept as it is. */
  private trusted = true;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  lastLoad: RosterLoadReport | undefined;

  constructor(
    private readonly core: XmppCore,
    private readonly presenceOf: (jid: string) => Presence,
    private readonly pendingIn: (jid: string) => boolean,
    private readonly blocked: (jid: string) => boolean,
    /** A contact left the roster: its presence is no longer ours to follow (RFC 6121 §2.5). */
    private readonly removedFromRoster: (jid: string) => void = () => undefined,
  ) {
    this.cache = core.context.dataDir ? new RosterCache(core.context.dataDir, core.selfBare) : undefined;
  }

  subscriptionOf(item: RosterItem): Subscription {
    if (item.askPending && (item.subscription === 'none' || item.subscription === 'from')) return 'pending-out';
    if (this.pendingIn(item.jid) && (item.subscription === 'none' || item.subscription === 'to')) return 'pending-in';
    return item.subscription;
  }

  toContact(item: RosterItem): Contact {
    return {
      id: item.jid,
      displayName: item.name ?? parseJid(item.jid)?.local ?? item.jid,
      groups: item.groups,
      presence: this.presenceOf(item.jid),
      subscription: this.subscriptionOf(item),
      ...(this.blocked(item.jid) ? { blocked: true } : {}),
    };
  }

  /** Announce a contact again (its subscription or block state changed). */
  refresh(jid: string): void {
    const item = this.items.get(jid);
    if (item) this.core.emit({ type: 'contact.upserted', contact: this.toContact(item) });
  }

  /**
   * RFC 6121 §2.2 (and §2.6 when `versioning`: the server advertised it in its stream
   * features): get the roster at login; contacts gone since last time are removed.
   */
  async load(versioning: boolean): Promise<void> {
    const started = performance.now();
    this.versioning = versioning && this.cache !== undefined;
    const cached = this.versioning ? await this.readCache() : undefined;
    const sentVer = this.versioning ? (cached?.ver ?? '') : undefined;
    let answer = readRosterAnswer(await this.get(sentVer), this.core.selfBare);
    let received = answer.kind === 'full' ? answer.received : 0;
    if (answer.kind === 'unchanged' && !cached) {
      // §2.6.3 allows an empty result only for a version we sent; ask plainly once more.
      this.core.log.warn('XMPP: the server answered the contact list request with nothing; asking again without a version');
      answer = readRosterAnswer(await this.get(undefined), this.core.selfBare);
      if (answer.kind === 'full') received += answer.received;
    }
    const loaded = rosterAfterLoad(answer, cached);
    if (!loaded.trusted) this.core.log.warn('XMPP: the server sent no contact list; keeping the contacts shown so far');

    const known = await this.core.context.storage.get(STORAGE_KEY).catch(() => undefined);
    const before = new Set<string>(cached?.items.map((item) => item.jid));
    if (Array.isArray(known)) for (const jid of known) if (typeof jid === 'string') before.add(jid);

    this.items.clear();
    for (const item of loaded.items) this.items.set(item.jid, item);
    this.version = this.versioning ? loaded.ver : undefined;
    this.trusted = loaded.trusted;
    const early = this.early ?? [];
    this.early = undefined;
    for (const push of early) this.applyPush(push, false); // folded in before anything is emitted

    for (const item of this.items.values()) this.core.emit({ type: 'contact.upserted', contact: this.toContact(item) });
    let removed = 0;
    if (loaded.trusted) {
      for (const jid of before) {
        if (this.items.has(jid)) continue;
        this.core.emit({ type: 'contact.removed', contactId: jid });
        removed++;
      }
    }
    const ms = Math.round(performance.now() - started);
    this.lastLoad = { sentVer, received, source: loaded.source, contacts: this.items.size, removed, ms };
    this.core.log.info(`XMPP: contact list: ${received} item(s) downloaded${sentVer !== undefined ? ` (asked since version ${JSON.stringify(sentVer)})` : ''}`
      + `${loaded.source === 'cache' ? `, unchanged: ${this.items.size} from the cache` : ''}, ${removed} removed, in ${ms} ms`);
    await this.flush();
  }

  private get(ver: string | undefined): Promise<Element> {
    return this.core.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS.roster, ...(ver !== undefined ? { ver } : {}) })), 'Loading the contact list');
  }

  private async readCache(): Promise<CachedRoster | undefined> {
    const reading = await this.cache?.read();
    if (!reading) return undefined;
    if (reading.ok) return reading.roster;
    if (reading.reason !== 'absent') this.core.log.warn(`XMPP: the saved contact list is not used (${reading.reason}); downloading it whole`);
    return undefined;
  }

  /** Save now what is pending: the JIDs the core knows (storage) and the versioned copy (data folder). */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.early || !this.trusted) return; // nothing (usable) loaded: nothing to save
    await this.core.context.storage.set(STORAGE_KEY, [...this.items.keys()]).catch((error: unknown) => {
      this.core.log.debug(`XMPP: could not save the roster list: ${String(error)}`);
    });
    if (!this.cache) return;
    // Without versioning, or at an unknown version, a copy could only be wrong later: none is kept.
    const snapshot = this.versioning && this.version !== undefined
      ? { jid: this.core.selfBare, ver: this.version, items: [...this.items.values()] }
      : undefined;
    await this.cache.write(snapshot).catch((error: unknown) => {
      this.core.log.warn(`XMPP: could not save the contact list for the next login: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** RFC 6121 §2.1.6 roster push; returns false when it must be refused (not from our server). */
  onPush(iq: Element): boolean {
    const from = attr(iq, 'from');
    if (from !== undefined && bare(from) !== this.core.selfBare) return false; // §2.1.6: ignore pushes from others
    if (this.early) {
      // Before the login's roster is in place (a push the parser handed over together with
      // the result): applied on top of it. Items are whole, so a push the result already
      // contains changes nothing when applied again.
      this.early.push(iq);
      return true;
    }
    this.applyPush(iq, true);
    this.scheduleSave();
    return true;
  }

  private applyPush(iq: Element, emit: boolean): void {
    const query = child(iq, 'query', NS.roster);
    if (!query) return;
    for (const change of applyPushItems(this.items, query, this.core.selfBare)) {
      if (!emit) continue;
      if ('removed' in change) {
        this.removedFromRoster(change.removed);
        this.core.emit({ type: 'contact.removed', contactId: change.removed });
      } else this.core.emit({ type: 'contact.upserted', contact: this.toContact(change) });
    }
    if (this.versioning) {
      // §2.6.3: each push carries the version it leads to; without one the copy's version is unknown.
      const ver = attr(query, 'ver');
      this.version = ver === undefined || ver === '' ? undefined : ver;
    }
  }

  private async setItem(jid: string, name: string | undefined, groups: readonly string[], what: string): Promise<void> {
    const item = xml('item', { jid, ...(name ? { name } : {}) }, ...groups.map((group) => xml('group', {}, group)));
    await this.core.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS.roster }, item)), what);
  }

  /** RFC 6121 §2.3 + §3.1: add to the roster and ask for presence. */
  async add(jidText: string, displayName: string | undefined, groups: readonly string[] | undefined): Promise<void> {
    const jid = this.checkJid(jidText);
    const existing = this.items.get(jid);
    await this.setItem(jid, displayName ?? existing?.name, groups ?? existing?.groups ?? [], `Adding ${jid}`);
    if (!existing || existing.subscription === 'none' || existing.subscription === 'from') {
      await this.core.send(xml('presence', { to: jid, type: 'subscribe' }));
    }
  }

  /** RFC 6121 §2.4: rename or regroup. */
  async update(jidText: string, displayName: string | undefined, groups: readonly string[] | undefined): Promise<void> {
    const jid = this.checkJid(jidText);
    const existing = this.items.get(jid);
    if (!existing) throw new ProtocolError('protocol', `${jid} is not in your contact list.`);
    await this.setItem(jid, displayName ?? existing.name, groups ?? existing.groups, `Changing ${jid}`);
  }

  /** RFC 6121 §2.5: remove (the server also cancels both subscriptions). */
  async remove(jidText: string): Promise<void> {
    const jid = this.checkJid(jidText);
    await this.core.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS.roster }, xml('item', { jid, subscription: 'remove' }))), `Removing ${jid}`);
  }

  private checkJid(text: string): string {
    const bareJid = bare(text.trim());
    if (!bareJid) throw new ProtocolError('protocol', `"${text}" is not an XMPP address.`);
    if (bareJid === this.core.selfBare) throw new ProtocolError('protocol', 'You cannot add yourself as a contact.');
    return bareJid;
  }
}
