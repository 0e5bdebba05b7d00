/**
 * The rooms this installation joined (plugin storage), with the nick and password of each,
 * and the bookmark with autojoin (XEP-0402) a join publishes for other devices. Joining a
 * room saves both; leaving removes both. Joining them again after a login is the core's
 * (`coreRejoinsRooms`): it joins its open rooms and the autojoin bookmarks.
 */
import { toProtocolErrorData, type ConnectionContext, type JoinRoomRequest } from '../api/index.js';
import type { Bookmark } from './bookmarks.js';
import type { XmppCore } from './core.js';
import type { Features } from './features.js';
import { bare } from './jid.js';
import type { Room } from './mucState.js';

const JOINED_ROOMS_KEY = 'rooms.joined';

export interface RememberedRoom {
  readonly room: string;
  readonly nick: string;
  readonly password?: string;
}

export class RoomMemory {
  constructor(private readonly context: ConnectionContext) {}

  async list(): Promise<RememberedRoom[]> {
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

  /** Remember (entry) or forget (undefined) a room. */
  async set(room: string, entry: RememberedRoom | undefined): Promise<void> {
    const rooms = (await this.list()).filter((known) => known.room !== room);
    if (entry) rooms.push(entry);
    await this.context.storage.set(JOINED_ROOMS_KEY, rooms).catch(() => undefined);
  }

  /**
   * What to join a room with when the request does not say: the nick and password it was
   * last joined with here, else its bookmark's. The core rejoins rooms by address alone
   * (`coreRejoinsRooms`), so this keeps the user's room nick and a room's password.
   */
  async completed(request: JoinRoomRequest, bookmarks: readonly Bookmark[]): Promise<JoinRoomRequest> {
    if (request.nick !== undefined && request.password !== undefined) return request;
    const jid = bare(request.room.trim());
    const known = (await this.list()).find((entry) => entry.room === jid);
    const bookmark = bookmarks.find((entry) => entry.room === jid);
    const nick = known?.nick || bookmark?.nick;
    const password = known?.password ?? bookmark?.password;
    return { ...(nick ? { nick } : {}), ...(password !== undefined ? { password } : {}), ...request };
  }

  /** After a join: remember the room here and in a bookmark with autojoin. */
  joined(core: XmppCore, features: Features, room: Room): void {
    features.invitations.joined(room.jid);
    void this.set(room.jid, { room: room.jid, nick: room.nick, ...(room.password !== undefined ? { password: room.password } : {}) });
    if (features.bookmarks.items.get(room.jid)?.autojoin) return;
    void features.bookmarks.publish({
      room: room.jid, autojoin: true, nick: room.nick,
      ...(room.title ? { name: room.title } : {}), ...(room.password !== undefined ? { password: room.password } : {}),
    }).catch((error: unknown) => core.log.info(`XMPP: bookmark not saved: ${toProtocolErrorData(error).message}`));
  }
}

/** Join a room, reporting a failure as a server notice instead of throwing. */
export async function joinQuietly(core: XmppCore, features: Features, room: string, nick: string | undefined, password: string | undefined): Promise<void> {
  try {
    await features.rooms.join({ room, ...(password !== undefined ? { password } : {}), ...(nick ? { nick } : {}) });
  } catch (error: unknown) {
    const message = toProtocolErrorData(error).message;
    core.log.info(`XMPP: could not rejoin ${room}: ${message}`);
    core.emit({ type: 'server.notice', text: `Could not rejoin ${room}: ${message}`, timestamp: Date.now() });
  }
}
