/**
 * Presence (RFC 6121 §4): contacts' availability aggregated over their resources, our own
 * presence out (with XEP-0115 caps), and subscription requests (§3) raised to the user,
 * one open request per contact however often they ask.
 */
import { ProtocolError, type Presence, type PresenceStatus } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare, parseJid, resourceOf } from './jid.js';
import { NS, attr, child, childText, xml, type Element } from './xml.js';

const RANK: Record<PresenceStatus, number> = {
  chat: 6, available: 5, away: 4, 'extended-away': 3, busy: 2, unknown: 1, offline: 0,
};
const MAX_OPEN_REQUESTS = 200;
const MAX_RESOURCES = 50;
/**
 * Entities outside the roster whose presence we keep (directed presence, RFC 6121 §4.6; room
 * occupants' private chats). Anyone can send presence from any number of JIDs, so this is a
 * window: the least recently heard stranger is forgotten first. Roster contacts do not count.
 */
export const MAX_STRANGERS = 1_000;

/** RFC 6121 §4.7.2.1 `<show/>` to our status. */
export function statusFromShow(show: string | undefined): PresenceStatus {
  switch (show) {
    case 'chat': return 'chat';
    case 'away': return 'away';
    case 'xa': return 'extended-away';
    case 'dnd': return 'busy';
    default: return 'available';
  }
}

/** Our status to `<show/>` (undefined: plain available). */
export function showFromStatus(status: PresenceStatus): string | undefined {
  switch (status) {
    case 'chat': return 'chat';
    case 'away': return 'away';
    case 'extended-away': return 'xa';
    case 'busy': return 'dnd';
    default: return undefined;
  }
}

/** The presence in an available `<presence/>` stanza. */
export function readPresence(stanza: Element): Presence {
  const message = childText(stanza, 'status', NS.client)?.trim().slice(0, 1000);
  return { status: statusFromShow(childText(stanza, 'show', NS.client)?.trim()), ...(message ? { message } : {}) };
}

interface ResourcePresence {
  readonly presence: Presence;
  readonly priority: number;
}

export class Presences {
  private readonly resources = new Map<string, Map<string, ResourcePresence>>();
  /** What we last reported per JID; only while it has a resource online (offline is the default). */
  private readonly lastEmitted = new Map<string, string>();
  /** JIDs outside the roster with presence here, least recently heard first. */
  private readonly strangers = new Set<string>();
  /** Open subscription requests, by JID. */
  private readonly requests = new Set<string>();
  own: Presence = { status: 'available' };

  constructor(
    private readonly core: XmppCore,
    private readonly caps: () => Element,
    private readonly contactChanged: (jid: string) => void,
    private readonly isContact: (jid: string) => boolean,
  ) {}

  /** The best presence over a contact's resources (RFC 6121 §4.7.2.3 priority first). */
  of(jid: string): Presence {
    const all = this.resources.get(jid);
    if (!all || all.size === 0) return { status: 'offline' };
    let best: ResourcePresence | undefined;
    for (const entry of all.values()) {
      if (!best || entry.priority > best.priority
        || (entry.priority === best.priority && RANK[entry.presence.status] > RANK[best.presence.status])) best = entry;
    }
    return best?.presence ?? { status: 'offline' };
  }

  hasRequestFrom(jid: string): boolean {
    return this.requests.has(jid);
  }

  requestId(jid: string): string {
    return `subscription:${jid}`;
  }

  /** Handle a presence stanza that is not for a room. */
  onPresence(stanza: Element): void {
    const from = attr(stanza, 'from');
    const jid = bare(from);
    if (!from || !jid) return;
    const type = attr(stanza, 'type');
    switch (type) {
      case undefined:
      case 'unavailable':
        if (jid === this.core.selfBare) return; // our other devices
        this.onAvailability(jid, resourceOf(from) ?? '', type === undefined ? stanza : undefined);
        return;
      case 'subscribe':
        this.onSubscribe(jid, stanza);
        return;
      case 'unsubscribe':
        this.closeRequest(jid);
        return;
      case 'subscribed':
      case 'unsubscribed':
        this.contactChanged(jid); // the roster push that follows carries the new state
        return;
      case 'error':
        this.core.log.info(`XMPP: presence error from ${jid}`);
        this.onAvailability(jid, resourceOf(from) ?? '', undefined);
        return;
      default:
        return; // probe and unknown types: nothing for a client to do (RFC 6121 §4.3)
    }
  }

  private onAvailability(jid: string, resource: string, available: Element | undefined): void {
    let all = this.resources.get(jid);
    if (!all && !available) return; // already offline: nothing to say, nothing to keep
    if (available && !this.isContact(jid)) {
      this.strangers.delete(jid);
      this.strangers.add(jid);
      if (this.strangers.size > MAX_STRANGERS) {
        const oldest = this.strangers.values().next();
        if (!oldest.done) this.forget(oldest.value);
      }
    }
    if (available) {
      if (!all) {
        all = new Map();
        this.resources.set(jid, all);
      }
      const priority = Number(childText(available, 'priority', NS.client) ?? '0');
      if (all.size < MAX_RESOURCES || all.has(resource)) {
        all.set(resource, { presence: readPresence(available), priority: Number.isInteger(priority) ? priority : 0 });
      }
    } else if (all) {
      all.delete(resource);
      if (all.size === 0) this.resources.delete(jid);
    }
    this.report(jid);
  }

  private report(jid: string): void {
    const presence = this.of(jid);
    const key = JSON.stringify(presence);
    if (this.lastEmitted.get(jid) === key) return;
    if (presence.status === 'offline') {
      this.lastEmitted.delete(jid);
      this.strangers.delete(jid);
    } else {
      this.lastEmitted.set(jid, key);
    }
    this.core.emit({ type: 'presence.changed', contactId: jid, presence });
  }

  /**
   * A contact left the roster: with the subscription gone no further presence comes (Prosody
   * sends no unavailable to us), so what we know is dropped and shown offline.
   */
  contactRemoved(jid: string): void {
    this.forget(jid);
  }

  /** Drop a JID's presence (shown offline): a stranger to make room, or a removed contact. */
  private forget(jid: string): void {
    this.strangers.delete(jid);
    if (!this.resources.delete(jid)) return;
    this.report(jid);
  }

  /** For tests and diagnostics: how many JIDs have presence state here. */
  get tracked(): number {
    return this.resources.size;
  }

  private onSubscribe(jid: string, stanza: Element): void {
    if (jid === this.core.selfBare || this.requests.has(jid)) return; // one open request per JID
    if (this.requests.size >= MAX_OPEN_REQUESTS) {
      this.core.log.warn(`XMPP: ignoring a subscription request from ${jid}: too many open requests`);
      return;
    }
    this.requests.add(jid);
    const status = childText(stanza, 'status', NS.client)?.trim().slice(0, 500);
    const nick = childText(stanza, 'nick', NS.nick)?.trim().slice(0, 100);
    this.core.emit({
      type: 'request.raised',
      request: {
        id: this.requestId(jid),
        kind: 'subscription',
        title: `${nick ? `${nick} (${jid})` : jid} wants to add you as a contact and see your presence`,
        fromId: jid,
        ...(status ? { detail: status } : {}),
        choices: [{ id: 'accept', label: 'Accept' }, { id: 'decline', label: 'Decline' }],
      },
    });
    this.contactChanged(jid);
  }

  private closeRequest(jid: string): void {
    if (!this.requests.delete(jid)) return;
    this.core.emit({ type: 'request.closed', requestId: this.requestId(jid) });
    this.contactChanged(jid);
  }

  /** RFC 6121 §3.1.4–§3.1.5: approve (and ask back, for a mutual subscription) or deny. */
  async answer(jid: string, choice: string, subscribedTo: boolean): Promise<void> {
    if (choice !== 'accept' && choice !== 'decline') throw new ProtocolError('protocol', `"${choice}" is not an answer to a subscription request.`);
    if (choice === 'accept') {
      await this.core.send(xml('presence', { to: jid, type: 'subscribed' }));
      if (!subscribedTo) await this.core.send(xml('presence', { to: jid, type: 'subscribe' }));
    } else {
      await this.core.send(xml('presence', { to: jid, type: 'unsubscribed' }));
    }
    this.closeRequest(jid);
  }

  /** Our presence stanza (RFC 6121 §4.2 initial presence and §4.4 updates). */
  stanza(presence: Presence, to?: string): Element {
    if (presence.status === 'offline') return xml('presence', { type: 'unavailable', ...(to ? { to } : {}) });
    const show = showFromStatus(presence.status);
    return xml('presence', to ? { to } : {},
      ...(show ? [xml('show', {}, show)] : []),
      ...(presence.message ? [xml('status', {}, presence.message.slice(0, 1000))] : []),
      this.caps(),
      ...(this.photoHash !== undefined ? [xml('x', { xmlns: NS.vcardUpdate }, xml('photo', {}, this.photoHash))] : []));
  }

  /** XEP-0153 §3.2: the hash of the photo we put in our vCard, announced in every presence. */
  photoHash: string | undefined;

  async set(presence: Presence): Promise<void> {
    this.own = presence;
    await this.core.send(this.stanza(presence));
  }

  /** Forget everyone's presence (the session ended). */
  clear(): void {
    this.resources.clear();
    this.lastEmitted.clear();
    this.strangers.clear();
  }

  /** Occupant presence in rooms is read elsewhere; `from` for a room is its occupant JID. */
  static isMucPresence(stanza: Element): boolean {
    return child(stanza, 'x', NS.mucUser) !== undefined || child(stanza, 'x', NS.muc) !== undefined;
  }

  static nickOf(from: string | undefined): string | undefined {
    return parseJid(from)?.resource;
  }
}
