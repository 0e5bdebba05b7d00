/**
 * One XMPP account's connection: login (see stream/), then the session's features. The
 * core reconnects after a failure by creating a new connection; a short drop is resumed
 * inside the session (XEP-0198) without the core noticing.
 */
import { randomBytes } from 'node:crypto';
import {
  ProtocolError, toProtocolErrorData,
  type ConnectionContext, type Contact, type EditMessageRequest, type HistoryPage, type HistoryRequest, type JoinRoomRequest,
  type DownloadRequest, type DownloadResult, type MemberRoleChange, type RoomDirectoryEntry, type RoomSettings, type RoomAffiliation, type AffiliationEntry, type OwnPresence, type OwnProfile, type CurrentProfile, type Presence, type PresenceOutcome, type ProtocolConnection, type ProtocolEvent, type RoomRef, type SendMessageRequest, type UploadRequest,
} from '../api/index.js';
import type { Bookmark } from './bookmarks.js';
import { WireIds } from './core.js';
import { inviteToRoom } from './directInvites.js';
import { bare, parseJid } from './jid.js';
import { afterLogin, createLive, releaseLive, startLive, type Live } from './live.js';
import { parseRoomAddress } from './mucAddress.js';
import { destroyRoom, kickMember, setMemberRole } from './mucAdmin.js';
import { roomSettings, setRoomSettings } from './mucSettings.js';
import { roomAffiliations, setRoomAffiliation } from './mucAffiliations.js';
import { downloadAesgcm } from './omemo/files.js';
import { sendRetraction } from './retraction.js';
import { profileOf } from './ownProfile.js';
import { RoomMemory } from './roomMemory.js';
import type { RosterLoadReport } from './roster.js';
import { readSettings, type XmppSettings } from './settings.js';
import { resolveEndpoints, type Endpoint } from './stream/endpoint.js';
import type { Element } from './xml.js';

/** Plugin storage: the user was invisible when last set, so the next login hides first. */
const HIDDEN_KEY = 'invisible';

export class XmppConnection implements ProtocolConnection {
  private live: Live | undefined;
  private cancelled = false;
  private readonly knownDirect = new Set<string>();
  private readonly roomMemory: RoomMemory;
  /** The account's bookmarks, read once per login. */
  private bookmarks: Promise<readonly Bookmark[]> = Promise.resolve([]);

  constructor(private readonly context: ConnectionContext) {
    this.roomMemory = new RoomMemory(context);
  }

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
      live?.selfPing.stop();
      live?.features.liveHold.release();
      if (live) await live.session.stop().catch(() => undefined);
      if (!this.isCancelled()) this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
      throw error;
    }
  }

  private async login(settings: XmppSettings, wireIds: WireIds, resource: string, endpoints: readonly Endpoint[]): Promise<void> {
    const live: Live = createLive({ context: this.context, settings, wireIds, resource, endpoints }, {
      emit: (event) => this.emit(event),
      ensureDirect: (jid) => this.ensureDirect(jid),
      nameOf: (jid) => this.nameOf(jid),
      knownDirect: (jid) => this.knownDirect.has(jid),
      roomJoined: (room) => {
        this.roomMemory.joined(live.core, live.features, room);
        void live.history.catchUpRoom(room).then(() => live.features.displayed.replay(room.jid));
      },
      roomDestroyed: (jid) => this.forgetRoom(live, jid),
      lost: (error) => this.lost(live, error),
    });
    this.live = live;
    const hidden = (await this.context.storage.get(HIDDEN_KEY).catch(() => undefined)) === true;
    await startLive(live, settings, () => this.isCancelled(), hidden);
    if (this.isCancelled()) throw new ProtocolError('network', 'The login was cancelled.');
    live.online = true;
    // Read before the core hears the account is online: its rejoin asks for them (savedRooms, joinRoom).
    this.bookmarks = live.features.bookmarks.load();
    this.emit({ type: 'connection.state', state: 'online', selfId: settings.bareJid });
    void afterLogin(live, () => this.live === live);
  }

  private lost(lostLive: Live, error: ProtocolError): void {
    const live = this.live;
    if (!live || live !== lostLive) return;
    this.live = undefined;
    void releaseLive(live);
    if (!this.cancelled) this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
  }

  async disconnect(): Promise<void> {
    this.cancelled = true;
    const live = this.live;
    this.live = undefined;
    if (live) {
      await releaseLive(live);
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

  /**
   * The session, when stanzas can be sent on it now or after its resumption. Otherwise the
   * refusal says that nothing was sent (`notSent`): the core may still count the account
   * online (the `failed` state is on its way), and keeps a message for after the reconnect.
   */
  private requireOnline(): Live {
    const live = this.live;
    if (!live?.online || !live.session.usable) throw new ProtocolError('network', 'This XMPP account is not connected.', { notSent: true });
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
    this.requireOnline();
    parseRoomAddress(request.room); // a clear error before anything is sent
    const completed = await this.roomMemory.completed(request, await this.bookmarks);
    return this.requireOnline().features.rooms.join(completed);
  }

  /** `coreRejoinsRooms`: the rooms the account's bookmarks mark for autojoin (XEP-0402 §3), which the core joins after each login. */
  async savedRooms(): Promise<readonly RoomRef[]> {
    this.requireOnline();
    return (await this.bookmarks).filter((bookmark) => bookmark.autojoin).map((bookmark) => ({ room: bookmark.room }));
  }

  async leaveRoom(conversationId: string): Promise<void> {
    const live = this.requireOnline();
    await live.features.rooms.leave(conversationId);
    await this.roomMemory.set(conversationId, undefined);
    await this.retractBookmark(live, conversationId);
  }

  /**
   * Removes the room's bookmark once the login's bookmarks are in: before, there is nothing
   * to remove yet, and the load would bring it back (a room left just after login, as the
   * core does with one left while offline, kept its autojoin bookmark).
   */
  private async retractBookmark(live: Live, jid: string): Promise<void> {
    await this.bookmarks;
    await live.features.bookmarks.retract(jid).catch((error: unknown) => live.core.log.info(`XMPP: bookmark not removed: ${toProtocolErrorData(error).message}`));
  }

  async editMessage(request: EditMessageRequest): Promise<void> {
    await this.requireOnline().sending.edit(request);
  }

  /** `deletes`: XEP-0424 retraction of one of the user's messages. */
  async deleteMessage(conversationId: string, targetNetworkId: string): Promise<void> {
    const live = this.requireOnline();
    await sendRetraction(live.core, live.features, conversationId, targetNetworkId);
  }

  async react(conversationId: string, targetNetworkId: string, reactions: readonly string[]): Promise<void> {
    await this.requireOnline().sending.react(conversationId, targetNetworkId, reactions);
  }

  async markRead(conversationId: string, networkId: string): Promise<void> {
    const live = this.requireOnline();
    await live.sending.markRead(conversationId, networkId);
    // XEP-0490: the user's other devices learn it too; a failure costs them only the unread count.
    await live.features.displayed.publish(conversationId, networkId)
      .catch((error: unknown) => live.core.log.info(`XMPP: read marker not synchronised: ${toProtocolErrorData(error).message}`));
  }

  async sendTyping(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    await this.requireOnline().sending.typing(conversationId, state);
  }

  /**
   * RFC 6121 §4.7 show/status, to the account and to each joined room; invisible (see
   * invisibility.ts) leaves the rooms' presence as it was, since occupants see the user anyway.
   */
  async setPresence(presence: OwnPresence): Promise<PresenceOutcome> {
    const live = this.requireOnline();
    const { presences, invisibility, rooms } = live.features;
    // Remembered for the next login (a reconnect), which must not show the user for a moment.
    await this.context.storage.set(HIDDEN_KEY, presence.status === 'invisible').catch(() => undefined);
    if (presence.status === 'invisible') return invisibility.hide();
    if (invisibility.hidden) await invisibility.reveal();
    const visible: Presence = { status: presence.status, ...(presence.message !== undefined ? { message: presence.message } : {}) };
    await presences.set(visible);
    const roomPresence: Presence = visible.status === 'offline' ? { status: 'available' } : visible;
    for (const room of rooms.rooms.values()) {
      if (room.joined) await live.session.send(presences.stanza(roomPresence, room.occupantJid()));
    }
    return {};
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
    const live = this.requireOnline();
    await inviteToRoom(live.core, live.features.rooms, conversationId, contactId, reason);
  }

  async setRoomNick(conversationId: string, nick: string): Promise<void> {
    const live = this.requireOnline();
    await live.features.rooms.setNick(conversationId, nick);
    const room = live.features.rooms.get(conversationId);
    if (room) await this.roomMemory.set(room.jid, { room: room.jid, nick: room.nick, ...(room.password !== undefined ? { password: room.password } : {}) });
  }

  /** `ownProfile`: XEP-0172 nickname and XEP-0084 avatar (vCard-temp fallback), see ownProfile.ts. */
  async setProfile(profile: OwnProfile): Promise<void> {
    await profileOf(this.requireOnline()).set(profile);
  }

  /** `ownProfileRead`: the nickname and avatar we publish (PEP, else our vCard). */
  async getProfile(): Promise<CurrentProfile> {
    return profileOf(this.requireOnline()).current();
  }

  async kickMember(conversationId: string, memberId: string, reason?: string): Promise<void> {
    const live = this.requireOnline();
    await kickMember(live.core, live.features.rooms.requireJoined(conversationId), memberId, reason);
  }

  /** `roomDirectory`: the public rooms of the account's MUC service (XEP-0045 §6). */
  async listRooms(query: string, limit: number): Promise<RoomDirectoryEntry[]> {
    return this.requireOnline().features.directory.list(query, limit);
  }

  /** `memberRoles`: XEP-0045 §8–§10 roles and affiliations, as mucAdmin.ts allows them. */
  async setMemberRole(conversationId: string, memberId: string, change: MemberRoleChange, reason?: string): Promise<void> {
    const live = this.requireOnline();
    await setMemberRole(live.core, live.features.rooms.requireJoined(conversationId), memberId, change, reason);
  }

  /** `destroyRooms`: §10.9. The room answers with our unavailable presence, which marks it left with a line and forgets it (forgetRoom). */
  async destroyRoom(conversationId: string, reason?: string): Promise<void> {
    const live = this.requireOnline();
    await destroyRoom(live.core, live.features.rooms.requireJoined(conversationId), reason);
  }

  /** A destroyed room is gone for good: neither this device nor a bookmark may join it again (which would create it anew). */
  private forgetRoom(live: Live, jid: string): void {
    void this.roomMemory.set(jid, undefined);
    void this.retractBookmark(live, jid);
  }

  /** `roomSettings`: the muc#owner form's members-only, persistent, moderated and password fields (§10.2). */
  async roomSettings(conversationId: string): Promise<RoomSettings> {
    const live = this.requireOnline();
    return roomSettings(live.core, live.features.rooms.requireJoined(conversationId).jid);
  }

  async setRoomSettings(conversationId: string, settings: RoomSettings): Promise<void> {
    const live = this.requireOnline();
    await setRoomSettings(live.core, live.features.rooms.requireJoined(conversationId).jid, settings);
  }

  /** `affiliationLists`: one muc#admin list by address (§9.2, §9.5, §9.8, §10.5). */
  async roomAffiliations(conversationId: string, affiliation: RoomAffiliation): Promise<AffiliationEntry[]> {
    const live = this.requireOnline();
    return roomAffiliations(live.core, live.features.rooms.requireJoined(conversationId).jid, affiliation);
  }

  async setRoomAffiliation(conversationId: string, address: string, affiliation: RoomAffiliation | 'none', reason?: string): Promise<void> {
    const live = this.requireOnline();
    await setRoomAffiliation(live.core, live.features.rooms.requireJoined(conversationId).jid, address, affiliation, reason);
  }

  async runCommand(command: string, args: string, conversationId: string | undefined): Promise<void> {
    if (command !== 'omemo') throw new ProtocolError('not-supported', `/${command} is not an XMPP command.`);
    await this.requireOnline().features.omemo.command(args, conversationId);
  }

  /** Only OMEMO's encrypted files (`aesgcm://`) need the plugin; the core fetches http(s) links itself. */
  downloadAttachment(request: DownloadRequest): Promise<DownloadResult> {
    return downloadAesgcm(request);
  }

  async uploadFile(request: UploadRequest): Promise<void> {
    await this.requireOnline().sending.upload(request);
  }

  /** For tests: drop the TCP connection as a network failure would (XEP-0198 resumption follows, after `holdResumption`). */
  simulateNetworkDrop(holdResumption?: Promise<void>): void {
    this.live?.session.dropConnection(holdResumption);
  }

  /** For tests: how many avatars this session downloaded (cached ones are not). */
  avatarDownloads(): number {
    return this.live?.features.avatars.downloads ?? 0;
  }

  /** For tests: how many disco#info queries this session answered (the server's caps lookups at login, see live.ts). */
  discoQueriesAnswered(): number {
    return this.live?.router.discoQueries ?? 0;
  }

  /** For tests: how many JIDs this session keeps presence for (bounded, see presence.ts). */
  presenceTracked(): number {
    return this.live?.features.presences.tracked ?? 0;
  }

  /** For tests: how this session's roster step went (items downloaded, from the cache or not, time). */
  rosterLoad(): RosterLoadReport | undefined {
    return this.live?.features.roster.lastLoad;
  }

  /** For tests: resolves once this device's OMEMO keys and device list are published. */
  omemoReady(): Promise<void> {
    return this.requireOnline().features.omemo.omemo.start();
  }

  /** For tests: the raw session, to inject stanzas. */
  injectStanza(element: Element): void {
    const live = this.live;
    if (!live) throw new ProtocolError('network', 'Not connected.');
    live.router.stanza(element);
  }
}
