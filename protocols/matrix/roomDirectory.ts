/** The server's public room directory (spec §Listing rooms: `POST /publicRooms`). */
import type { RoomDirectoryEntry } from '../api/index.js';
import { toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';

export async function listRooms(state: AccountState, query: string, limit: number): Promise<readonly RoomDirectoryEntry[]> {
  try {
    const answer = await withRetry(() => state.client.publicRooms({
      limit: Math.max(1, Math.min(limit, 500)),
      ...(query.trim() !== '' ? { filter: { generic_search_term: query.trim() } } : {}),
    }), state.isStopped);
    return answer.chunk.map((room) => ({
      id: room.canonical_alias ?? room.room_id,
      title: room.name ?? room.canonical_alias ?? room.room_id,
      ...(room.topic !== undefined ? { topic: room.topic } : {}),
      memberCount: room.num_joined_members,
    }));
  } catch (error: unknown) {
    throw toProtocolError(error, 'list the public rooms');
  }
}
