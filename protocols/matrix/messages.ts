/**
 * Sending, correcting and redacting messages (spec §Sending events to a room with a
 * transaction id, §Event replacements, §Redactions). The core's localId is the txnId, so a
 * retried send cannot be delivered twice (§Transaction identifiers).
 */
import {
  ProtocolError, toProtocolErrorData, type EditMessageRequest, type SendMessageRequest,
} from '../api/index.js';
import { EventStatus, EventType, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { editContent, messageContent, relationOf } from './content.js';
import { REL } from './names.js';
import { toProtocolError } from './errors.js';
import { findOrFetchEvent } from './eventLookup.js';
import { encryptionSynced } from './roomEncryption.js';
import { openDirect } from './rooms.js';
import type { AccountState } from './state.js';
import { isLocalEcho } from './timeline.js';

/**
 * The room for a conversation; a direct conversation without a usable room gets a new one.
 * Waits for a new DM's encryption state to be synced: never a message in the clear.
 */
export async function roomForSending(state: AccountState, conversationId: string, encryptNewDms: boolean): Promise<Room> {
  let room = state.directory.roomFor(conversationId);
  if (!room && state.directory.isDirectConversation(conversationId)) {
    await openDirect(state, conversationId, encryptNewDms);
    room = state.directory.roomFor(conversationId);
  }
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  await encryptionSynced(state, room);
  return room;
}

/**
 * Queue a message. Resolves once it is queued; the outcome is reported as message.confirmed
 * or message.failed. A 429 is retried inside the queue for as long as it takes (retry.ts).
 * The core may hand over a message it handed over before (its outbox resends what a lost
 * connection left unconfirmed, and Retry resends what failed): the SDK refuses a second
 * local echo with a txnId it knows, so such a message carries on from its first echo.
 */
export async function sendMessage(state: AccountState, request: SendMessageRequest, encryptNewDms: boolean): Promise<void> {
  const room = await roomForSending(state, request.conversationId, encryptNewDms);
  const earlier = room.getEventForTxnId(request.localId);
  if (earlier) {
    resend(state, room, earlier, request.localId);
    return;
  }
  const content = messageContent(request.kind, request.body, {
    replyTo: request.replyTo, threadRootId: request.threadRootId, mentionIds: request.mentionIds,
    threadLatestId: request.threadRootId === undefined ? undefined : latestInThread(room, request.threadRootId),
  });
  report(state, request.localId, state.client.sendEvent(room.roomId, EventType.RoomMessage, content as never, request.localId));
}

/** The newest event of a thread the client has, for a thread reply's fallback (§Threading). */
function latestInThread(room: Room, rootId: string): string | undefined {
  const events = room.getLiveTimeline().getEvents();
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    const relation = event ? relationOf(event.getContent()) : undefined;
    if (event && relation?.relType === REL.thread && relation.eventId === rootId && !isLocalEcho(event)) return event.getId();
  }
  return undefined;
}

/** Emits the outcome of a send: the homeserver's event id, or why it failed (the failed echo stays, for {@link resend}). */
function report(state: AccountState, localId: string, sent: Promise<{ event_id: string }>): void {
  sent.then((answer) => {
    state.emit({ type: 'message.confirmed', localId, networkId: answer.event_id, timestamp: Date.now() });
  }).catch((error: unknown) => {
    state.emit({ type: 'message.failed', localId, error: toProtocolErrorData(toProtocolError(error, 'send the message')) });
  });
}

/** A message whose local echo exists: send the echo again, or report where it already is. */
function resend(state: AccountState, room: Room, echo: MatrixEvent, localId: string): void {
  switch (echo.status) {
    case EventStatus.NOT_SENT:
      // Same event, same txnId: a copy the homeserver already has is not stored twice.
      report(state, localId, state.client.resendEvent(echo, room));
      return;
    case EventStatus.QUEUED:
    case EventStatus.SENDING:
    case EventStatus.ENCRYPTING:
      // Still in the queue: its outcome is reported by the first send's handler.
      return;
    case null:
    case EventStatus.SENT: {
      const networkId = echo.getId();
      if (networkId !== undefined && !isLocalEcho(echo)) {
        state.emit({ type: 'message.confirmed', localId, networkId, timestamp: Date.now() });
        return;
      }
      break;
    }
    default:
      break;
  }
  state.emit({ type: 'message.failed', localId, error: toProtocolErrorData(new ProtocolError('internal', `Could not send the message again (its earlier copy is ${echo.status ?? 'unknown'}).`)) });
}

export async function editMessage(state: AccountState, request: EditMessageRequest): Promise<void> {
  const room = state.directory.roomFor(request.conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${request.conversationId}.`);
  // The edit keeps the original's kind (§Event replacements: m.new_content is the whole new content).
  const original = await findOrFetchEvent(state, room, request.targetNetworkId);
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
