import { describe, expect, it } from 'vitest';
import { plainPasswordRefusal } from './plainPassword.js';
import { readSettings } from './settings.js';

const plain = { host: '127.0.0.1', port: 6667, tls: false };
const refusal = (settings: Parameters<typeof readSettings>[0], endpoint = plain) =>
  plainPasswordRefusal(readSettings({ server: '127.0.0.1', nick: 'al', ...settings }), endpoint);

describe('plainPasswordRefusal', () => {
  it('refuses each password a plain login would send, loopback included, and says what to do', () => {
    const error = refusal({ password: 'pw', accountPassword: 'pw2' });
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error?.message).toBe('Not connecting to 127.0.0.1:6667: TLS is off, so your server password and account password would be sent unencrypted. '
      + 'Turn on "Use TLS" (most servers offer it on port 6697), or, only if you trust every network between you and the server, '
      + 'turn on "Allow sending my password without encryption" in the account\'s advanced settings.');
    expect(refusal({ accountPassword: 'pw2' })?.message).toMatch(/your account password would be sent/);
    expect(refusal({ accountPassword: 'pw2', saslMechanism: 'plain' })?.message).toMatch(/your account password would be sent/);
  });

  it('lets the login go ahead with TLS, when allowed, without passwords, or with SASL EXTERNAL', () => {
    expect(refusal({ password: 'pw' }, { ...plain, tls: true })).toBeUndefined();
    expect(refusal({ password: 'pw', allowPlainPassword: true })).toBeUndefined();
    expect(refusal({})).toBeUndefined();
    expect(refusal({ accountPassword: 'unused', saslMechanism: 'external' })).toBeUndefined();
  });
});
