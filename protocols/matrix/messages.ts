/**
 * Sending, correcting and redacting messages (spec §Sending events to a room with a
 * transaction id, §Event replacements, §Redactions). The core's localId is the txnId, so a
 * retried send cannot be delivered twice (§Transaction identifiers).
 */
import {
  ProtocolError, toProtocolErrorData, type EditMessageRequest, type SendMessageRequest,
} from '../api/index.js';
import { EventType, type Room } from 'matrix-js-sdk';
import { editContent, messageContent } from './content.js';
import { toProtocolError } from './errors.js';
import { openDirect } from './rooms.js';
import type { AccountState } from './state.js';

/** The room for a conversation; a direct conversation without a usable room gets a new one. */
export async function roomForSending(state: AccountState, conversationId: string, encryptNewDms: boolean): Promise<Room> {
  const room = state.directory.roomFor(conversationId);
  if (room) return room;
  if (state.directory.isDirectConversation(conversationId)) {
    await openDirect(state, conversationId, encryptNewDms);
    const created = state.directory.roomFor(conversationId);
    if (created) return created;
  }
  throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
}

/**
 * Queue a message. Resolves once it is queued; the outcome is reported as message.confirmed
 * or message.failed. A 429 is retried inside the queue for as long as it takes (retry.ts).
 */
export async function sendMessage(state: AccountState, request: SendMessageRequest, encryptNewDms: boolean): Promise<void> {
  const room = await roomForSending(state, request.conversationId, encryptNewDms);
  const content = messageContent(request.kind, request.body, request.replyTo);
  state.client.sendEvent(room.roomId, EventType.RoomMessage, content as never, request.localId)
    .then((answer) => {
      state.emit({ type: 'message.confirmed', localId: request.localId, networkId: answer.event_id, timestamp: Date.now() });
    })
    .catch((error: unknown) => {
      state.emit({ type: 'message.failed', localId: request.localId, error: toProtocolErrorData(toProtocolError(error, 'send the message')) });
      cancelFailedEcho(state, room, request.localId);
    });
}

/** A failed local echo would block later sends in the room: drop it (the core keeps the message). */
function cancelFailedEcho(state: AccountState, room: Room, txnId: string): void {
  for (const pending of room.getLiveTimeline().getEvents()) {
    if (pending.getTxnId() === txnId && pending.status !== null) {
      try {
        state.client.cancelPendingEvent(pending);
      } catch (error: unknown) {
        state.context.log.debug(`Could not cancel a failed local echo: ${String(error)}`);
      }
    }
  }
}

export async function editMessage(state: AccountState, request: EditMessageRequest): Promise<void> {
  const room = state.directory.roomFor(request.conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${request.conversationId}.`);
  const original = room.findEventById(request.targetNetworkId);
  const msgtype = original?.getContent()['msgtype'];
  const kind = msgtype === 'm.emote' ? 'action' : msgtype === 'm.notice' ? 'notice' : 'text';
  try {
    await state.client.sendEvent(room.roomId, EventType.RoomMessage, editContent(request.targetNetworkId, kind, request.body) as never, request.localId);
  } catch (error: unknown) {
    throw toProtocolError(error, 'correct the message');
  }
}

export async function deleteMessage(state: AccountState, conversationId: string, targetNetworkId: string): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  try {
    await state.client.redactEvent(room.roomId, targetNetworkId);
  } catch (error: unknown) {
    throw toProtocolError(error, 'delete the message');
  }
}
