import { describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../../test/conformance/index.js';
import { TestAccount } from '../../test/conformance/index.js';
import matrixPlugin from './index.js';
import { plainHttpRefusal } from './plainHttp.js';

describe('plainHttpRefusal', () => {
  it('refuses an http:// homeserver on another host, saying what to do', () => {
    expect(plainHttpRefusal('http://matrix.example.org:8008', false)).toMatchObject({
      kind: 'auth',
      message: 'Not connecting to http://matrix.example.org:8008: it is plain HTTP, so your password and access token would be sent unencrypted. '
        + 'Use an https:// homeserver URL, or, only if you trust every network between you and the server, '
        + 'turn on "Allow sending my password without encryption" in the account\'s advanced settings.',
    });
    expect(plainHttpRefusal('http://192.0.2.7', false)?.kind).toBe('auth');
    expect(plainHttpRefusal('http://[2001:db8::1]:8008', false)?.kind).toBe('auth');
  });

  it('accepts https, this machine (localhost, 127.0.0.0/8, ::1), and http when the account allows it', () => {
    for (const url of ['https://matrix.example.org', 'http://localhost:8008', 'http://127.0.0.1:8008', 'http://127.1.2.3', 'http://[::1]:8008', 'http://synapse.localhost']) {
      expect(plainHttpRefusal(url, false), url).toBeUndefined();
    }
    expect(plainHttpRefusal('http://matrix.example.org', true)).toBeUndefined();
  });
});

describe('the Matrix plugin with an http:// homeserver', () => {
  const attempt = async (allowPlainPassword: boolean): Promise<unknown> => {
    const account = new TestAccount(matrixPlugin, { userId: '@alice:example.invalid', password: 'pw', homeserver: 'http://matrix.example.invalid:8008', allowPlainPassword }, 10_000, createMemoryPersistence());
    return account.connection.connect().then(() => undefined, (error: unknown) => error);
  };

  it('refuses before any request, and goes to the network only when allowed', async () => {
    expect(await attempt(false)).toMatchObject({ kind: 'auth', message: expect.stringMatching(/^Not connecting to http:\/\/matrix\.example\.invalid:8008: it is plain HTTP/) as unknown });
    // Allowed: the request is made (and fails, .invalid never resolves) instead of being refused.
    const allowed = await attempt(true);
    expect(allowed).toMatchObject({ kind: 'network' });
    expect((allowed as Error).message).not.toMatch(/plain HTTP/);
  });
});
