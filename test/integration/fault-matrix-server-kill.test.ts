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
import { accountStates, countDirection, exchange, receivedBy, retryFailed, sentBy, type Direction, type DirectionCounts } from '../support/faultExchange.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

const PER_DIRECTION = 500;
let synapse: RunningSynapse | undefined;
let core: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
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
    let outage: Promise<number> | undefined;
    await exchange(running, directions, PER_DIRECTION, (n) => {
      if (n !== PER_DIRECTION / 2) return;
      const killedAt = Date.now();
      server.signal('SIGKILL');
      outage = new Promise((resolve) => setTimeout(resolve, 300)).then(() => server.restart()).then(() => Date.now() - killedAt);
    });
    const downMs = await outage;
    await eventually('both accounts online again', bothOnline, 60_000);

    // Every message settles (sent or failed, none left queued), and sync brings the rest. The
    // SDK's queue drains one send at a time after the outage: this takes most of the test.
    const exchangedAt = Date.now();
    const counts = (): Promise<DirectionCounts[]> => Promise.all(directions.map((d) => countDirection(running, d)));
    await expect.poll(async () => (await counts()).every((c) => c.pending === 0), { timeout: 180_000, interval: 1_000 }).toBe(true)
      .catch(() => undefined); // asserted below, after the counts are printed
    await expect.poll(async () => (await counts()).every((c) => c.lost === 0), { timeout: 20_000, interval: 500 }).toBe(true)
      .catch(() => undefined); // the counts below say what was lost
    const afterFault = await counts();
    const drainMs = Date.now() - exchangedAt;
    const failures = new Set((await Promise.all(directions.map((d) => sentBy(running, d)))).flat().flatMap((m) => (m.error ? [m.error.message] : [])));
    // Retry, as the user would, whatever was marked failed: it goes through, once.
    const retried = await Promise.all(directions.map((d) => retryFailed(running, d)));
    await expect.poll(async () => (await counts()).every((c) => c.sent === PER_DIRECTION), { timeout: 60_000, interval: 500 }).toBe(true)
      .catch(() => undefined);
    await expect.poll(async () => (await counts()).every((c) => c.received >= PER_DIRECTION), { timeout: 20_000, interval: 500 }).toBe(true)
      .catch(() => undefined);
    const final = await counts();

    const report: Record<string, unknown> = { 'server down (kill → client API answers), ms': downMs, 'all settled, ms after the exchange': drainMs, 'failed because': [...failures] };
    directions.forEach((d, i) => {
      report[d.label] = { afterFault: afterFault[i], retried: retried[i], final: final[i] };
    });
    console.log(`Matrix server kill -9 (Synapse): ${JSON.stringify(report)}`);

    for (const [i, d] of directions.entries()) {
      const before = afterFault[i];
      const after = final[i];
      expect(before?.written, `${d.label} written`).toBe(PER_DIRECTION);
      expect(before?.pending, `${d.label} left pending`).toBe(0);
      expect(before?.lost, `${d.label} shown as sent, never received`).toBe(0);
      expect(before?.duplicated, `${d.label} duplicated`).toBe(0);
      expect(before?.reordered, `${d.label} reordered`).toBe(0);
      expect(after?.sent, `${d.label} sent after Retry`).toBe(PER_DIRECTION);
      expect(after?.duplicated, `${d.label} duplicated after Retry`).toBe(0);
      expect(after?.lost, `${d.label} lost after Retry`).toBe(0);
      expect(new Set(await receivedBy(running, d)).size, `${d.label} received`).toBe(PER_DIRECTION);
    }
  }, 330_000);
});
