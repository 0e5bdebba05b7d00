/**
 * libsignal, without what its Curve25519 module does to the process it is loaded in. That
 * module is Emscripten output for Node: on load it adds an `uncaughtException` listener
 * that throws every error again and an `unhandledRejection` listener that aborts, so one
 * rejected promise nobody awaited yet ended whatever process held the XMPP plugin (a CI run
 * lost a whole test file to a room's nick refusal that way). Errors are the plugin host's
 * to handle, as for every other plugin: both listeners go as soon as the library is loaded.
 */
import { Direction, KeyHelper, SessionBuilder, SessionCipher, SignalProtocolAddress } from '@privacyresearch/libsignal-protocol-typescript';

export { Direction, KeyHelper, SessionBuilder, SessionCipher, SignalProtocolAddress };
export type { KeyPairType, StorageType } from '@privacyresearch/libsignal-protocol-typescript';

/** The listeners Emscripten's Node support adds (its `abort`, and the handler that spares only its `ExitStatus`). */
export function isEmscriptenProcessListener(listener: (...args: never[]) => unknown): boolean {
  return listener.name === 'abort' || listener.toString().includes('ExitStatus');
}

function dropEmscriptenProcessListeners(): void {
  for (const listener of process.listeners('uncaughtException')) {
    if (isEmscriptenProcessListener(listener)) process.off('uncaughtException', listener);
  }
  for (const listener of process.listeners('unhandledRejection')) {
    if (isEmscriptenProcessListener(listener)) process.off('unhandledRejection', listener);
  }
}

dropEmscriptenProcessListeners();
