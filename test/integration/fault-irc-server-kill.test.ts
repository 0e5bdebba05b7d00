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
import type { MessageView } from '../../electron/bridge/schemas.js';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

const PER_DIRECTION = 500;
let irc: RunningIrcServer | undefined;
let core: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await irc?.stop();
});

async function everything(running: InProcessCore, conversationId: number): Promise<MessageView[]> {
  return running.client.request('messages.list', { conversationId, limit: 500 }).then(async (newest) => {
    const all = [...newest];
    while (all.length > 0 && all.length % 500 === 0) {
      const oldest = all[0];
      if (!oldest) break;
      const page = await running.client.request('messages.list', { conversationId, limit: 500, before: { timestamp: oldest.timestamp, id: oldest.id } });
      if (page.length === 0) break;
      all.unshift(...page);
    }
    return all;
  });
}

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

    let killedAt = 0;
    let back: { alice: Promise<number>; bob: Promise<number> } | undefined;
    for (let i = 1; i <= PER_DIRECTION; i++) {
      await running.client.request('messages.send', { conversationId: toBob.id, body: `a→b ${i}` });
      await running.client.request('messages.send', { conversationId: toAlice.id, body: `b→a ${i}` });
      if (i === PER_DIRECTION / 2) {
        killedAt = Date.now();
        const killIndex = running.events.length;
        const backOnline = (id: string): Promise<number> => running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === id
          && e.payload.account.state === 'online' && running.events.indexOf(e) >= killIndex, 60_000).then(() => Date.now());
        back = { alice: backOnline(alice.id), bob: backOnline(bob.id) };
        server.signal('SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 300));
        await server.restart();
      }
      await new Promise((resolve) => setTimeout(resolve, 4));
    }

    // Both accounts come back by themselves; then every message settles.
    await eventually('both accounts online again', () => {
      const states = new Map<string, string>();
      for (const e of running.events) if (e.type === 'account.changed') states.set(e.payload.account.id, e.payload.account.state);
      return states.get(alice.id) === 'online' && states.get(bob.id) === 'online' ? true : undefined;
    }, 30_000);
    const settled = async (): Promise<boolean> => {
      const own = [...await everything(running, toBob.id), ...await everything(running, toAlice.id)].filter((m) => m.direction === 'out');
      return own.length === 2 * PER_DIRECTION && own.every((m) => m.status === 'sent' || m.status === 'failed');
    };
    await expect.poll(settled, { timeout: 30_000, interval: 250 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last deliveries in flight

    if (!back) throw new Error('the server was never killed');
    const backAt = { alice: await back.alice, bob: await back.bob };
    const outageEnd = Math.max(backAt.alice, backAt.bob);
    const report: Record<string, number> = { 'outage (kill → both accounts online), ms': outageEnd - killedAt };
    for (const [label, from, to, prefix, sender] of [['alice→bob', toBob.id, toAlice.id, 'a→b', 'alice'], ['bob→alice', toAlice.id, toBob.id, 'b→a', 'bob']] as const) {
      const sent = (await everything(running, from)).filter((m) => m.direction === 'out');
      const received = (await everything(running, to)).filter((m) => m.direction === 'in' && m.body.startsWith(prefix)).map((m) => m.body);
      const receivedSet = new Set(received);
      const failed = sent.filter((m) => m.status === 'failed');
      const lost = sent.filter((m) => m.status === 'sent' && !receivedSet.has(m.body));
      const numbers = received.map((body) => Number(body.split(' ')[1]));
      report[`${label} written`] = sent.length;
      report[`${label} received`] = received.length;
      report[`${label} marked failed`] = failed.length;
      report[`${label} lost (confirmed on write, never arrived)`] = lost.length;
      report[`${label} duplicated`] = received.length - receivedSet.size;
      expect(received.length - receivedSet.size, `${label} duplicates`).toBe(0);
      expect(numbers, `${label} order`).toEqual([...numbers].sort((a, b) => a - b));
      // What plain IRC can lose is bounded by the outage: what sat unread in the dead
      // server's socket, and what went out before the other side was back (ERR_NOSUCHNICK).
      const outsideOutage = lost.filter((m) => m.timestamp < killedAt - 1_000 || m.timestamp > outageEnd + 1_000);
      expect(outsideOutage.map((m) => m.body), `${label} lost outside the outage`).toEqual([]);
      // A message bounced because the other side was not back yet is not silently gone: the
      // conversation says it did not arrive.
      const bounced = lost.filter((m) => m.timestamp > backAt[sender]);
      const told = (await everything(running, from)).some((m) => m.kind === 'event' && m.body.includes('did not get your message'));
      if (bounced.length > 0) expect(told, `${label}: ${bounced.length} bounced, and the conversation says so`).toBe(true);
      report[`${label} lost after the sender was back (bounced, the user told)`] = bounced.length;
      // After the outage the conversation works again: the last message arrived.
      expect(receivedSet.has(`${prefix} ${PER_DIRECTION}`), `${label} last message`).toBe(true);
    }
    console.log(`IRC server kill -9 (ngIRCd): ${JSON.stringify(report)}`);
  });
});
