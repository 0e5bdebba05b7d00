/**
 * Kill -9 and restart the IRC server while two accounts of one core exchange 1,000
 * messages in both directions, and count what happened. Plain IRC (ngIRCd: no
 * echo-message, no history) cannot confirm delivery or replay what was missed, so the
 * guarantees checked here are the ones the README states for it: nothing doubled, nothing
 * reordered, every message settled (sent or visibly failed, none left pending), and the
 * accounts come back by themselves and carry on.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { accountStates, allMessages, countDirection, exchange, sentBy, type Direction } from '../support/faultExchange.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

const PER_DIRECTION = 500;
let irc: RunningIrcServer | undefined;
let core: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await irc?.stop();
});

describe('fault: IRC server killed mid-conversation', () => {
  it('doubles nothing, reorders nothing, settles every message, and recovers', async () => {
    irc = await startNgircd();
    core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    const running = core;
    const server = irc;
    const online = (id: string) => running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === id && e.payload.account.state === 'online');
    const alice = await running.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' } });
    const bob = await running.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: server.port, tls: false, nick: 'bob' } });
    await Promise.all([online(alice.id), online(bob.id)]);
    const toBob = await running.client.request('conversations.openDirect', { accountId: alice.id, contactId: 'bob' });
    const toAlice = await running.client.request('conversations.openDirect', { accountId: bob.id, contactId: 'alice' });
    const directions = [
      { label: 'alice→bob', from: toBob.id, to: toAlice.id, prefix: 'a→b', sender: alice.id },
      { label: 'bob→alice', from: toAlice.id, to: toBob.id, prefix: 'b→a', sender: bob.id },
    ] as const satisfies readonly (Direction & { sender: string })[];

    // Kill in the middle and wait for the restart before writing on.
    let killedAt = 0;
    const backAt = new Map<string, Promise<number>>();
    await exchange(running, directions, PER_DIRECTION, async (n) => {
      if (n !== PER_DIRECTION / 2) return;
      killedAt = Date.now();
      const before = new Set(running.events);
      for (const { sender } of directions) {
        backAt.set(sender, running.waitForEvent((e) => !before.has(e) && e.type === 'account.changed' && e.payload.account.id === sender
          && e.payload.account.state === 'online', 60_000).then(() => Date.now()));
      }
      server.signal('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.restart();
    });

    // Both accounts come back by themselves; then every message settles.
    await eventually('both accounts online again', () => {
      const states = accountStates(running);
      return states.get(alice.id) === 'online' && states.get(bob.id) === 'online' ? true : undefined;
    }, 30_000);
    const settled = async (): Promise<boolean> => (await Promise.all(directions.map((d) => countDirection(running, d))))
      .every((c) => c.written === PER_DIRECTION && c.pending === 0);
    await expect.poll(settled, { timeout: 30_000, interval: 250 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last deliveries in flight

    if (killedAt === 0) throw new Error('the server was never killed');
    const back = new Map<string, number>();
    for (const [sender, at] of backAt) back.set(sender, await at);
    const outageEnd = Math.max(...back.values());
    const report: Record<string, number> = { 'outage (kill → both accounts online), ms': outageEnd - killedAt };
    for (const direction of directions) {
      const { label, prefix } = direction;
      const counts = await countDirection(running, direction);
      const sent = await sentBy(running, direction);
      const received = new Set((await allMessages(running, direction.to)).filter((m) => m.direction === 'in').map((m) => m.body));
      const lost = sent.filter((m) => m.status === 'sent' && !received.has(m.body));
      report[`${label} written`] = counts.written;
      report[`${label} received`] = counts.received;
      report[`${label} marked failed`] = counts.failed;
      report[`${label} lost (confirmed on write, never arrived)`] = counts.lost;
      report[`${label} duplicated`] = counts.duplicated;
      expect(counts.duplicated, `${label} duplicates`).toBe(0);
      expect(counts.reordered, `${label} out of order`).toBe(0);
      // What plain IRC can lose is bounded by the outage: what sat unread in the dead
      // server's socket, and what went out before the other side was back (ERR_NOSUCHNICK).
      const outsideOutage = lost.filter((m) => m.timestamp < killedAt - 1_000 || m.timestamp > outageEnd + 1_000);
      expect(outsideOutage.map((m) => m.body), `${label} lost outside the outage`).toEqual([]);
      // A message bounced because the other side was not back yet is not silently gone: the
      // conversation says it did not arrive.
      const bounced = lost.filter((m) => m.timestamp > (back.get(direction.sender) ?? Infinity));
      const told = (await allMessages(running, direction.from)).some((m) => m.kind === 'event' && m.body.includes('did not get your message'));
      if (bounced.length > 0) expect(told, `${label}: ${bounced.length} bounced, and the conversation says so`).toBe(true);
      report[`${label} lost after the sender was back (bounced, the user told)`] = bounced.length;
      // After the outage the conversation works again: the last message arrived.
      expect(received.has(`${prefix} ${PER_DIRECTION}`), `${label} last message`).toBe(true);
    }
    console.log(`IRC server kill -9 (ngIRCd): ${JSON.stringify(report)}`);
  });
});
