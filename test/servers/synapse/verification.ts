/** SAS emoji verification between two Matrix adapter accounts, as both users would do it. */
import { expect } from 'vitest';
import type { OnlineAccount } from './accounts.js';

/**
 * `alice` asks to verify `bob`'s device `bobDevice` (/verify), bob accepts, both see the same
 * seven emoji and confirm them. Resolves once both say "Verified".
 */
export async function verifyBySas(alice: OnlineAccount, bob: OnlineAccount, bobDevice: string): Promise<void> {
  if (!alice.connection.runCommand || !alice.connection.answerRequest || !bob.connection.answerRequest) throw new Error('missing methods');
  await alice.connection.runCommand('verify', `${bob.id} ${bobDevice}`, undefined);
  const asked = await bob.waitForEvent('request.raised', (e) => e.request.kind === 'verification' && e.request.id.startsWith('verify:'));
  expect(asked.request.fromId).toBe(alice.id);
  await bob.connection.answerRequest(asked.request.id, 'accept');
  const atAlice = await alice.waitForEvent('request.raised', (e) => e.request.kind === 'verification' && e.request.id.startsWith('sas:'));
  const atBob = await bob.waitForEvent('request.raised', (e) => e.request.kind === 'verification' && e.request.id.startsWith('sas:'));
  expect(atAlice.request.detail).toBeTruthy();
  expect(atAlice.request.detail).toBe(atBob.request.detail);
  expect(atAlice.request.detail?.split('   ')).toHaveLength(7);
  await Promise.all([
    alice.connection.answerRequest(atAlice.request.id, 'match'),
    bob.connection.answerRequest(atBob.request.id, 'match'),
  ]);
  await alice.waitForEvent('server.notice', (e) => e.text.startsWith('✅ Verified'));
  await bob.waitForEvent('server.notice', (e) => e.text.startsWith('✅ Verified'));
}
