/**
 * Stopping the core releases everything it opened: plugin workers, sockets, timers (the
 * reconnect clock, the send deadlines, the resend pause, the backup clock), the database
 * and its lock. Node's list of active resources (process.getActiveResourcesInfo) is the
 * same after `close` as before the core started, with a fixture plugin and with the real
 * IRC plugin connected to a real server.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { BUILT_PLUGINS, FIXTURE_PLUGINS, startInProcessCore } from '../support/inProcessCore.js';

let irc: RunningIrcServer | undefined;
afterAll(async () => {
  await irc?.stop();
});

/** Active resources by kind, counted (timers, sockets, workers, file handles…). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds with more resources now than `before` (the test runner's own may have gone meanwhile). */
function leftOpen(before: Record<string, number>, now: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(now).filter(([kind, count]) => count > (before[kind] ?? 0)));
}

/** What is still open beyond `before`, once it is nothing or after a bound: a terminated worker's handles close a tick later. */
async function openBeyond(before: Record<string, number>): Promise<Record<string, number>> {
  const deadline = Date.now() + 10_000;
  let extra = leftOpen(before, resources());
  while (Object.keys(extra).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    extra = leftOpen(before, resources());
  }
  return extra;
}

const onlineEvent = (accountId: string) => (e: BridgeEvent): boolean =>
  e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';

describe('stopping the core', () => {
  it('leaves no handle open: a fixture plugin with messages in flight, a resend pending and a reconnect clock', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const before = resources();
    const core = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback'), join(FIXTURE_PLUGINS, 'faulty')], undefined, undefined, { sendDeadlineMs: 60_000 });
    const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await core.waitForEvent(onlineEvent(account.id));
    const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    const safe = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'resend-safe-carol' });
    const room = await core.client.request('conversations.joinRoom', { accountId: account.id, room: '#lobby' });
    await core.client.request('messages.send', { conversationId: chat.id, body: 'hello' });
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: hello');
    // A send deadline running, and a message lost once (taken back, resent after a pause).
    await core.client.request('messages.send', { conversationId: chat.id, body: 'never confirmed' });
    await core.client.request('messages.send', { conversationId: safe.id, body: 'lost once' });
    await core.client.request('messages.send', { conversationId: room.id, body: 'to the room' });
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: to the room');
    // A worker that exits: its restart and the account's reconnect are on a clock.
    const crashing = await core.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'crash', fault: 'exit' } });
    await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === crashing.id && e.payload.account.state === 'reconnecting');
    expect(Object.keys(leftOpen(before, resources()))).not.toEqual([]);

    await core.close();
    expect(await openBeyond(before)).toEqual({});
  });

  it('leaves no handle open: the IRC plugin connected to a real server, in a channel', async () => {
    irc = await startNgircd();
    const server = irc;
    await new Promise((resolve) => setImmediate(resolve));
    const before = resources();
    const core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    const account = await core.client.request('accounts.add', { pluginId: 'irc', settings: { server: server.host, port: server.port, tls: false, nick: 'closer' } });
    await core.waitForEvent(onlineEvent(account.id), 30_000);
    const room = await core.client.request('conversations.joinRoom', { accountId: account.id, room: '#closing' });
    const sent = await core.client.request('messages.send', { conversationId: room.id, body: 'before the stop' });
    await core.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === sent.id && e.payload.message.status === 'sent', 15_000);
    // The plugin's socket is in its worker thread; here the worker shows as its MessagePort.
    expect(leftOpen(before, resources())['MessagePort']).toBeGreaterThan(0);

    await core.close();
    expect(await openBeyond(before)).toEqual({});
  });
});
