/**
 * Kill -9 and restart Prosody while two XMPP accounts of one core exchange 1,000 messages
 * (500 each way). XMPP can promise more than plain IRC: a message counts as sent only once
 * the server acknowledged it (XEP-0198), the archive (MAM) brings back what the receiver
 * missed live, and origin-ids make a resend harmless. So: nothing shown as sent is lost,
 * nothing is doubled or reordered, nothing is left pending, and whatever failed (whether
 * or not the server had passed it on before dying) arrives exactly once after Retry.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { accountStates, countDirection, exchange, expectExactlyOnce, retryFailed, type Direction, type DirectionCounts } from '../support/faultExchange.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

const PER_DIRECTION = 500;
const PASSWORD = 'fault-password';
let prosody: RunningProsody | undefined;
let core: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await prosody?.stop();
});

describe('fault: XMPP server killed mid-conversation', () => {
  it('loses nothing shown as sent, doubles and reorders nothing, and delivers every failed message once on Retry', async () => {
    prosody = await startProsody();
    const server = prosody;
    await Promise.all([server.register('alice', PASSWORD), server.register('bob', PASSWORD)]);
    core = await startInProcessCore([join(BUILT_PLUGINS, 'xmpp')]);
    const running = core;
    const settings = (user: string) => ({
      jid: `${user}@localhost`, password: PASSWORD, server: server.host, port: server.c2sPort, security: 'starttls',
      trustedFingerprint: server.certificateFingerprint256,
    });
    const alice = await running.client.request('accounts.add', { pluginId: 'xmpp', settings: settings('alice') });
    const bob = await running.client.request('accounts.add', { pluginId: 'xmpp', settings: settings('bob') });
    const bothOnline = (): true | undefined => {
      const states = accountStates(running);
      return states.get(alice.id) === 'online' && states.get(bob.id) === 'online' ? true : undefined;
    };
    await eventually('both accounts online', bothOnline, 30_000);
    const toBob = await running.client.request('conversations.openDirect', { accountId: alice.id, contactId: 'bob@localhost' });
    const toAlice = await running.client.request('conversations.openDirect', { accountId: bob.id, contactId: 'alice@localhost' });
    const directions: Direction[] = [
      { label: 'alice→bob', from: toBob.id, to: toAlice.id, prefix: 'a→b' },
      { label: 'bob→alice', from: toAlice.id, to: toBob.id, prefix: 'b→a' },
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
    await eventually('both accounts online again', bothOnline, 30_000);

    // Every message settles (sent or failed, none left queued), and the receivers catch up.
    const counts = (): Promise<DirectionCounts[]> => Promise.all(directions.map((d) => countDirection(running, d)));
    await expect.poll(async () => (await counts()).every((c) => c.pending === 0), { timeout: 30_000, interval: 250 }).toBe(true)
      .catch(() => undefined); // asserted below, after the counts are printed
    // The receivers' catch-up (MAM) brings what they missed live.
    await expect.poll(async () => (await counts()).every((c) => c.lost === 0), { timeout: 20_000, interval: 250 }).toBe(true)
      .catch(() => undefined); // the counts below say what was lost
    const afterFault = await counts();
    // Retry, as the user would, whatever was marked failed: it goes through, once.
    const retried = await Promise.all(directions.map((d) => retryFailed(running, d)));
    await expect.poll(async () => (await counts()).every((c) => c.sent === PER_DIRECTION), { timeout: 30_000, interval: 250 }).toBe(true)
      .catch(() => undefined);
    await expect.poll(async () => (await counts()).every((c) => c.received >= PER_DIRECTION), { timeout: 20_000, interval: 250 }).toBe(true)
      .catch(() => undefined);
    const final = await counts();

    const report: Record<string, unknown> = { 'server down (kill → accepting streams), ms': downMs };
    directions.forEach((d, i) => {
      report[d.label] = { afterFault: afterFault[i], retried: retried[i], final: final[i] };
    });
    console.log(`XMPP server kill -9 (Prosody): ${JSON.stringify(report)}`);

    // README, Reliability: what was unacknowledged goes back to the outbox, and so does a send the
    // plugin refused as its session ended (notSent), also when the core heard of the drop first:
    // none end up failed (before that answer was heeded, 0–1 per side did: 'This XMPP account is not connected.').
    await expectExactlyOnce(running, directions, PER_DIRECTION, afterFault, final, { maxFailedBeforeRetry: 0 });
  }, 150_000);
});
