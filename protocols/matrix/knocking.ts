/**
 * Knocking (spec §Knocking on rooms, room versions 7 and later): a room whose join rule is
 * `knock` lets in only people it invites, but anyone may ask. A join the homeserver refuses
 * (403) offers "Ask to join" as a request; the answer knocks, and the room's members then
 * invite the user (which arrives as an ordinary invitation) or not.
 */
import { ProtocolError } from '../api/index.js';
import type { Room, RoomMember } from 'matrix-js-sdk';
import { isUserId, oneLine } from './displayText.js';
import { matrixErrorOf, toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';

const requestIdOf = (room: string): string => `knock:${room}`;

/** True when a join failed because the room lets in only people it invites (or who knocked and were let in). */
export function refusedEntry(error: unknown): boolean {
  const matrix = matrixErrorOf(error);
  return matrix?.status === 403 && (matrix.errcode === 'M_FORBIDDEN' || matrix.errcode === '');
}

/** Offers to knock on `room` (an alias or id), and returns what to tell the user now. */
export function offerKnock(state: AccountState, room: string, viaServers: readonly string[]): ProtocolError {
  const id = requestIdOf(room);
  const request = {
    id, kind: 'other' as const, title: `Ask to join ${room}?`,
    detail: 'This room lets in only people it invites. Its members see that you asked and may let you in.',
    choices: [{ id: 'knock', label: 'Ask to join' }, { id: 'cancel', label: 'Cancel' }],
  };
  state.requests.set(id, {
    request,
    answer: async (choice) => {
      try {
        if (choice === 'knock') await withRetry(() => state.client.knockRoom(room, viaServers.length > 0 ? { viaServers: [...viaServers] } : {}), state.isStopped);
      } catch (error: unknown) {
        throw toProtocolError(error, `ask to join ${room}`);
      } finally {
        if (state.requests.delete(id)) state.emit({ type: 'request.closed', requestId: id });
      }
    },
  });
  state.emit({ type: 'request.raised', request });
  return new ProtocolError('protocol', `${room} lets in only people it invites. You can ask to join it: see Requests.`);
}

const answerIdOf = (roomId: string, userId: string): string => `knocked:${roomId}:${userId}`;

/**
 * Someone knocked on a room where the user may invite (§Knocking on rooms: a member with the
 * invite power level lets them in by inviting them, or refuses by kicking): asked as a
 * request, withdrawn when their membership moves on (let in elsewhere, withdrawn, refused).
 */
export function onKnockMembership(state: AccountState, room: Room, member: RoomMember): void {
  // The state key of a hostile member event may be anything: only a real user id is asked about.
  const userId: unknown = member.userId;
  if (!isUserId(userId)) return;
  const id = answerIdOf(room.roomId, userId);
  if (member.membership !== 'knock') {
    if (state.requests.delete(id)) state.emit({ type: 'request.closed', requestId: id });
    return;
  }
  if (state.requests.has(id) || userId === state.selfId || !room.canInvite(state.selfId)) return;
  const request = {
    id, kind: 'other' as const, fromId: userId, conversationId: state.directory.conversationIdOf(room.roomId),
    title: `${oneLine(member.name) || userId} asks to join ${oneLine(room.name) || room.roomId}`,
    choices: [{ id: 'let-in', label: 'Let in' }, { id: 'refuse', label: 'Refuse' }],
  };
  state.requests.set(id, {
    request,
    answer: async (choice) => {
      try {
        if (choice === 'let-in') await withRetry(() => state.client.invite(room.roomId, userId), state.isStopped);
        else if (choice === 'refuse') await withRetry(() => state.client.kick(room.roomId, userId), state.isStopped);
        else throw new ProtocolError('protocol', `"${choice}" is not an answer to a knock.`);
      } catch (error: unknown) {
        throw toProtocolError(error, choice === 'let-in' ? 'let them in' : 'refuse them');
      }
      if (state.requests.delete(id)) state.emit({ type: 'request.closed', requestId: id });
    },
  });
  state.emit({ type: 'request.raised', request });
}
