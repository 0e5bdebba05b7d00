import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../secrets/secretStore.js';
import { answerSecretsRequest, remoteSecretStore, RemoteSecretsError } from './secretsChannel.js';

/** The main process's keychain, with a lock the user may not have opened. */
function keychain(locked = false): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const guard = (): void => {
    if (locked) throw new Error('The keychain is locked: unlock it and start Switchboard again.');
  };
  return {
    entries,
    get: (key) => { guard(); return Promise.resolve(entries.get(key)); },
    set: (key, value) => { guard(); entries.set(key, value); return Promise.resolve(); },
    delete: (key) => { guard(); entries.delete(key); return Promise.resolve(); },
    open: () => Promise.resolve(locked ? undefined : 'The secrets file was damaged and set aside.'),
  };
}

describe('the secrets channel between the core and the main process', () => {
  it('keeps, reads and forgets secrets in the main process\'s store', async () => {
    const store = keychain();
    // Structured-cloned both ways, as across the process boundary.
    const remote = remoteSecretStore(async (request) => structuredClone(await answerSecretsRequest(store, structuredClone(request))));
    await remote.set('account/a/password', 'open sesame');
    expect(store.entries.get('account/a/password')).toBe('open sesame');
    expect(await remote.get('account/a/password')).toBe('open sesame');
    expect(await remote.get('account/a/token')).toBeUndefined();
    await remote.delete('account/a/password');
    expect(store.entries.size).toBe(0);
    expect(await remote.open?.()).toBe('The secrets file was damaged and set aside.');
  });

  it('carries the store\'s failure in its words, not as a stack', async () => {
    const store = keychain(true);
    const remote = remoteSecretStore((request) => answerSecretsRequest(store, request));
    const failure = await remote.get('account/a/password').then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(RemoteSecretsError);
    expect((failure as Error).message).toBe('The keychain is locked: unlock it and start Switchboard again.');
    expect(await answerSecretsRequest(store, { op: 'set', key: 'k', value: 'v' })).toEqual({ ok: false, message: 'The keychain is locked: unlock it and start Switchboard again.' });
  });
});
