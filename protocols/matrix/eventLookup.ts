/**
 * One event of a room by id: from the live timeline when it is still there, else from the
 * homeserver (spec §Getting events for a room: `GET /rooms/{roomId}/event/{eventId}`),
 * decrypted where possible. The live timeline keeps only each room's newest events
 * (liveTimeline.ts), and an edit or a read receipt may be about an older one.
 */
import type { MatrixEvent, Room } from 'matrix-js-sdk';
import type { AccountState } from './state.js';

/** The event, or undefined when the server does not give it either (unknown, not visible, offline). */
export async function findOrFetchEvent(state: AccountState, room: Room, eventId: string): Promise<MatrixEvent | undefined> {
  const local = room.findEventById(eventId);
  if (local) return local;
  try {
    // A one-off copy: not re-emitted as the client's own (it is in no timeline), decrypted here.
    const event = state.client.getEventMapper({ preventReEmit: true, decrypt: false })(await state.client.fetchRoomEvent(room.roomId, eventId));
    await state.client.decryptEventIfNeeded(event).catch(() => undefined);
    return event;
  } catch {
    return undefined;
  }
}
