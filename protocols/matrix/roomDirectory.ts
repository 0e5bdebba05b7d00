/**
 * Public rooms (spec §Listing rooms: `POST /publicRooms`), on the user's homeserver or,
 * through it, on another server (the `server` query parameter); and the rooms in a space
 * (§Spaces: `GET /_matrix/client/v1/rooms/{roomId}/hierarchy`).
 */
import { ProtocolError, type RoomDirectoryEntry, type RoomDirectoryScope } from '../api/index.js';
import type { IPublicRoomsChunkRoom } from 'matrix-js-sdk';
import { matrixErrorOf, toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import { isSpace, SPACE_TYPE } from './spaces.js';
import type { AccountState } from './state.js';

/** Pages of the hierarchy read at most (a space of thousands of rooms is listed in part). */
const HIERARCHY_PAGES = 5;

export async function listRooms(state: AccountState, query: string, limit: number, scope: RoomDirectoryScope = {}): Promise<readonly RoomDirectoryEntry[]> {
  const count = Math.max(1, Math.min(limit, 500));
  if (scope.space !== undefined) return spaceRooms(state, scope.space, query, count);
  const server = scope.server === undefined ? undefined : checkedServerName(scope.server);
  try {
    const answer = await withRetry(() => state.client.publicRooms({
      limit: count,
      // Our own server's name asks for the local directory, as no server given does.
      ...(server !== undefined ? { server } : {}),
      ...(query.trim() !== '' ? { filter: { generic_search_term: query.trim() } } : {}),
    }), state.isStopped);
    return answer.chunk.map(entryOf);
  } catch (error: unknown) {
    if (server !== undefined) throw remoteDirectoryError(error, server);
    throw toProtocolError(error, 'list the public rooms');
  }
}

function entryOf(room: IPublicRoomsChunkRoom): RoomDirectoryEntry {
  return {
    id: room.canonical_alias ?? room.room_id,
    title: room.name ?? room.canonical_alias ?? room.room_id,
    ...(room.topic !== undefined ? { topic: room.topic } : {}),
    memberCount: room.num_joined_members,
  };
}

/**
 * §Server Name: `hostname [ ":" port ]`, the hostname a DNS name (letters, digits, `-`,
 * `.`), an IPv4 address or an IPv6 literal in brackets; at most 255 characters.
 */
const SERVER_NAME = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

export function checkedServerName(typed: string): string {
  const name = typed.trim();
  if (name.length > 255 || !SERVER_NAME.test(name)) {
    throw new ProtocolError('protocol', `“${name.slice(0, 80)}” is not a server name: type one such as matrix.org or example.org:8448.`);
  }
  const port = /:([0-9]+)$/.exec(name)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new ProtocolError('protocol', `“${name}” has no valid port: a port is a number from 1 to 65535.`);
  }
  return name;
}

/** What went wrong asking the homeserver for another server's directory, in words. */
function remoteDirectoryError(error: unknown, server: string): ProtocolError {
  const matrix = matrixErrorOf(error);
  // The homeserver answers for the other server: a 403 is its federation refusing (Synapse's
  // federation_domain_whitelist), a 502/504 or M_UNRECOGNIZED-less 5xx that server not answering it.
  if (matrix !== undefined && matrix.status !== 429 && matrix.errcode !== 'M_LIMIT_EXCEEDED' && matrix.errcode !== 'M_UNKNOWN_TOKEN') {
    if (matrix.status === 403) return new ProtocolError('protocol', `Your homeserver does not talk to ${server}, so its rooms cannot be listed.`);
    if (matrix.status === 404 && matrix.errcode === 'M_NOT_FOUND') return new ProtocolError('protocol', `${server} has no public room directory.`);
    if (matrix.status >= 500) return new ProtocolError('network', `That server could not be reached: ${server} did not answer your homeserver.`);
  }
  return toProtocolError(error, `list the public rooms of ${server}`);
}

/** The rooms a space lists that the user is not in (sub-spaces left out), filtered by the typed words. */
async function spaceRooms(state: AccountState, spaceId: string, query: string, count: number): Promise<readonly RoomDirectoryEntry[]> {
  const space = state.client.getRoom(spaceId);
  if (!space || !isSpace(space)) throw new ProtocolError('protocol', 'That is not a space you are in.');
  const needle = query.trim().toLocaleLowerCase();
  const entries: RoomDirectoryEntry[] = [];
  let from: string | undefined;
  try {
    for (let page = 0; page < HIERARCHY_PAGES && entries.length < count; page += 1) {
      const token = from;
      // maxDepth 1: the space's own children, as its group shows them.
      const answer = await withRetry(() => state.client.getRoomHierarchy(spaceId, 50, 1, false, token), state.isStopped);
      for (const room of answer.rooms) {
        // Rooms already joined are in the group; what is left is what the user may join.
        if (room.room_id === spaceId || room.room_type === SPACE_TYPE || state.client.getRoom(room.room_id)?.getMyMembership() === 'join') continue;
        const entry = entryOf(room);
        const words = `${entry.title} ${room.canonical_alias ?? ''} ${room.topic ?? ''}`.toLocaleLowerCase();
        if (needle === '' || words.includes(needle)) entries.push(entry);
      }
      if (answer.next_batch === undefined) break;
      from = answer.next_batch;
    }
  } catch (error: unknown) {
    throw toProtocolError(error, `list the rooms of ${space.name || spaceId}`);
  }
  return entries.slice(0, count);
}
