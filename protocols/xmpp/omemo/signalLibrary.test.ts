/** Loading OMEMO's libsignal leaves the process's error handling as it was. */
import { expect, it } from 'vitest';
import { isEmscriptenProcessListener } from './signalLibrary.js';

it('leaves no listener of libsignal\'s Curve25519 module that throws errors again or aborts on a rejection', async () => {
  await import('@privacyresearch/libsignal-protocol-typescript');
  await import('./omemo.js');
  const left = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')].filter(isEmscriptenProcessListener);
  expect(left).toEqual([]);
  // Still a working library behind it.
  const { KeyHelper } = await import('./signalLibrary.js');
  expect((await KeyHelper.generateIdentityKeyPair()).pubKey.byteLength).toBe(33);
});
