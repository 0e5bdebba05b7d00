/**
 * Knocking (spec §Knocking on rooms, room versions 7 and later): a room whose join rule is
 * `knock` lets in only people it invites, but anyone may ask. A join the homeserver refuses
 * (403) offers "Ask to join" as a request; the answer knocks, and the room's members then
 * invite the user (which arrives as an ordinary invitation) or not.
 */
import { ProtocolError } from '../api/index.js';
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
