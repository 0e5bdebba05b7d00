import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../api/index.js';
import { manifest } from './manifest.js';
import { readSettings } from './settings.js';

describe('readSettings', () => {
  it('applies the manifest defaults: TLS on port 6697', () => {
    expect(readSettings({ server: 'irc.example.org', nick: 'alice' })).toMatchObject({
      server: 'irc.example.org', port: 6697, tls: true, nick: 'alice', username: 'alice',
    });
  });

  it('keeps an explicit plain port and the optional fields', () => {
    const settings = readSettings({ server: ' 127.0.0.1 ', port: 6667, tls: false, nick: 'Bob[away]', password: 'pw', trustedFingerprint: 'AB:CD' });
    expect(settings).toMatchObject({ server: '127.0.0.1', port: 6667, tls: false, nick: 'Bob[away]', password: 'pw', trustedFingerprint: 'AB:CD' });
    expect(settings.username).toBe('Bobaway');
  });

  it('refuses a missing server, an invalid nick and a bad port with a readable error', () => {
    expect(() => readSettings({ nick: 'alice' })).toThrow(ProtocolError);
    expect(() => readSettings({ server: 'x', nick: '9lives' })).toThrow('"9lives" is not a valid IRC nickname.');
    expect(() => readSettings({ server: 'x', nick: 'has space' })).toThrow(/not a valid IRC nickname/);
    expect(() => readSettings({ server: 'x', nick: 'alice', port: 70000 })).toThrow('70000 is not a valid port.');
  });

  it('uses the same nick pattern as the account dialog', () => {
    const field = manifest.accountFields.find((f) => f.key === 'nick');
    const pattern = field?.kind === 'text' ? field.pattern : undefined;
    expect(pattern).toBeDefined();
    const re = new RegExp(`^(?:${pattern ?? ''})$`);
    expect(['alice', 'Bob_', '[x]', 'a-b'].every((n) => re.test(n))).toBe(true);
    expect(['9lives', '-x', 'a b', '#chan', ''].some((n) => re.test(n))).toBe(false);
  });
});

describe('manifest', () => {
  it('declares the account fields the UI relies on, in order', () => {
    expect(manifest.accountFields.map((f) => [f.key, f.kind, f.label])).toEqual([
      ['server', 'text', 'Server'],
      ['port', 'number', 'Port'],
      ['tls', 'boolean', 'Use TLS'],
      ['nick', 'text', 'Nickname'],
      ['password', 'secret', 'Server password'],
      ['username', 'text', 'Username'],
      ['realname', 'text', 'Real name'],
      ['trustedFingerprint', 'text', 'Trusted certificate fingerprint (SHA-256)'],
    ]);
    expect(manifest).toMatchObject({ id: 'irc', name: 'IRC', apiVersion: '^0.1.0', accountLabelField: 'nick', roomPlaceholder: '#channel' });
  });
});
