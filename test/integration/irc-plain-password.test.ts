/**
 * Issue 7: no password over a connection without TLS unless the user allowed it for that
 * account. Through the whole core (as the UI sees it) against a real ngIRCd with a server
 * password on its plain port: refused with an error that says what to do, without even
 * opening a connection, and not retried; allowed by the per-account setting, the same
 * account logs in. 127.0.0.1 gets no exception.
 */
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const SERVER_PASSWORD = 'open-sesame';
let irc: RunningIrcServer | undefined;
let core: InProcessCore | undefined;
let tripwire: net.Server | undefined;
let watcher: RawIrcClient | undefined;
afterAll(async () => {
  await watcher?.close();
  await core?.close();
  await irc?.stop();
  await new Promise((resolve) => tripwire ? tripwire.close(resolve) : resolve(undefined));
});

/** A listening port that counts the connections made to it (none must be). */
async function listenAndCount(): Promise<{ port: number; count: () => number }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  tripwire = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, count: () => connections };
}

/** The first view of the account in `state` (past or future), as the UI gets it. */
async function accountIn(running: InProcessCore, accountId: string, state: AccountView['state']): Promise<AccountView> {
  const event = await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === state, 15_000);
  if (event.type !== 'account.changed') throw new Error('unreachable: the predicate matched account.changed');
  return event.payload.account;
}

describe('IRC: a password over a plain connection', () => {
  it('is refused with what to do unless the account allows it; allowed, the login works', async () => {
    irc = await startNgircd({ password: SERVER_PASSWORD });
    core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    const running = core;
    const server = irc;

    // Refused before any connection: a listener on the account's port sees nothing.
    const counted = await listenAndCount();
    const careful = await running.client.request('accounts.add', {
      pluginId: 'irc', settings: { server: '127.0.0.1', port: counted.port, tls: false, nick: 'careful', accountPassword: 'my-nickserv-password' },
    });
    expect((await accountIn(running, careful.id, 'failed')).error).toEqual({
      kind: 'auth',
      message: `Not connecting to 127.0.0.1:${counted.port}: TLS is off, so your account password would be sent unencrypted. `
        + 'Turn on "Use TLS" (most servers offer it on port 6697), or, only if you trust every network between you and the server, '
        + 'turn on "Allow sending my password without encryption" in the account\'s advanced settings.',
    });
    expect(counted.count()).toBe(0);

    // The real server with a server password: refused the same way, and not retried.
    const settings = { server: '127.0.0.1', port: server.port, tls: false, nick: 'alice', password: SERVER_PASSWORD };
    const alice = await running.client.request('accounts.add', { pluginId: 'irc', settings });
    const failed = await accountIn(running, alice.id, 'failed');
    expect(failed.error?.message).toMatch(/^Not connecting to 127\.0\.0\.1:\d+: TLS is off, so your server password would be sent unencrypted\./);
    // Failed, not Reconnecting: nothing will try again until the user changes the account.
    expect(running.events.some((e) => e.type === 'account.changed' && e.payload.account.id === alice.id && e.payload.account.state === 'reconnecting')).toBe(false);
    expect(failed.retryAt).toBeUndefined();

    // Allowed for this account: the same settings log in, and another user sees alice.
    await running.client.request('accounts.update', { accountId: alice.id, settings: { ...settings, allowPlainPassword: true } });
    await accountIn(running, alice.id, 'online');
    watcher = await connectRawIrcClient({ port: server.port, nick: 'watcher', password: SERVER_PASSWORD });
    watcher.send('WHOIS alice');
    await watcher.waitForLine(/ 311 watcher alice /);
  });
});
