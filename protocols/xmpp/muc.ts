/**
 * Multi-user chat (XEP-0045): joining (nickname, password, nick conflicts), leaving,
 * occupants with roles and affiliations, nick changes, kicks and bans, room destruction.
 * Room messages are in mucMessages.ts.
 */
import { ProtocolError, type JoinRoomRequest } from '../api/index.js';
import type { XmppCore } from './core.js';
import { parseJid, resourceOf, bare } from './jid.js';
import { parseRoomAddress, type ParsedRoom } from './mucAddress.js';
import { acceptInstantRoom, destroyedLine, standingLine } from './mucAdmin.js';
import { Room, readOccupantPresence, type OccupantPresence } from './mucState.js';
import { describeStanzaError } from './stanzaErrors.js';
import { NS, attr, child, children, xml, type Element } from './xml.js';

const JOIN_TIMEOUT_MS = 20_000;
const NICK_RETRIES = 3;
const MAX_ROOMS = 500;
/**
 * Occupants kept per room: a room (or a hostile service) can announce any number, and each
 * is memory here and a member in the UI. The largest public XMPP rooms have a few thousand.
 */
export const MAX_OCCUPANTS = 5_000;

export class Rooms {
  readonly rooms = new Map<string, Room>();

  constructor(
    private readonly core: XmppCore,
    private readonly presenceStanza: (to: string) => Element,
    /** After a join: archive catch-up and remembering the room. */
    private readonly joined: (room: Room) => void,
    /** The room was destroyed (§10.9): its bookmark and memory go. */
    private readonly destroyed: (jid: string) => void,
  ) {}

  get(jid: string | undefined): Room | undefined {
    return jid === undefined ? undefined : this.rooms.get(jid);
  }

  private defaultNick(): string {
    return parseJid(this.core.selfBare)?.local ?? 'switchboard';
  }

  /** XEP-0045 §7.2: join, waiting for our own presence (status 110). */
  join(request: JoinRoomRequest & { readonly nick?: string }): Promise<{ readonly conversationId: string }> {
    const parsed = parseRoomAddress(request.room);
    const existing = this.rooms.get(parsed.jid);
    if (existing?.joined) return Promise.resolve({ conversationId: existing.jid });
    if (existing?.joinTask) return existing.joinTask; // already on its way in
    if (!existing && this.rooms.size >= MAX_ROOMS) return Promise.reject(new ProtocolError('protocol', 'Too many rooms are open on this account.'));
    const room = existing ?? new Room(parsed.jid, parsed.nick ?? request.nick ?? this.defaultNick(), parseJid(parsed.jid)?.local ?? parsed.jid);
    this.rooms.set(room.jid, room);
    const task = this.joinNow(room, parsed, request).finally(() => {
      room.joinTask = undefined;
    });
    room.joinTask = task;
    return task;
  }

  private async joinNow(room: Room, parsed: ParsedRoom, request: JoinRoomRequest): Promise<{ readonly conversationId: string }> {
    try {
      const info = await this.discoRoom(room.jid);
      if (info.passwordProtected && !request.password && room.password === undefined) {
        throw new ProtocolError('protocol', `${room.jid} is protected by a password: join again with the room's password.`);
      }
      if (info.name) room.title = info.name;
      if (parsed.nick) room.nick = parsed.nick;
      if (request.password !== undefined) room.password = request.password;
      room.archived = info.archived;
      const baseNick = room.nick;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.sendJoin(room);
          break;
        } catch (error: unknown) {
          const conflict = error instanceof ProtocolError && /nickname .* in use/.test(error.message);
          if (!conflict || attempt >= NICK_RETRIES) throw error;
          room.nick = `${baseNick}${'_'.repeat(attempt + 1)}`;
        }
      }
    } catch (error: unknown) {
      if (!room.joined && this.rooms.get(room.jid) === room) this.rooms.delete(room.jid);
      throw error;
    }
    if (room.created) await this.openCreated(room);
    this.joined(room);
    return { conversationId: room.jid };
  }

  /**
   * §10.1.2: our join created the room, which stays locked to everyone else until its owner
   * accepts a configuration: we accept the server's defaults (an instant room). If the room
   * refuses, the user reads why; they are in it either way.
   */
  private async openCreated(room: Room): Promise<void> {
    room.created = false;
    try {
      await acceptInstantRoom(this.core, room.jid);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.event(room, `The new room could not be opened to others: ${message}`);
    }
  }

  private async discoRoom(jid: string): Promise<{ passwordProtected: boolean; archived: boolean; name?: string }> {
    try {
      const result = await this.core.iq(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), `Looking up ${jid}`, 10_000);
      const query = child(result, 'query', NS.discoInfo);
      const features = new Set(children(query, 'feature', NS.discoInfo).map((node) => attr(node, 'var')));
      const name = attr(child(query, 'identity', NS.discoInfo) ?? xml('x'), 'name')?.trim().slice(0, 200);
      return { passwordProtected: features.has('muc_passwordprotected'), archived: features.has(NS.mam), ...(name ? { name } : {}) };
    } catch {
      return { passwordProtected: false, archived: false }; // a new room, or a service that does not say
    }
  }

  private sendJoin(room: Room): Promise<void> {
    room.occupants.clear();
    room.subjectSeen = false;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        room.joining = undefined;
        reject(new ProtocolError('network', `${room.jid} did not answer the request to join within ${JOIN_TIMEOUT_MS / 1000} s.`));
      }, JOIN_TIMEOUT_MS);
      room.joining = {
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      };
    });
    // §7.2.14: no room history when the room has an archive (we page it with MAM instead).
    const mucX = xml('x', { xmlns: NS.muc },
      xml('history', room.archived ? { maxstanzas: '0' } : { maxstanzas: '50' }),
      ...(room.password !== undefined ? [xml('password', {}, room.password)] : []));
    const presence = this.presenceStanza(room.occupantJid());
    presence.append(mucX);
    this.core.send(presence).catch((error: unknown) => room.joining?.reject(error instanceof Error ? error : new Error(String(error))));
    return done;
  }

  /** §7.14: leave, waiting for our unavailable presence. */
  async leave(jid: string): Promise<void> {
    const room = this.rooms.get(jid);
    if (!room) return;
    if (!room.joined) {
      this.rooms.delete(jid);
      return;
    }
    const left = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => resolve(), 10_000); // the server may be gone: we leave anyway
      room.leaving = { resolve: () => { clearTimeout(timer); resolve(); }, reject: (error) => { clearTimeout(timer); reject(error); } };
    });
    left.catch(() => undefined); // settled while the presence is sent: awaited below (see setNick)
    await this.core.send(xml('presence', { to: room.occupantJid(), type: 'unavailable' }));
    await left;
    this.markLeft(room);
  }

  /**
   * XEP-0410: the room forgot us silently; join again under the same nick (the join brings
   * the archive catch-up). The user sees why; if the join fails, the room shows as left.
   */
  async rejoin(jid: string): Promise<void> {
    const room = this.rooms.get(jid);
    if (!room?.joined || room.joinTask) return;
    room.joined = false;
    this.event(room, `${room.jid} no longer counted you as present; joining again`);
    try {
      await this.join({ room: room.jid, ...(room.password !== undefined ? { password: room.password } : {}) });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.core.log.info(`XMPP: could not rejoin ${jid}: ${message}`);
      this.core.emit({ type: 'conversation.upserted', conversation: room.conversation() });
      this.core.emit({ type: 'server.notice', text: `Could not rejoin ${jid}: ${message}`, timestamp: Date.now() });
    }
  }

  private markLeft(room: Room): void {
    if (!this.rooms.has(room.jid)) return;
    this.rooms.delete(room.jid);
    room.joined = false;
    this.core.emit({ type: 'conversation.upserted', conversation: room.conversation() });
  }

  private event(room: Room, body: string, actor?: string): void {
    this.core.emit({
      type: 'message.received',
      message: { conversationId: room.jid, senderId: actor ? room.occupantJid(actor) : room.jid, senderName: actor ?? room.title, kind: 'event', body, timestamp: Date.now() },
    });
  }

  /** A presence from room@service[/nick]. Returns false when it is not from a known room. */
  onPresence(stanza: Element): boolean {
    const from = attr(stanza, 'from');
    const room = this.get(bare(from));
    if (!room) return false;
    const nick = resourceOf(from);
    room.lastHeard = Date.now();
    if (attr(stanza, 'type') === 'error') {
      if (room.renaming && nick === room.renaming.nick) this.onNickError(room, stanza);
      else if (nick === room.nick || nick === undefined) this.onJoinError(room, stanza);
      return true;
    }
    if (nick === undefined) return true;
    const update = readOccupantPresence(stanza, nick);
    const self = update.codes.has('110') || nick === room.nick;
    if (self) this.onSelfPresence(room, update);
    else this.onOccupantPresence(room, update);
    return true;
  }

  private onJoinError(room: Room, stanza: Element): void {
    const info = describeStanzaError(stanza, `Joining ${room.jid}`);
    const reasons: Record<string, string> = {
      'not-authorized': `${room.jid} needs a password, and the one given is missing or wrong.`,
      'forbidden': `You are banned from ${room.jid}.`,
      'registration-required': `${room.jid} is for members only.`,
      'conflict': `The nickname "${room.nick}" is in use in ${room.jid}.`,
      'service-unavailable': `${room.jid} is full or does not accept you now.`,
      'item-not-found': `${room.jid} does not exist and cannot be created.`,
      'not-allowed': `${room.jid} cannot be created by you.`,
    };
    const error = new ProtocolError(info.kind === 'rate-limited' ? 'rate-limited' : 'protocol', reasons[info.condition] ?? info.message);
    if (room.joining) {
      const joining = room.joining;
      room.joining = undefined;
      joining.reject(error);
    } else {
      this.core.log.info(`XMPP: presence error from ${room.jid}: ${info.message}`);
    }
  }

  private onSelfPresence(room: Room, update: OccupantPresence): void {
    const before = room.occupants.get(update.nick);
    if (update.available) {
      room.nick = update.nick;
      room.occupants.set(update.nick, update.occupant);
      if (room.renaming && room.renaming.nick === update.nick) {
        room.renaming.resolve();
        room.renaming = undefined;
      }
      if (room.joining) {
        const joining = room.joining;
        room.joining = undefined;
        room.joined = true;
        room.created = update.codes.has('201');
        this.core.emit({ type: 'conversation.upserted', conversation: room.conversation() });
        this.core.emit({ type: 'members.changed', conversationId: room.jid, reset: true, added: room.members(this.core.selfBare) });
        joining.resolve();
      } else if (room.joined) {
        // Our own role or affiliation decides what we may do to everyone else (§5): all are announced again.
        const standingChanged = before?.role !== update.occupant.role || before.affiliation !== update.occupant.affiliation;
        const added = standingChanged ? room.members(this.core.selfBare) : [room.toMember(update.occupant, this.core.selfBare)];
        this.core.emit({ type: 'members.changed', conversationId: room.jid, added });
        const line = before ? standingLine(undefined, before, update.occupant) : undefined;
        if (line) this.event(room, line);
      }
      return;
    }
    if (update.codes.has('303') && update.newNick) {
      room.occupants.delete(update.nick);
      room.nick = update.newNick; // our new nick's presence follows
      this.event(room, `You are now known as ${update.newNick}`);
      return;
    }
    if (room.leaving) {
      room.leaving.resolve();
      room.leaving = undefined;
      return;
    }
    const by = update.actor ? ` by ${update.actor}` : '';
    const why = update.reason ? ` (${update.reason})` : '';
    if (update.codes.has('307')) this.event(room, `You were kicked${by}${why}`);
    else if (update.codes.has('301')) this.event(room, `You were banned${by}${why}`);
    else if (update.destroyed) {
      this.event(room, destroyedLine(update));
      this.destroyed(room.jid);
    }
    else if (update.codes.has('321') || update.codes.has('322')) this.event(room, 'You were removed because the room is now members-only');
    else if (update.codes.has('332')) this.event(room, 'You were removed because the service is shutting down');
    this.markLeft(room);
  }

  private onOccupantPresence(room: Room, update: OccupantPresence): void {
    const before = room.occupants.get(update.nick);
    const self = this.core.selfBare;
    if (update.available) {
      // One place stays for us: our own presence comes last in a join (XEP-0045 §7.2.3).
      if (!before && room.occupants.size >= MAX_OCCUPANTS - (room.occupants.has(room.nick) ? 0 : 1)) {
        if (!room.crowded) this.core.log.warn(`XMPP: ${room.jid} has more than ${MAX_OCCUPANTS} occupants; the others are not listed`);
        room.crowded = true;
        return;
      }
      room.occupants.set(update.nick, update.occupant);
      if (!room.joined) return;
      this.core.emit({ type: 'members.changed', conversationId: room.jid, added: [room.toMember(update.occupant, self)] });
      const line = before ? standingLine(update.nick, before, update.occupant) : undefined;
      if (line) this.event(room, line, update.nick);
      return;
    }
    const oldId = room.memberId(update.nick, self);
    if (update.codes.has('303') && update.newNick) {
      // §7.6: a nick change; the occupant keeps its place.
      const newNick = update.newNick;
      room.occupants.delete(update.nick);
      const moved = { ...(before ?? update.occupant), nick: newNick };
      room.occupants.set(newNick, moved);
      const newId = room.memberId(newNick, self);
      if (room.joined) {
        this.core.emit({
          type: 'members.changed', conversationId: room.jid,
          ...(newId !== oldId ? { renamed: [{ from: oldId, to: newId }] } : {}),
          added: [room.toMember(moved, self)],
        });
        this.event(room, `${update.nick} is now known as ${newNick}`, newNick);
      }
      return;
    }
    room.occupants.delete(update.nick);
    if (!room.joined) return;
    this.core.emit({ type: 'members.changed', conversationId: room.jid, removed: [oldId] });
    const by = update.actor ? ` by ${update.actor}` : '';
    const why = update.reason ? ` (${update.reason})` : '';
    if (update.codes.has('307')) this.event(room, `${update.nick} was kicked${by}${why}`, update.nick);
    else if (update.codes.has('301')) this.event(room, `${update.nick} was banned${by}${why}`, update.nick);
  }

  /**
   * §7.6: change our nick in a joined room: presence to the new occupant JID (no MUC
   * `<x/>`, which would be a join). The room answers with unavailable + 303 for the old
   * nick and our presence under the new one, or an error (§7.6.3: 409 conflict; 406 when
   * the nick is reserved or not acceptable).
   */
  async setNick(jid: string, nickText: string): Promise<void> {
    const room = this.requireJoined(jid);
    const nick = nickText.trim();
    if (nick === '' || nick.length > 100 || Array.from(nick).some((character) => character.charCodeAt(0) < 0x20)) {
      throw new ProtocolError('protocol', `"${nickText}" cannot be a nickname: use 1 to 100 characters without control characters.`);
    }
    if (nick === room.nick) return;
    if (room.renaming) throw new ProtocolError('protocol', `Your nickname in ${jid} is already being changed to "${room.renaming.nick}".`);
    let fail: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        room.renaming = undefined;
        reject(new ProtocolError('network', `${room.jid} did not answer the nick change within ${JOIN_TIMEOUT_MS / 1000} s.`));
      }, JOIN_TIMEOUT_MS);
      fail = (error) => { clearTimeout(timer); reject(error); };
      room.renaming = { nick, resolve: () => { clearTimeout(timer); resolve(); }, reject: fail };
    });
    // The room may refuse (409) while the presence is still being sent, before `await done`
    // below: an unhandled rejection meanwhile would end the plugin's worker.
    done.catch(() => undefined);
    try {
      await this.core.send(this.presenceStanza(room.occupantJid(nick)));
    } catch (error: unknown) {
      room.renaming = undefined;
      fail(error instanceof Error ? error : new Error(String(error)));
    }
    await done;
  }

  private onNickError(room: Room, stanza: Element): void {
    const renaming = room.renaming;
    if (!renaming) return;
    room.renaming = undefined;
    const info = describeStanzaError(stanza, `Changing your nickname in ${room.jid}`);
    const reasons: Record<string, string> = {
      'conflict': `The nickname "${renaming.nick}" is already in use in ${room.jid}; you are still "${room.nick}".`,
      'not-acceptable': `${room.jid} does not accept the nickname "${renaming.nick}" (it may be reserved); you are still "${room.nick}".`,
      'not-allowed': `${room.jid} does not allow nickname changes; you are still "${room.nick}".`,
    };
    renaming.reject(new ProtocolError(info.kind === 'rate-limited' ? 'rate-limited' : 'protocol', reasons[info.condition] ?? info.message));
  }

  /** §7.8.2: a mediated invitation, sent through the room. */
  async invite(jid: string, contactId: string, reason?: string): Promise<void> {
    const room = this.requireJoined(jid);
    const invitee = bare(contactId.trim());
    if (!invitee) throw new ProtocolError('protocol', `"${contactId}" is not an XMPP address.`);
    await this.core.send(xml('message', { to: room.jid },
      xml('x', { xmlns: NS.mucUser }, xml('invite', { to: invitee }, ...(reason ? [xml('reason', {}, reason.slice(0, 500))] : [])))));
  }

  requireJoined(jid: string): Room {
    const room = this.rooms.get(jid);
    if (!room?.joined) throw new ProtocolError('protocol', `You are not in ${jid}.`);
    return room;
  }

  /** The session ended: every room is left. */
  clear(): void {
    for (const room of this.rooms.values()) {
      room.joining?.reject(new ProtocolError('network', 'The connection was lost.'));
      room.renaming?.reject(new ProtocolError('network', 'The connection was lost.'));
      room.leaving?.resolve();
    }
    this.rooms.clear();
  }
}
