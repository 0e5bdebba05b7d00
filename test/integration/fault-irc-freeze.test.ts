/**
 * Issue 6: a frozen server. SIGSTOP the IRCv3 server (no FIN, no RST: the socket just goes
 * silent, as when a route dies) for longer than the account's ping timeout, then SIGCONT.
 * The account must notice by itself (keep-alive), show why it is reconnecting, fail a login
 * attempt against the still-frozen server the same way (not as a wrong password), come back,
 * rejoin its channel, and show a message another user sent while it was away exactly once:
 * the server replays channel history on join (InspIRCd's chanhistory, or Ergo's), and what
 * the account had already seen is dropped by msgid.
 *
 * The keep-alive is set to seconds here (ping every 1 s, give up after 3 s of silence) so
 * the test stays short; the defaults are 60 s / 120 s.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountView, MessageView } from '../../electron/bridge/schemas.js';
import { startIrcv3Server, type RunningIrcv3Server } from '../servers/ergo.js';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

const PING_INTERVAL_S = 1;
const PING_TIMEOUT_S = 3;
let server: RunningIrcv3Server | undefined;
let core: InProcessCore | undefined;
let bob: RawIrcClient | undefined;
afterAll(async () => {
  server?.signal('SIGCONT');
  await bob?.close();
  await core?.close();
  await server?.stop();
});

/** The account as the UI last saw it. */
function account(running: InProcessCore, id: string): AccountView | undefined {
  let found: AccountView | undefined;
  for (const event of running.events) if (event.type === 'account.changed' && event.payload.account.id === id) found = event.payload.account;
  return found;
}

describe('fault: IRC server frozen (SIGSTOP) longer than the ping timeout', () => {
  it('notices, shows why, reconnects, rejoins, and shows what was said meanwhile exactly once', async () => {
    server = await startIrcv3Server();
    const irc = server;
    await irc.registerAccount('alice', 'alice-pw');
    core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    const running = core;

    // Bob, an independent client, opens the channel and turns on history replay on join (InspIRCd's +H; Ergo has it on).
    bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
    const other = bob;
    other.send('JOIN #frozen');
    await other.waitForLine(/ 366 bob #frozen /);
    if (irc.software === 'inspircd') {
      other.send('MODE #frozen +H 100:1d');
      await other.waitForLine(/ MODE #frozen \+H :?100:1d/);
    }

    const alice = await running.client.request('accounts.add', {
      pluginId: 'irc',
      settings: {
        server: '127.0.0.1', port: irc.port, tls: false, nick: 'alice', accountPassword: 'alice-pw', allowPlainPassword: true,
        pingInterval: PING_INTERVAL_S, pingTimeout: PING_TIMEOUT_S,
      },
    });
    await eventually('alice online', () => account(running, alice.id)?.state === 'online' || undefined, 15_000);
    const room = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#frozen' });
    await other.waitForLine(/^:alice!\S+ JOIN :?#frozen/);
    const bodies = async (): Promise<string[]> =>
      (await running.client.request('messages.list', { conversationId: room.id, limit: 100 })).map((m: MessageView) => m.body);
    other.send('PRIVMSG #frozen :before the freeze');
    await expect.poll(bodies, { timeout: 10_000 }).toContain('before the freeze');

    // Freeze. Nothing closes: only the keep-alive can tell.
    const frozenAt = Date.now();
    irc.signal('SIGSTOP');
    try {
      const lost = await eventually('alice reconnecting', () => {
        const view = account(running, alice.id);
        return view?.state === 'reconnecting' ? view : undefined;
      }, 20_000);
      const noticedMs = Date.now() - frozenAt;
      expect(lost.error).toEqual({
        kind: 'network',
        message: `Lost the connection to 127.0.0.1:${irc.port}: no answer from the server for ${PING_TIMEOUT_S} s (ping timeout).`,
      });
      // Said while alice is away: it waits in the frozen server's socket buffer.
      other.send('PRIVMSG #frozen :said while alice was away');
      // The core tries again while the server is still frozen: the TCP handshake succeeds (the
      // kernel answers it), the login gets no answer, and the keep-alive ends that attempt too.
      const retried = await eventually('a login attempt against the frozen server', () => {
        const view = account(running, alice.id);
        return view?.state === 'reconnecting' && view.error?.message !== lost.error?.message ? view : undefined;
      }, 20_000);
      expect(retried.error).toEqual({
        kind: 'network',
        message: `No answer from 127.0.0.1:${irc.port} for ${PING_TIMEOUT_S} s during login (ping timeout).`,
      });
      const frozenForMs = Date.now() - frozenAt;

      const thawedAt = Date.now();
      irc.signal('SIGCONT');
      await eventually('alice online again', () => account(running, alice.id)?.state === 'online' || undefined, 30_000);
      await other.waitForLine(/^:alice!\S+ JOIN :?#frozen/, 15_000);
      const reconnectedMs = Date.now() - thawedAt;

      // A live line after the rejoin: once alice has it, the join's history replay is behind us.
      other.send('PRIVMSG #frozen :after the thaw');
      await expect.poll(bodies, { timeout: 10_000 }).toContain('after the thaw');
      const seen = await bodies();
      expect(seen.filter((b) => b === 'said while alice was away')).toHaveLength(1);
      expect(seen.filter((b) => b === 'before the freeze')).toHaveLength(1);
      expect(seen.indexOf('said while alice was away')).toBeLessThan(seen.indexOf('after the thaw'));
      console.log(`IRC freeze (${irc.software}, ping every ${PING_INTERVAL_S} s, timeout ${PING_TIMEOUT_S} s): `
        + `noticed after ${(noticedMs / 1000).toFixed(1)} s, frozen for ${(frozenForMs / 1000).toFixed(1)} s, online and rejoined ${(reconnectedMs / 1000).toFixed(1)} s after SIGCONT; `
        + `messages shown: ${JSON.stringify(seen)}`);
    } finally {
      irc.signal('SIGCONT');
    }
  });
});
