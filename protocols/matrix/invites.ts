/**
 * Invitations (spec §Room Membership: invite; §Direct Messaging: `is_direct`). A room invite
 * becomes a request for the user, and so does a DM invite unless the account chose to accept
 * those at once (settings `acceptDirectInvites`, off by default: anyone can invite anyone).
 */
import { ProtocolError } from '../api/index.js';
import type { Room } from 'matrix-js-sdk';
import { isUserId } from './displayText.js';
import { toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import { announceConversation, announceMembers, displayNameOf, roomTitle, waitForJoinedRoom } from './rooms.js';
import type { AccountState } from './state.js';

function requestIdOf(roomId: string): string {
  return `invite:${roomId}`;
}

async function accept(state: AccountState, room: Room, directFrom: string | undefined): Promise<void> {
  try {
    if (directFrom !== undefined) await state.directory.addToAccountData(room.roomId, directFrom);
    await withRetry(() => state.client.joinRoom(room.roomId), state.isStopped);
  } catch (error: unknown) {
    throw toProtocolError(error, 'accept the invitation');
  }
  const joined = await waitForJoinedRoom(state, room.roomId);
  announceConversation(state, joined);
  await announceMembers(state, joined);
}

async function decline(state: AccountState, room: Room): Promise<void> {
  try {
    await withRetry(() => state.client.leave(room.roomId), state.isStopped);
  } catch (error: unknown) {
    throw toProtocolError(error, 'decline the invitation');
  }
}

/** The user is invited to `room` (seen in sync): accept a DM at once or ask the user. */
export async function onInvite(state: AccountState, room: Room): Promise<void> {
  const requestId = requestIdOf(room.roomId);
  if (state.requests.has(requestId)) return;
  // The SDK hands on the sender as the server sent it: a number, an object, "" (found by the fuzzer).
  const invitedBy: unknown = room.getMember(state.selfId)?.events.member?.getSender();
  const inviter = isUserId(invitedBy) ? invitedBy : undefined;
  const dmInviter: unknown = room.getDMInviter();
  const directFrom = isUserId(dmInviter) && dmInviter !== state.selfId ? dmInviter : undefined;
  if (directFrom !== undefined && state.settings.acceptDirectInvites) {
    state.requests.set(requestId, { request: { id: requestId, kind: 'room-invite', title: '' }, answer: () => Promise.resolve() });
    try {
      await accept(state, room, directFrom);
    } finally {
      state.requests.delete(requestId);
    }
    return;
  }
  const from = inviter ?? directFrom;
  const who = from !== undefined ? `${displayNameOf(state, from, room)} (${from})` : 'Someone';
  const title = directFrom !== undefined ? `${who} wants to chat with you` : `${who} invites you to ${roomTitle(room)}`;
  state.requests.set(requestId, {
    request: {
      id: requestId, kind: 'room-invite', title, conversationId: state.directory.conversationIdOf(room.roomId),
      ...(from !== undefined ? { fromId: from } : {}),
      choices: [{ id: 'accept', label: 'Join' }, { id: 'decline', label: 'Decline' }],
    },
    answer: async (choice) => {
      if (choice === 'accept') await accept(state, room, directFrom);
      else if (choice === 'decline') await decline(state, room);
      else throw new ProtocolError('protocol', `"${choice}" is not an answer to an invitation.`);
      closeInvite(state, room.roomId);
    },
  });
  const open = state.requests.get(requestId);
  if (open) state.emit({ type: 'request.raised', request: open.request });
}

/** The invite was answered elsewhere or withdrawn. */
export function closeInvite(state: AccountState, roomId: string): void {
  const requestId = requestIdOf(roomId);
  const open = state.requests.get(requestId);
  if (!open) return;
  state.requests.delete(requestId);
  if (open.request.title !== '') state.emit({ type: 'request.closed', requestId });
}
