/** Read receipts and typing notifications, both ways (spec §Receipts, §Read markers, §Typing Notifications). */
import { ProtocolError } from '../api/index.js';
import { Method, type MatrixEvent, type Room, type RoomMember } from 'matrix-js-sdk';
import { relationOf } from './content.js';
import { REL } from './names.js';
import { toProtocolError } from './errors.js';
import { findOrFetchEvent } from './eventLookup.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';

/** How long a "typing" lasts on the server unless renewed (§Typing Notifications: timeout). */
const TYPING_TIMEOUT_MS = 30_000;
/** §Identifier Grammar: event ids are at most 255 bytes. */
const MAX_EVENT_ID = 255;

/** RoomEvent.Receipt: `{ eventId: { "m.read": { userId: { ts } } } }`; public read receipts only. */
export function onReceipt(state: AccountState, event: MatrixEvent, room: Room): void {
  const content = event.getContent<Record<string, Record<string, unknown> | undefined>>();
  const conversationId = state.directory.conversationIdOf(room.roomId);
  for (const [eventId, receipts] of Object.entries(content)) {
    // The SDK also makes receipts itself, for each sender's newest event, whatever its id:
    // one that is empty or past the spec's 255 bytes points at nothing the core could keep.
    if (eventId === '' || eventId.length > MAX_EVENT_ID) continue;
    const read = receipts?.['m.read'];
    // Only an object maps user ids: the keys of a string or array would be its indexes (found by the fuzzer).
    if (typeof read !== 'object' || read === null || Array.isArray(read)) continue;
    for (const userId of Object.keys(read)) {
      if (userId === state.selfId) continue;
      state.emit({ type: 'receipt', conversationId, networkId: eventId, participantId: userId, kind: 'read' });
    }
  }
}

/**
 * §Read markers: one request moves both the read receipt and the fully-read marker; with
 * private read receipts chosen (§Private read receipts), the receipt is `m.read.private`,
 * which the server shows to no one else. A message in a thread gets a threaded receipt
 * instead (§Threaded read receipts: `thread_id` is the thread's root), so reading a thread
 * does not mark the main timeline read, nor the other way round.
 */
export async function markRead(state: AccountState, conversationId: string, networkId: string): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  const target = await findOrFetchEvent(state, room, networkId);
  const relation = target ? relationOf(target.getWireContent()) : undefined;
  const receiptType = state.settings.privateReadReceipts ? 'm.read.private' : 'm.read';
  try {
    if (relation?.relType === REL.thread) {
      const path = `/rooms/${encodeURIComponent(room.roomId)}/receipt/${receiptType}/${encodeURIComponent(networkId)}`;
      await withRetry(() => state.client.http.authedRequest(Method.Post, path, undefined, { thread_id: relation.eventId }), state.isStopped);
      return;
    }
    await withRetry(() => (state.settings.privateReadReceipts
      ? state.client.setRoomReadMarkersHttpRequest(room.roomId, networkId, undefined, networkId)
      : state.client.setRoomReadMarkersHttpRequest(room.roomId, networkId, networkId)), state.isStopped);
  } catch (error: unknown) {
    throw toProtocolError(error, 'send the read receipt');
  }
}

/** RoomMemberEvent.Typing: someone started or stopped typing. */
export function onTyping(state: AccountState, member: RoomMember): void {
  if (member.userId === state.selfId) return;
  state.emit({
    type: 'typing', conversationId: state.directory.conversationIdOf(member.roomId),
    participantId: member.userId, state: member.typing ? 'active' : 'done',
  });
}

export async function sendTyping(state: AccountState, conversationId: string, typing: 'active' | 'paused' | 'done'): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) return; // nothing to tell in a conversation we are not in
  try {
    await state.client.sendTyping(room.roomId, typing === 'active', TYPING_TIMEOUT_MS);
  } catch (error: unknown) {
    throw toProtocolError(error, 'send the typing notification');
  }
}
