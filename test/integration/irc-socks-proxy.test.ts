/**
 * Issue 21: an IRC account through a SOCKS5 proxy (RFC 1928/1929), against Debian's
 * microsocks and a real ngIRCd. The proxy's outgoing connections leave from 127.0.0.2, so
 * WHOIS on the server shows whether the account really came through it — also for TLS,
 * whose certificate probe must not go around the proxy either. A proxy that refuses the
 * login, is down, or cannot reach the server gives the account an error in words.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { findFreePort } from '../servers/serverProcess.js';
import { startSocksProxy, type RunningSocksProxy } from '../servers/socksProxy.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let irc: RunningIrcServer | undefined;
let proxy: RunningSocksProxy | undefined;
let core: InProcessCore | undefined;
let watcher: RawIrcClient | undefined;
afterAll(async () => {
  await watcher?.close();
  await core?.close();
  await proxy?.stop();
  await irc?.stop();
});

async function accountIn(running: InProcessCore, accountId: string, state: AccountView['state']): Promise<AccountView> {
  const event = await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === state, 20_000);
  if (event.type !== 'account.changed') throw new Error('unreachable: the predicate matched account.changed');
  return event.payload.account;
}

/** The address the server sees for a nick (RPL_WHOISUSER's host; ngIRCd without DNS shows the IP). */
async function addressOf(client: RawIrcClient, nick: string): Promise<string> {
  client.send(`WHOIS ${nick}`);
  const line = await client.waitForLine(new RegExp(` 311 \\S+ ${nick} `));
  return line.split(' ')[5] ?? '';
}

describe('IRC through a SOCKS5 proxy', () => {
  it('logs in through the proxy (plain and TLS), and says in words why it cannot', async () => {
    irc = await startNgircd({ tls: true });
    proxy = await startSocksProxy({ user: 'tor', password: 'onion' });
    core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    watcher = await connectRawIrcClient({ port: irc.port, nick: 'watcher' });
    const running = core;
    const server = irc;
    const via = { proxy: `127.0.0.1:${proxy.port}`, proxyUser: 'tor', proxyPassword: 'onion' };
    const base = { server: '127.0.0.1', port: server.port, tls: false };

    const plain = await running.client.request('accounts.add', { pluginId: 'irc', settings: { ...base, nick: 'proxied', ...via } });
    await accountIn(running, plain.id, 'online');
    expect(await addressOf(watcher, 'proxied')).toBe('127.0.0.2');
    expect(await addressOf(watcher, 'watcher')).toBe('127.0.0.1');

    const tls = await running.client.request('accounts.add', {
      pluginId: 'irc', settings: { ...base, port: server.tlsPort ?? 0, tls: true, nick: 'tlsproxied', ...via, trustedFingerprint: server.certificateFingerprint256 ?? '' },
    });
    await accountIn(running, tls.id, 'online');
    expect(await addressOf(watcher, 'tlsproxied')).toBe('127.0.0.2');

    // Without the trusted fingerprint: the certificate probe (through the proxy too) shows what to trust.
    const untrusted = await running.client.request('accounts.add', {
      pluginId: 'irc', settings: { ...base, port: server.tlsPort ?? 0, tls: true, nick: 'untrusted', ...via },
    });
    expect((await accountIn(running, untrusted.id, 'failed')).error).toMatchObject({
      kind: 'certificate', certificate: { fingerprint256: server.certificateFingerprint256 },
    });

    const wrongPassword = await running.client.request('accounts.add', { pluginId: 'irc', settings: { ...base, nick: 'wrongpw', ...via, proxyPassword: 'garlic' } });
    expect((await accountIn(running, wrongPassword.id, 'failed')).error).toEqual({
      kind: 'auth',
      message: `Cannot connect to 127.0.0.1:${server.port} through the SOCKS5 proxy 127.0.0.1:${proxy.port}: the proxy 127.0.0.1:${proxy.port} refused the user name or password.`,
    });

    const closedPort = await findFreePort();
    const unreachable = await running.client.request('accounts.add', { pluginId: 'irc', settings: { ...base, port: closedPort, nick: 'nowhere', ...via } });
    expect((await accountIn(running, unreachable.id, 'reconnecting')).error?.message)
      .toBe(`Cannot connect to 127.0.0.1:${closedPort} through the SOCKS5 proxy 127.0.0.1:${proxy.port}: the server refused the proxy's connection.`);

    const deadProxyPort = await findFreePort();
    const proxyDown = await running.client.request('accounts.add', { pluginId: 'irc', settings: { ...base, nick: 'proxydown', ...via, proxy: `127.0.0.1:${deadProxyPort}` } });
    expect((await accountIn(running, proxyDown.id, 'reconnecting')).error?.message)
      .toBe(`Cannot connect to 127.0.0.1:${server.port} through the SOCKS5 proxy 127.0.0.1:${deadProxyPort}: the proxy 127.0.0.1:${deadProxyPort} is not reachable (connection refused).`);

    // Nothing leaked past the proxy: no connection of the proxied accounts came from 127.0.0.1.
    for (const nick of ['wrongpw', 'nowhere', 'proxydown']) {
      watcher.send(`WHOIS ${nick}`);
      await watcher.waitForLine(new RegExp(` 401 \\S+ ${nick} `));
    }
  });

  it('refuses a malformed proxy address before connecting', async () => {
    const running = core ?? await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    core = running;
    const bad = await running.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: 6667, tls: false, nick: 'badproxy', proxy: 'localhost' } });
    expect((await accountIn(running, bad.id, 'failed')).error?.message)
      .toBe('"localhost" is not a SOCKS5 proxy address: write it as host:port (for Tor, 127.0.0.1:9050).');
  });
});
