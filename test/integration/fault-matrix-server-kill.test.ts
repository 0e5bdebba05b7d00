/**
 * Kill -9 and restart Synapse while two Matrix accounts of one core exchange 1,000
 * messages (500 each way) in a room. Matrix can promise the most here: a message counts
 * as sent only once the homeserver returned its event id, a send interrupted by the
 * outage is retried with the same transaction id (so the homeserver stores it once), and
 * sync brings each side everything it missed. So: nothing shown as sent is lost, nothing
 * is doubled or reordered, nothing is left pending, and whatever failed arrives exactly
 * once after Retry.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { createPublicRoom, registerTestUser } from '../servers/synapse/fixtures.js';
import { accountStates, allMessages, countDirection, exchange, expectExactlyOnce, retryFailed, sentBy, type Direction, type DirectionCounts } from '../support/faultExchange.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';
import type { MessageView } from '../../electron/bridge/schemas.js';

const PER_DIRECTION = 500;
let synapse: RunningSynapse | undefined;
let core: InProcessCore | undefined;
let refusingCore: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await refusingCore?.close();
  await synapse?.stop();
});

describe('fault: Matrix homeserver killed mid-conversation', () => {
  it('loses nothing shown as sent, doubles and reorders nothing, and delivers every failed message once on Retry', async () => {
    synapse = await startSynapse();
    const server = synapse;
    const [aliceUser, bobUser] = await Promise.all([registerTestUser(server, 'alice'), registerTestUser(server, 'bob')]);
    const { alias } = await createPublicRoom(server, aliceUser, `fault${process.pid}`);
    core = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')]);
    const running = core;
    const alice = await running.client.request('accounts.add', { pluginId: 'matrix', settings: aliceUser.settings });
    const bob = await running.client.request('accounts.add', { pluginId: 'matrix', settings: bobUser.settings });
    const bothOnline = (): true | undefined => {
      const states = accountStates(running);
      return states.get(alice.id) === 'online' && states.get(bob.id) === 'online' ? true : undefined;
    };
    await eventually('both accounts online', bothOnline, 60_000);
    const aliceRoom = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: alias });
    const bobRoom = await running.client.request('conversations.joinRoom', { accountId: bob.id, room: alias });
    const directions: Direction[] = [
      { label: 'alice→bob', from: aliceRoom.id, to: bobRoom.id, prefix: 'a→b' },
      { label: 'bob→alice', from: bobRoom.id, to: aliceRoom.id, prefix: 'b→a' },
    ];

    // Kill in the middle; the exchange goes on while the server is down and comes back.
    // Also measured: how many messages were waiting when it came back, and how soon after
    // that the first one went through (the send queue's head retries every 2 s at most).
    let outage: Promise<{ downMs: number; backlog: number[]; resumedMs: number }> | undefined;
    const startedAt = Date.now();
    await exchange(running, directions, PER_DIRECTION, (n) => {
      if (n !== PER_DIRECTION / 2) return;
      const killedAt = Date.now();
      server.signal('SIGKILL');
      outage = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await server.restart();
        const backAt = Date.now();
        const before = new Set(running.events);
        const backlog = (await Promise.all(directions.map((d) => countDirection(running, d)))).map((c) => c.pending);
        await running.waitForEvent((e) => !before.has(e) && e.type === 'message.updated' && e.payload.message.status === 'sent', 60_000);
        return { downMs: backAt - killedAt, backlog, resumedMs: Date.now() - backAt };
      })();
    });
    const exchangeMs = Date.now() - startedAt;
    const { downMs, backlog, resumedMs } = await (outage ?? Promise.reject(new Error('the server was never killed')));
    await eventually('both accounts online again', bothOnline, 60_000);

    // Every message settles (sent or failed, none left queued), and sync brings the rest. The
    // SDK's queue sends one message at a time, as fast as Synapse stores them (~60–80 ms each
    // here, with both accounts sending and syncing): the exchange writes faster than that, so
    // the queue is hundreds deep by the kill, and draining it takes most of the test.
    const exchangedAt = Date.now();
    const counts = (): Promise<DirectionCounts[]> => Promise.all(directions.map((d) => countDirection(running, d)));
    await expect.poll(async () => (await counts()).every((c) => c.pending === 0), { timeout: 90_000, interval: 1_000 }).toBe(true)
      .catch(() => undefined); // asserted below, after the counts are printed
    await expect.poll(async () => (await counts()).every((c) => c.lost === 0), { timeout: 20_000, interval: 500 }).toBe(true)
      .catch(() => undefined); // the counts below say what was lost
    const afterFault = await counts();
    // Each message shown as sent that the receiver lacks, with its event id: where to look in the homeserver's log.
    const lostIds = await Promise.all(directions.map(async (d) => {
      const got = new Set((await allMessages(running, d.to)).map((m) => m.networkId));
      return (await sentBy(running, d)).filter((m) => m.status === 'sent' && !got.has(m.networkId)).map((m) => `${m.body} ${m.networkId ?? '?'}`);
    }));
    const drainMs = Date.now() - exchangedAt;
    const failures = new Set((await Promise.all(directions.map((d) => sentBy(running, d)))).flat().flatMap((m) => (m.error ? [m.error.message] : [])));
    // Retry, as the user would, whatever was marked failed: it goes through, once.
    const retried = await Promise.all(directions.map((d) => retryFailed(running, d)));
    await expect.poll(async () => (await counts()).every((c) => c.sent === PER_DIRECTION), { timeout: 60_000, interval: 500 }).toBe(true)
      .catch(() => undefined);
    await expect.poll(async () => (await counts()).every((c) => c.received >= PER_DIRECTION), { timeout: 20_000, interval: 500 }).toBe(true)
      .catch(() => undefined);
    const final = await counts();

    const report: Record<string, unknown> = {
      'exchange written in, ms': exchangeMs,
      'server down (kill → client API answers), ms': downMs,
      'waiting to be sent when it was back, per direction': backlog,
      'first message through, ms after it was back': resumedMs,
      'all settled, ms after the exchange': drainMs,
      'failed because': [...failures],
    };
    directions.forEach((d, i) => {
      report[d.label] = { afterFault: afterFault[i], retried: retried[i], final: final[i], ...((lostIds[i] ?? []).length > 0 ? { lost: lostIds[i] } : {}) };
    });
    console.log(`Matrix server kill -9 (Synapse): ${JSON.stringify(report)}`);

    // README, Reliability: the queue's head retries with the same txnId, so none fails.
    await expectExactlyOnce(running, directions, PER_DIRECTION, afterFault, final, { maxFailedBeforeRetry: 0 });
  }, 240_000);
});

describe('fault: a Matrix message the homeserver refused', () => {
  it('shows it failed, does not hold up the next message, and Retry delivers it once', async () => {
    // What the kill test rarely reaches: a send that fails for good, then Retry with the
    // same txnId. The SDK refuses a second local echo with a txnId it knows, so the
    // adapter has to send the failed echo again (resendEvent) instead of a new one.
    synapse ??= await startSynapse();
    const server = synapse;
    const [aliceUser, bobUser] = await Promise.all([registerTestUser(server, 'alice'), registerTestUser(server, 'bob')]);
    const { alias, roomId } = await createPublicRoom(server, aliceUser, `refuse${process.pid}`);
    refusingCore = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')]);
    const running = refusingCore;
    const alice = await running.client.request('accounts.add', { pluginId: 'matrix', settings: aliceUser.settings });
    const bob = await running.client.request('accounts.add', { pluginId: 'matrix', settings: bobUser.settings });
    await eventually('both accounts online', () => {
      const states = accountStates(running);
      return states.get(alice.id) === 'online' && states.get(bob.id) === 'online' ? true : undefined;
    }, 60_000);
    const aliceRoom = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: alias });
    const bobRoom = await running.client.request('conversations.joinRoom', { accountId: bob.id, room: alias });

    // The room's owner lets only moderators speak: the homeserver refuses bob's message (403).
    const powerPath = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.power_levels`;
    const power = await server.request('GET', powerPath, aliceUser.accessToken) as Record<string, unknown>;
    await server.request('PUT', powerPath, aliceUser.accessToken, { ...power, events_default: 50 });
    const refused = await running.client.request('messages.send', { conversationId: bobRoom.id, body: 'refused, then retried' });
    const bobsOwn = async (): Promise<MessageView[]> => (await allMessages(running, bobRoom.id)).filter((m) => m.direction === 'out');
    const statusOf = async (id: number): Promise<string | undefined> => (await bobsOwn()).find((m) => m.id === id)?.status;
    await expect.poll(() => statusOf(refused.id), { timeout: 30_000, interval: 200 }).toBe('failed');
    expect((await bobsOwn()).find((m) => m.id === refused.id)?.error?.message).toMatch(/not allowed/);

    // Allowed again: the next message goes through although the refused one is still failed.
    await server.request('PUT', powerPath, aliceUser.accessToken, { ...power, events_default: 0 });
    const next = await running.client.request('messages.send', { conversationId: bobRoom.id, body: 'sent after the refusal' });
    await expect.poll(() => statusOf(next.id), { timeout: 30_000, interval: 200 }).toBe('sent');

    await running.client.request('messages.retry', { messageId: refused.id });
    await expect.poll(() => statusOf(refused.id), { timeout: 30_000, interval: 200 }).toBe('sent');
    // One more message after it: bob's queue is in order, so once alice has this one, any
    // second copy of the retried message would be there too.
    await running.client.request('messages.send', { conversationId: bobRoom.id, body: 'last' });
    const aliceSees = async (): Promise<string[]> =>
      (await allMessages(running, aliceRoom.id)).filter((m) => m.direction === 'in').map((m) => m.body);
    await expect.poll(async () => (await aliceSees()).includes('last'), { timeout: 30_000, interval: 200 }).toBe(true);
    expect((await aliceSees()).sort()).toEqual(['last', 'refused, then retried', 'sent after the refusal']);
    expect((await bobsOwn()).map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
  }, 120_000);
});
