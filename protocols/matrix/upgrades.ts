/**
 * Room upgrades (spec §Room Upgrades): a room replaced by a new one ends with an
 * `m.room.tombstone` state event naming the replacement, whose `m.room.create` names the
 * old room as its `predecessor`. The conversation follows the tombstone: it moves to the new
 * room (its history and tab with it) and the user joins that room; scrolling back past the
 * new room's start goes on in the old room's history (history.ts).
 */
import { EventTimeline, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { EV } from './names.js';
import { withRetry } from './retry.js';
import { describeError, type AccountState } from './state.js';

/** The tombstone's replacement room, when it names one (§m.room.tombstone: `replacement_room`). */
export function replacementOf(event: MatrixEvent): string | undefined {
  const replacement: unknown = event.getContent()['replacement_room'];
  return typeof replacement === 'string' && replacement.startsWith('!') ? replacement : undefined;
}

/** The room a room replaced (§m.room.create: `predecessor.room_id`), if any. */
export function predecessorOf(room: Room): string | undefined {
  const create = room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(EV.create, '');
  const predecessor: unknown = create?.getContent()['predecessor'];
  if (typeof predecessor !== 'object' || predecessor === null) return undefined;
  const roomId: unknown = (predecessor as Record<string, unknown>)['room_id'];
  return typeof roomId === 'string' && roomId.startsWith('!') ? roomId : undefined;
}

/** Follows a tombstone seen in a room the user is in: says so in the old room, moves the conversation, joins the new room. */
export async function followTombstone(state: AccountState, room: Room, event: MatrixEvent): Promise<void> {
  const replacement = replacementOf(event);
  const oldId = state.directory.conversationIdOf(room.roomId);
  // Direct chats are keyed by the other person, whichever room carries them: nothing to move.
  if (replacement === undefined || oldId !== room.roomId || state.directory.roomFor(replacement)) return;
  const eventId = event.getId();
  const reason: unknown = event.getContent()['body'];
  state.emit({
    type: 'message.received',
    message: {
      conversationId: oldId, ...(eventId !== undefined ? { networkId: eventId } : {}), senderId: event.getSender() ?? '',
      senderName: event.getSender() ?? '', kind: 'event', timestamp: event.getTs(),
      body: `This room was upgraded and continues in a new room${typeof reason === 'string' && reason.trim() !== '' ? ` (${reason.trim()})` : ''}.`,
    },
  });
  // Before the new room is announced: the core moves this conversation to it (§Room Upgrades).
  state.emit({ type: 'conversation.renamed', conversationId: oldId, newId: replacement });
  state.announced.delete(oldId);
  const via = event.getSender()?.split(':').slice(1).join(':');
  try {
    await withRetry(() => state.client.joinRoom(replacement, via ? { viaServers: [via] } : {}), state.isStopped);
  } catch (error: unknown) {
    state.context.log.warn(`Matrix: could not join the upgraded room ${replacement}: ${describeError(error)}`);
  }
}
