/**
 * One XMPP account's connection: login (see stream/), then the session's features. The
 * core reconnects after a failure by creating a new connection; a short drop is resumed
 * inside the session (XEP-0198) without the core noticing.
 */
import { randomBytes } from 'node:crypto';
import {
  ProtocolError, toProtocolErrorData,
  type ConnectionContext, type Contact, type EditMessageRequest, type HistoryPage, type HistoryRequest, type JoinRoomRequest,
  type Presence, type ProtocolConnection, type ProtocolEvent, type SendMessageRequest, type UploadRequest,
} from '../api/index.js';
import { WireIds, type XmppCore } from './core.js';
import { createFeatures, type Features } from './features.js';
import { History } from './history.js';
import { IncomingRouter } from './incoming.js';
import { bare, parseJid } from './jid.js';
import { parseRoomAddress } from './muc.js';
import type { Room } from './mucState.js';
import { Sending } from './sending.js';
import { readSettings, type XmppSettings } from './settings.js';
import { iqFailure } from './stanzaErrors.js';
import { resolveEndpoints } from './stream/endpoint.js';
import { XmppSession } from './stream/session.js';
import { NS, xml, type Element } from './xml.js';

const LOGIN_TIMEOUT_MS = 45_000;
const JOINED_ROOMS_KEY = 'rooms.joined';

interface Live {
  readonly session: XmppSession;
  readonly core: XmppCore;
  readonly features: Features;
  readonly sending: Sending;
  readonly history: History;
  online: boolean;
}

interface RememberedRoom {
  readonly room: string;
  readonly nick: string;
  readonly password?: string;
}

export class XmppConnection implements ProtocolConnection {
  private live: Live | undefined;
  private cancelled = false;
  private readonly knownDirect = new Set<string>();

  constructor(private readonly context: ConnectionContext) {}

  private emit(event: ProtocolEvent): void {
    try {
      this.context.emit(event);
    } catch (error: unknown) {
      this.context.log.warn(`XMPP: emitting ${event.type} failed: ${toProtocolErrorData(error).message}`);
    }
  }

  private async stored(key: string, create: () => string): Promise<string> {
    const value = await this.context.storage.get(key).catch(() => undefined);
    if (typeof value === 'string' && value !== '') return value;
    const created = create();
    await this.context.storage.set(key, created).catch(() => undefined);
    return created;
  }

  async connect(): Promise<void> {
    if (this.live) throw new ProtocolError('internal', 'This XMPP account is already connected or connecting.');
    this.cancelled = false;
    this.emit({ type: 'connection.state', state: 'connecting' });
    try {
      const settings = readSettings(this.context.settings);
      const tag = await this.stored('wireTag', () => randomBytes(4).toString('hex'));
      const resource = settings.resource ?? await this.stored('resource', () => `switchboard.${randomBytes(3).toString('hex')}`);
      const endpoints = await resolveEndpoints(settings.jid.domain, settings.security, settings.server, settings.port);
      await this.login(settings, new WireIds(tag), resource, endpoints);
    } catch (thrown: unknown) {
      const error = thrown instanceof ProtocolError ? thrown : new ProtocolError('internal', toProtocolErrorData(thrown).message);
      const live = this.takeLive();
      if (live) await live.session.stop().catch(() => undefined);
      if (!this.isCancelled()) this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
      throw error;
    }
  }

  private async login(settings: XmppSettings, wireIds: WireIds, resource: string, endpoints: Awaited<ReturnType<typeof resolveEndpoints>>): Promise<void> {
    const log = this.context.log;
    const session: XmppSession = new XmppSession({
      domain: settings.jid.domain,
      security: settings.security,
      policy: { domain: settings.jid.domain, ...(settings.trustedFingerprint ? { trustedFingerprint: settings.trustedFingerprint } : {}) },
      credentials: { username: settings.jid.local, password: settings.password, account: settings.bareJid, allowPlainPassword: settings.allowPlainPassword },
      resource,
      endpoints,
      log,
    }, {
      stanza: (element) => router.stanza(element), // no stanza before start(), after router exists
      interrupted: (error) => {
        log.info(`XMPP: connection dropped (${error.message}); resuming the session`);
        this.emit({ type: 'connection.state', state: 'reconnecting', error: error.toData() });
      },
      resumed: () => this.emit({ type: 'connection.state', state: 'online', selfId: settings.bareJid }),
      lost: (error) => this.lost(session, error),
    });
    const core: XmppCore = {
      context: this.context,
      log,
      selfBare: settings.bareJid,
      selfFull: () => session.jid,
      emit: (event) => this.emit(event),
      send: (element, tracking) => session.send(element, tracking),
      iq: async (element, what, timeoutMs) => {
        try {
          return await session.iq(element, timeoutMs);
        } catch (error: unknown) {
          throw iqFailure(error, what);
        }
      },
      wireIds,
      ensureDirect: (jid) => this.ensureDirect(jid),
      nameOf: (jid) => this.nameOf(jid),
    };
    const features = createFeatures(core, settings.jid.domain, {
      roomJoined: (room) => this.roomJoined(room),
      bookmarkJoin: (bookmark) => {
        void this.joinQuietly(bookmark.room, bookmark.nick, bookmark.password);
      },
      bookmarkLeave: (room) => {
        void this.live?.features.rooms.leave(room).catch(() => undefined);
      },
      knownDirect: (jid) => this.knownDirect.has(jid),
    });
    const router = new IncomingRouter(core, features);
    const live: Live = { session, core, features, sending: new Sending(core, features), history: new History(core, features), online: false };
    this.live = live;

    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ProtocolError('network', `Logging in to ${settings.jid.domain} took longer than ${LOGIN_TIMEOUT_MS / 1000} s.`)), LOGIN_TIMEOUT_MS);
    });
    try {
      await Promise.race([session.start(), deadline]);
      if (this.cancelled) throw new ProtocolError('network', 'The login was cancelled.');
      // RFC 6121 §2.2 roster first, then XEP-0191 and XEP-0280, then initial presence (§4.2).
      await Promise.race([features.roster.load(), deadline]);
      await Promise.race([features.blocklist.load(), deadline]);
      await session.iq(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS.carbons }))).catch(() => {
        log.info('XMPP: the server does not offer carbons (XEP-0280)');
      });
      await session.send(features.presences.stanza(features.presences.own));
    } finally {
      clearTimeout(timer);
    }
    if (this.isCancelled()) throw new ProtocolError('network', 'The login was cancelled.');
    live.online = true;
    this.emit({ type: 'connection.state', state: 'online', selfId: settings.bareJid });
    void this.afterLogin(live);
  }

  /** Catch up with the archive and rejoin rooms; failures are logged, never fatal. */
  private async afterLogin(live: Live): Promise<void> {
    const { features, core } = live;
    try {
      const count = await features.archive.catchUp('mam.self', undefined, (archived) => live.history.deliverDirect(archived));
      core.log.info(`XMPP: caught up ${count} archived message(s)`);
    } catch (error: unknown) {
      core.log.info(`XMPP: no archive catch-up: ${toProtocolErrorData(error).message}`);
    }
    if (this.live !== live) return;
    const bookmarks = await features.bookmarks.load();
    const remembered = await this.rememberedRooms();
    const toJoin = new Map<string, RememberedRoom>();
    for (const bookmark of bookmarks) {
      if (bookmark.autojoin) toJoin.set(bookmark.room, { room: bookmark.room, nick: bookmark.nick ?? '', ...(bookmark.password !== undefined ? { password: bookmark.password } : {}) });
    }
    for (const room of remembered) toJoin.set(room.room, room);
    await Promise.all([...toJoin.values()].map((room) => this.joinQuietly(room.room, room.nick || undefined, room.password)));
    void features.uploads.discover();
  }

  private async joinQuietly(room: string, nick: string | undefined, password: string | undefined): Promise<void> {
    const live = this.live;
    if (!live) return;
    try {
      await live.features.rooms.join({ room, ...(password !== undefined ? { password } : {}), ...(nick ? { nick } : {}) });
    } catch (error: unknown) {
      live.core.log.info(`XMPP: could not rejoin ${room}: ${toProtocolErrorData(error).message}`);
      this.emit({ type: 'server.notice', text: `Could not rejoin ${room}: ${toProtocolErrorData(error).message}`, timestamp: Date.now() });
    }
  }

  private async rememberedRooms(): Promise<RememberedRoom[]> {
    const value = await this.context.storage.get(JOINED_ROOMS_KEY).catch(() => undefined);
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const record = entry as Record<string, unknown>;
      const room = typeof record['room'] === 'string' ? bare(record['room']) : undefined;
      if (!room) return [];
      return [{ room, nick: typeof record['nick'] === 'string' ? record['nick'] : '', ...(typeof record['password'] === 'string' ? { password: record['password'] } : {}) }];
    });
  }

  private async rememberRoom(room: string, entry: RememberedRoom | undefined): Promise<void> {
    const rooms = (await this.rememberedRooms()).filter((known) => known.room !== room);
    if (entry) rooms.push(entry);
    await this.context.storage.set(JOINED_ROOMS_KEY, rooms).catch(() => undefined);
  }

  private roomJoined(room: Room): void {
    const live = this.live;
    if (!live) return;
    live.features.invitations.joined(room.jid);
    void this.rememberRoom(room.jid, { room: room.jid, nick: room.nick, ...(room.password !== undefined ? { password: room.password } : {}) });
    const known = live.features.bookmarks.items.get(room.jid);
    if (!known?.autojoin) {
      void live.features.bookmarks.publish({ room: room.jid, autojoin: true, nick: room.nick, ...(room.title ? { name: room.title } : {}), ...(room.password !== undefined ? { password: room.password } : {}) })
        .catch((error: unknown) => live.core.log.info(`XMPP: bookmark not saved: ${toProtocolErrorData(error).message}`));
    }
    void live.history.catchUpRoom(room);
  }

  private lost(session: XmppSession, error: ProtocolError): void {
    const live = this.live;
    if (!live || live.session !== session) return;
    this.live = undefined;
    live.features.rooms.clear();
    void live.features.positions.flush();
    if (!this.cancelled) this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
  }

  async disconnect(): Promise<void> {
    this.cancelled = true;
    const live = this.live;
    this.live = undefined;
    if (live) {
      live.features.rooms.clear();
      await live.features.positions.flush();
      await live.session.stop().catch(() => undefined);
    }
    this.emit({ type: 'connection.state', state: 'offline' });
  }

  /** A method, so that the check is not narrowed away across awaits. */
  private isCancelled(): boolean {
    return this.cancelled;
  }

  /** A method, so that the check is not narrowed away across awaits. */
  private takeLive(): Live | undefined {
    const live = this.live;
    this.live = undefined;
    return live;
  }

  private requireOnline(): Live {
    const live = this.live;
    if (!live?.online || !live.session.usable) throw new ProtocolError('network', 'This XMPP account is not connected.');
    return live;
  }

  private ensureDirect(jid: string): void {
    if (this.knownDirect.has(jid)) return;
    this.knownDirect.add(jid);
    this.emit({ type: 'conversation.upserted', conversation: { id: jid, kind: 'direct', title: this.nameOf(jid) } });
  }

  private nameOf(jid: string): string {
    const item = this.live?.features.roster.items.get(jid);
    if (item?.name) return item.name;
    const parsed = parseJid(jid);
    if (parsed?.resource && this.live?.features.rooms.get(bare(jid))) return parsed.resource; // a room's occupant
    return parsed?.local ?? jid;
  }

  // --- ProtocolConnection operations ---

  openDirect(contactId: string): Promise<{ readonly conversationId: string }> {
    const jid = parseJid(contactId.trim().replace(/^xmpp:/, ''));
    if (!jid) return Promise.reject(new ProtocolError('protocol', `"${contactId}" is not an XMPP address (like alice@example.org).`));
    const room = this.live?.features.rooms.get(bare(contactId.trim()));
    const id = room && jid.resource ? contactId.trim() : bare(contactId.trim()) ?? contactId.trim();
    this.ensureDirect(id);
    return Promise.resolve({ conversationId: id });
  }

  async sendMessage(request: SendMessageRequest): Promise<void> {
    const live = this.requireOnline();
    this.knownDirect.add(request.conversationId);
    await live.sending.message(request);
  }

  async joinRoom(request: JoinRoomRequest): Promise<{ readonly conversationId: string }> {
    const live = this.requireOnline();
    parseRoomAddress(request.room); // a clear error before anything is sent
    return live.features.rooms.join(request);
  }

  async leaveRoom(conversationId: string): Promise<void> {
    const live = this.requireOnline();
    await live.features.rooms.leave(conversationId);
    await this.rememberRoom(conversationId, undefined);
    await live.features.bookmarks.retract(conversationId).catch((error: unknown) => live.core.log.info(`XMPP: bookmark not removed: ${toProtocolErrorData(error).message}`));
  }

  async editMessage(request: EditMessageRequest): Promise<void> {
    await this.requireOnline().sending.edit(request);
  }

  async react(conversationId: string, targetNetworkId: string, reactions: readonly string[]): Promise<void> {
    await this.requireOnline().sending.react(conversationId, targetNetworkId, reactions);
  }

  async markRead(conversationId: string, networkId: string): Promise<void> {
    await this.requireOnline().sending.markRead(conversationId, networkId);
  }

  async sendTyping(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    await this.requireOnline().sending.typing(conversationId, state);
  }

  async setPresence(presence: Presence): Promise<void> {
    const live = this.requireOnline();
    await live.features.presences.set(presence);
    const roomPresence: Presence = presence.status === 'offline' ? { status: 'available' } : presence;
    for (const room of live.features.rooms.rooms.values()) {
      if (room.joined) await live.session.send(live.features.presences.stanza(roomPresence, room.occupantJid()));
    }
  }

  async setTopic(conversationId: string, topic: string): Promise<void> {
    const live = this.requireOnline();
    await live.features.roomMessages.setTopic(live.features.rooms.requireJoined(conversationId), topic);
  }

  async fetchHistory(request: HistoryRequest): Promise<HistoryPage> {
    return this.requireOnline().history.page(request);
  }

  async addContact(contact: Pick<Contact, 'id'> & Partial<Pick<Contact, 'displayName' | 'groups'>>): Promise<void> {
    await this.requireOnline().features.roster.add(contact.id, contact.displayName, contact.groups);
  }

  async updateContact(contact: Pick<Contact, 'id'> & Partial<Pick<Contact, 'displayName' | 'groups'>>): Promise<void> {
    await this.requireOnline().features.roster.update(contact.id, contact.displayName, contact.groups);
  }

  async removeContact(contactId: string): Promise<void> {
    await this.requireOnline().features.roster.remove(contactId);
  }

  async setBlocked(contactId: string, blocked: boolean): Promise<void> {
    await this.requireOnline().features.blocklist.set(contactId, blocked);
  }

  async answerRequest(requestId: string, choiceId: string): Promise<void> {
    const live = this.requireOnline();
    if (requestId.startsWith('subscription:')) {
      const jid = requestId.slice('subscription:'.length);
      if (!live.features.presences.hasRequestFrom(jid)) throw new ProtocolError('protocol', `There is no open request from ${jid}.`);
      const item = live.features.roster.items.get(jid);
      await live.features.presences.answer(jid, choiceId, item?.subscription === 'to' || item?.subscription === 'both' || item?.askPending === true);
      return;
    }
    if (requestId.startsWith('invite:')) {
      const room = requestId.slice('invite:'.length);
      await live.features.invitations.answer(room, choiceId, (jid, password) =>
        live.features.rooms.join({ room: jid, ...(password !== undefined ? { password } : {}) }));
      return;
    }
    throw new ProtocolError('protocol', `Unknown request ${requestId}.`);
  }

  async inviteToRoom(conversationId: string, contactId: string, reason?: string): Promise<void> {
    await this.requireOnline().features.rooms.invite(conversationId, contactId, reason);
  }

  async kickMember(conversationId: string, memberId: string, reason?: string): Promise<void> {
    await this.requireOnline().features.rooms.kick(conversationId, memberId, reason);
  }

  async uploadFile(request: UploadRequest): Promise<void> {
    await this.requireOnline().sending.upload(request);
  }

  /** For tests: drop the TCP connection as a network failure would (XEP-0198 resumption follows). */
  simulateNetworkDrop(): void {
    this.live?.session.dropConnection();
  }

  /** For tests: the raw session, to inject stanzas. */
  injectStanza(element: Element): void {
    const live = this.live;
    if (!live) throw new ProtocolError('network', 'Not connected.');
    new IncomingRouter(live.core, live.features).stanza(element);
  }
}
