import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../api/index.js';
import { manifest } from './manifest.js';
import { readSettings } from './settings.js';

describe('readSettings', () => {
  it('reads the SOCKS5 proxy and its login, and refuses what RFC 1929 cannot carry', () => {
    const base = { server: 'irc.example.org', nick: 'alice' };
    expect(readSettings(base).proxy).toBeUndefined();
    expect(readSettings({ ...base, proxy: '127.0.0.1:9050' }).proxy).toEqual({ host: '127.0.0.1', port: 9050 });
    expect(readSettings({ ...base, proxy: 'p:1080', proxyUser: 'u', proxyPassword: 'pw' }).proxy).toEqual({ host: 'p', port: 1080, user: 'u', password: 'pw' });
    expect(() => readSettings({ ...base, proxy: 'p:1080', proxyPassword: 'pw' })).toThrow('The proxy password needs a proxy user name too.');
    expect(() => readSettings({ ...base, proxy: 'p:1080', proxyUser: 'x'.repeat(256) })).toThrow('longer than SOCKS5 allows');
    expect(() => readSettings({ ...base, proxy: 'p' })).toThrow('"p" is not a SOCKS5 proxy address');
  });

  it('reads the DCC settings, off by default, and refuses an address or port range that cannot work', () => {
    const base = { server: 'irc.example', nick: 'alice' };
    expect(readSettings(base).dcc).toEqual({ allowLocal: false, passive: false, proxied: false });
    expect(readSettings({ ...base, dccAllowLocal: true, dccPassive: true, dccAddress: '203.0.113.7', dccPorts: '5000-5015', proxy: '127.0.0.1:9050' }).dcc)
      .toEqual({ allowLocal: true, passive: true, proxied: true, address: '203.0.113.7', ports: { from: 5000, to: 5015 } });
    expect(readSettings({ ...base, dccPorts: '6000' }).dcc.ports).toEqual({ from: 6000, to: 6000 });
    expect(() => readSettings({ ...base, dccAddress: 'my.host' })).toThrow('"my.host" is not an IP address (DCC address).');
    for (const range of ['80-90', '6000-5000', '5000-70000', 'many']) expect(() => readSettings({ ...base, dccPorts: range }), range).toThrow('is not a port range for DCC');
  });

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

  it('reads the login, auto-join, alternate nick and encoding fields', () => {
    expect(readSettings({ server: 's', nick: 'al', accountPassword: 'pw', autojoin: '#a, b,#c key', altNicks: 'al2, al3', encoding: 'windows-1251', saslMechanism: 'external' }))
      .toMatchObject({ account: 'al', accountPassword: 'pw', autojoin: [{ channel: '#a' }, { channel: '#b' }, { channel: '#c', key: 'key' }], altNicks: ['al2', 'al3'], encoding: 'windows-1251', saslMechanism: 'external' });
    expect(readSettings({ server: 's', nick: 'al' })).toMatchObject({ encoding: 'latin1', saslMechanism: 'auto', altNicks: [], autojoin: [] });
    expect(() => readSettings({ server: 's', nick: 'al', encoding: 'klingon' })).toThrow(/not an encoding/);
    expect(() => readSettings({ server: 's', nick: 'al', altNicks: 'ok, 9bad' })).toThrow(/alternate nick/);
  });

  it('keeps passwords off plain connections unless allowed, and reads the keep-alive', () => {
    expect(readSettings({ server: 's', nick: 'al' })).toMatchObject({ allowPlainPassword: false, keepAlive: { intervalSeconds: 60, timeoutSeconds: 120 } });
    expect(readSettings({ server: 's', nick: 'al', allowPlainPassword: true, pingInterval: 1, pingTimeout: '3' }))
      .toMatchObject({ allowPlainPassword: true, keepAlive: { intervalSeconds: 1, timeoutSeconds: 3 } });
    expect(() => readSettings({ server: 's', nick: 'al', pingInterval: 0 })).toThrow('0 is not a valid ping interval (whole seconds, 1 to 3600).');
    expect(() => readSettings({ server: 's', nick: 'al', pingInterval: 60, pingTimeout: 30 })).toThrow(/must be longer than the ping interval/);
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
      ['accountPassword', 'secret', 'Account password'],
      ['allowPlainPassword', 'boolean', 'Allow sending my password without encryption'],
      ['autojoin', 'text', 'Channels to join'],
      ['username', 'text', 'Username'],
      ['realname', 'text', 'Real name'],
      ['altNicks', 'text', 'Alternate nicknames'],
      ['account', 'text', 'Account name'],
      ['saslMechanism', 'choice', 'Login method'],
      ['clientCertificate', 'text', 'Client certificate (PEM file)'],
      ['bouncerNetwork', 'text', 'Bouncer network'],
      ['encoding', 'text', 'Fallback encoding'],
      ['pingInterval', 'number', 'Ping interval (seconds)'],
      ['pingTimeout', 'number', 'Ping timeout (seconds)'],
      ['trustedFingerprint', 'text', 'Trusted certificate fingerprint (SHA-256)'],
      ['proxy', 'text', 'SOCKS5 proxy'],
      ['proxyUser', 'text', 'Proxy user name'],
      ['proxyPassword', 'secret', 'Proxy password'],
      ['dccPassive', 'boolean', 'Send files passively (DCC behind NAT)'],
      ['dccAddress', 'text', 'DCC address'],
      ['dccPorts', 'text', 'DCC ports'],
      ['dccAllowLocal', 'boolean', 'Accept DCC from local network addresses'],
    ]);
    expect(manifest).toMatchObject({ id: 'irc', name: 'IRC', apiVersion: '^0.8.0', accountLabelField: 'nick', roomPlaceholder: '#channel' });
    expect(manifest.commands?.map((c) => c.name)).toEqual(expect.arrayContaining(['join', 'part', 'msg', 'query', 'nick', 'topic', 'away', 'whois', 'invite', 'kick', 'mode', 'quote']));
  });
});
