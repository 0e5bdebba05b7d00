/**
 * The roster (RFC 6121 §2): contacts with names, groups and subscription states, loaded
 * at login, kept current by roster pushes (§2.1.6), and edited by the user (§2.3–§2.5).
 */
import { ProtocolError, type Contact, type Presence, type Subscription } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare, parseJid } from './jid.js';
import { NS, attr, child, children, xml, type Element } from './xml.js';

export interface RosterItem {
  readonly jid: string;
  readonly name?: string;
  readonly groups: readonly string[];
  /** RFC 6121 'subscription'. */
  readonly subscription: 'none' | 'to' | 'from' | 'both';
  /** RFC 6121 'ask="subscribe"': our request is pending. */
  readonly askPending: boolean;
}

const STORAGE_KEY = 'roster.jids';
const MAX_GROUPS = 50;

function readItem(node: Element): RosterItem | 'remove' | undefined {
  const jid = bare(attr(node, 'jid'));
  if (!jid) return undefined;
  const subscription = attr(node, 'subscription') ?? 'none';
  if (subscription === 'remove') return 'remove';
  const name = attr(node, 'name')?.trim().slice(0, 200);
  const groups = [...new Set(children(node, 'group', NS.roster).map((group) => group.text().trim().slice(0, 200)).filter(Boolean))].slice(0, MAX_GROUPS);
  return {
    jid,
    groups,
    subscription: subscription === 'to' || subscription === 'from' || subscription === 'both' ? subscription : 'none',
    askPending: attr(node, 'ask') === 'subscribe',
    ...(name ? { name } : {}),
  };
}

export class Roster {
  readonly items = new Map<string, RosterItem>();

  constructor(
    private readonly core: XmppCore,
    private readonly presenceOf: (jid: string) => Presence,
    private readonly pendingIn: (jid: string) => boolean,
    private readonly blocked: (jid: string) => boolean,
  ) {}

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

  /** RFC 6121 §2.2: get the roster at login; contacts gone since last time are removed. */
  async load(): Promise<void> {
    const result = await this.core.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS.roster })), 'Loading the contact list');
    const query = child(result, 'query', NS.roster);
    this.items.clear();
    for (const node of children(query, 'item', NS.roster)) {
      const item = readItem(node);
      if (item && item !== 'remove' && item.jid !== this.core.selfBare) this.items.set(item.jid, item);
    }
    for (const item of this.items.values()) this.core.emit({ type: 'contact.upserted', contact: this.toContact(item) });
    const before = await this.core.context.storage.get(STORAGE_KEY).catch(() => undefined);
    if (Array.isArray(before)) {
      for (const jid of before) {
        if (typeof jid === 'string' && !this.items.has(jid)) this.core.emit({ type: 'contact.removed', contactId: jid });
      }
    }
    await this.save();
  }

  private async save(): Promise<void> {
    await this.core.context.storage.set(STORAGE_KEY, [...this.items.keys()]).catch((error: unknown) => {
      this.core.log.debug(`XMPP: could not save the roster list: ${String(error)}`);
    });
  }

  /** RFC 6121 §2.1.6 roster push; returns false when it must be refused (not from our server). */
  onPush(iq: Element): boolean {
    const from = attr(iq, 'from');
    if (from !== undefined && bare(from) !== this.core.selfBare) return false; // §2.1.6: ignore pushes from others
    for (const node of children(child(iq, 'query', NS.roster), 'item', NS.roster)) {
      const jid = bare(attr(node, 'jid'));
      const item = readItem(node);
      if (!jid || !item || jid === this.core.selfBare) continue;
      if (item === 'remove') {
        if (this.items.delete(jid)) this.core.emit({ type: 'contact.removed', contactId: jid });
      } else {
        this.items.set(jid, item);
        this.core.emit({ type: 'contact.upserted', contact: this.toContact(item) });
      }
    }
    void this.save();
    return true;
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
