/**
 * Issue 21: IRC through a real bouncer, ZNC 1.8 (Debian), in front of ngIRCd: the core with
 * the built IRC plugin logs in as `alice/<network>:<password>`; bob and carol are raw clients
 * on the IRC servers. What ZNC buffered while Switchboard was away is played back on attach
 * (`znc.in/playback` batches with server-time) and shown once, at the time it was said — also
 * when ZNC keeps its buffer for several clients and replays what we saw already.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView, ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { startZnc, type RunningZnc } from '../servers/znc.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { join } from 'node:path';

/** Poll an async check until it gives a value. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ngircd(): Promise<RunningIrcServer> {
  const server = await startNgircd();
  cleanups.push(() => server.stop());
  return server;
}

async function znc(networks: Parameters<typeof startZnc>[0]['networks'], clearBufferAfterPlayback: boolean): Promise<RunningZnc> {
  const bouncer = await startZnc({ networks, clearBufferAfterPlayback });
  cleanups.push(() => bouncer.stop());
  return bouncer;
}

/** A raw client in `channel` on `server`, once ZNC's alice is there too (ZNC joins on its own). */
async function peerInChannel(server: RunningIrcServer, nick: string, channel: string): Promise<RawIrcClient> {
  const peer = await connectRawIrcClient({ port: server.port, nick });
  cleanups.push(() => peer.close());
  peer.send(`JOIN ${channel}`);
  await peer.waitForLine(new RegExp(` 366 ${nick} ${channel} `));
  await until(`ZNC's alice in ${channel}`, async () => {
    peer.send(`NAMES ${channel}`);
    const names = await peer.waitForLine(new RegExp(` 353 ${nick} . ${channel} :`));
    return /[ :@+]alice( |$)/.test(names) || undefined;
  }, 15_000);
  return peer;
}

async function core(): Promise<InProcessCore> {
  const running = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
  cleanups.push(() => running.close());
  return running;
}

async function addAccount(running: InProcessCore, bouncer: RunningZnc, network: string): Promise<AccountView> {
  const account = await running.client.request('accounts.add', {
    pluginId: 'irc',
    // A bouncer on the same machine, without TLS: the password may go in the clear only because the account says so.
    settings: { server: '127.0.0.1', port: bouncer.port, tls: false, nick: 'alice', password: bouncer.login(network), allowPlainPassword: true },
  });
  await online(running, account);
  return account;
}

async function online(running: InProcessCore, account: AccountView): Promise<void> {
  await until(`${account.id} online`, async () => {
    const listed = (await running.client.request('accounts.list', {})).find((a: AccountView) => a.id === account.id);
    return listed?.state === 'online' || undefined;
  }, 20_000);
}

async function room(running: InProcessCore, account: AccountView, name: string): Promise<ConversationView> {
  return until(`${name} of ${account.id}`, async () =>
    (await running.client.request('conversations.list', {})).find((c: ConversationView) => c.accountId === account.id && c.networkId === name), 15_000);
}

async function messages(running: InProcessCore, conversation: ConversationView): Promise<MessageView[]> {
  return running.client.request('messages.list', { conversationId: conversation.id, limit: 100 });
}

describe('IRC through ZNC', () => {
  it('shows what was said while away once, at the time it was said, even when ZNC replays its whole buffer', async () => {
    const server = await ngircd();
    const bouncer = await znc([{ name: 'one', port: server.port, channels: ['#znc'] }], false);
    const bob = await peerInChannel(server, 'bob', '#znc');
    bob.send('PRIVMSG #znc :said before the first login');
    // ZNC has it once bob's line went through the server: a second line from bob to himself fences it.
    bob.send('PRIVMSG bob :fence');
    await bob.waitForLine(/PRIVMSG bob :fence/);

    const running = await core();
    const alice = await addAccount(running, bouncer, 'one');
    const chat = await room(running, alice, '#znc');
    const bodies = async (): Promise<string[]> => (await messages(running, chat)).map((m) => m.body);
    await expect.poll(bodies, { timeout: 10_000 }).toEqual(['said before the first login']);
    bob.send('PRIVMSG #znc :said live');
    await expect.poll(bodies, { timeout: 10_000 }).toEqual(['said before the first login', 'said live']);

    await running.client.request('accounts.disconnect', { accountId: alice.id });
    await until('alice offline', async () =>
      (await running.client.request('accounts.list', {})).find((a: AccountView) => a.id === alice.id)?.state === 'offline' || undefined, 10_000);
    const away = Date.now();
    bob.send('PRIVMSG #znc :missed one');
    bob.send('PRIVMSG #znc :missed two');
    bob.send('PRIVMSG bob :fence');
    await bob.waitForLine(/PRIVMSG bob :fence/);
    const backAt = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the reconnect's clock reads after backAt
    await running.client.request('accounts.connect', { accountId: alice.id });
    await online(running, alice);
    const expected = ['said before the first login', 'said live', 'missed one', 'missed two'];
    await expect.poll(bodies, { timeout: 10_000 }).toEqual(expected);
    const missed = (await messages(running, chat)).filter((m) => m.body.startsWith('missed'));
    for (const message of missed) {
      expect(message.timestamp).toBeGreaterThanOrEqual(away - 1_000);
      expect(message.timestamp).toBeLessThan(backAt);
    }

    // Attaching again replays the same buffer once more: nothing is doubled.
    await running.client.request('accounts.disconnect', { accountId: alice.id });
    await running.client.request('accounts.connect', { accountId: alice.id });
    await online(running, alice);
    bob.send('PRIVMSG #znc :after the second attach');
    await expect.poll(bodies, { timeout: 10_000 }).toEqual([...expected, 'after the second attach']);
  });

  it('keeps two networks behind one bouncer apart, as two accounts', async () => {
    const [first, second] = [await ngircd(), await ngircd()];
    const bouncer = await znc([
      { name: 'one', port: first.port, channels: ['#znc'] },
      { name: 'two', port: second.port, channels: ['#znc'] },
    ], true);
    const bob = await peerInChannel(first, 'bob', '#znc');
    const carol = await peerInChannel(second, 'carol', '#znc');
    const running = await core();
    const one = await addAccount(running, bouncer, 'one');
    const two = await addAccount(running, bouncer, 'two');
    const [roomOne, roomTwo] = [await room(running, one, '#znc'), await room(running, two, '#znc')];
    expect(roomOne.id).not.toBe(roomTwo.id);

    bob.send('PRIVMSG #znc :on network one');
    carol.send('PRIVMSG #znc :on network two');
    await expect.poll(async () => (await messages(running, roomOne)).map((m) => `${m.senderName}: ${m.body}`), { timeout: 10_000 }).toEqual(['bob: on network one']);
    await expect.poll(async () => (await messages(running, roomTwo)).map((m) => `${m.senderName}: ${m.body}`), { timeout: 10_000 }).toEqual(['carol: on network two']);

    // A reply goes out on its own network only.
    await running.client.request('messages.send', { conversationId: roomTwo.id, body: 'hello two' });
    await carol.waitForLine(/^:alice!\S+ PRIVMSG #znc :hello two$/, 10_000);
    bob.send('PRIVMSG bob :fence');
    await bob.waitForLine(/PRIVMSG bob :fence/);
    expect(bob.lines.some((line) => line.includes('hello two'))).toBe(false);
  });
});
