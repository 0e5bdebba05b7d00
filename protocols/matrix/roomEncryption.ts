/**
 * Whether a room is end-to-end encrypted (§End-to-End Encryption, "Enabling encryption"),
 * while its m.room.encryption state may not be synced yet: a sync can show a room the server
 * is still creating, before the state that createRoom's initial_state puts in it.
 */
import { ProtocolError } from '../api/index.js';
import { RoomStateEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { EV, typeOf } from './names.js';
import { untilClientEvent } from './untilClientEvent.js';
import type { AccountState } from './state.js';

/**
 * `encrypted: true` once the room is known to be encrypted, else absent, never false: once
 * enabled, encryption cannot be disabled, so "not synced yet" must not overwrite what the
 * core stored. The state event re-announces the room when it arrives (wiring.ts).
 */
export function encryptionOf(state: AccountState, room: Room): { encrypted?: true } {
  return room.hasEncryptionStateEvent() || state.createdEncrypted.has(room.roomId) ? { encrypted: true } : {};
}

export function isEncryptionEvent(event: MatrixEvent): boolean {
  return typeOf(event) === EV.encryption && event.getStateKey() === '';
}

/**
 * Resolves once a room we created encrypted shows its m.room.encryption state. The SDK
 * encrypts a message only for a room whose encryption state it has synced: before that, a
 * message would leave in the clear.
 */
export function encryptionSynced(state: AccountState, room: Room, timeoutMs = 30_000): Promise<void> {
  if (!state.createdEncrypted.has(room.roomId)) return Promise.resolve();
  return untilClientEvent(state.client, [RoomStateEvent.Events], () => (room.hasEncryptionStateEvent() ? true : undefined), timeoutMs,
    () => new ProtocolError('network', 'Not sent: the homeserver has not confirmed yet that this conversation is encrypted.')).then(() => undefined);
}
