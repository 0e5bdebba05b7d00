/**
 * Part "idle" (issue 18): the core with three connected accounts (IRC on ngIRCd, XMPP on
 * Prosody, Matrix on Synapse) and nothing happening: CPU of the core process (all its
 * threads: the plugin workers too) over `idleSeconds`, as a percentage of one core, after
 * the logins have settled. The same core with no account, sampled the same way in the same
 * run, is the reference (what the process costs by itself).
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { registerTestUser } from '../../test/servers/synapse/fixtures.js';
import type { BenchContext } from '../lib/context.js';
import { sampleProcess } from '../lib/proc.js';
import { startThreeServers } from '../lib/threeServers.js';
import { nowMs, sleep, until } from '../lib/stats.js';
import { startCore, type BenchCore } from '../lib/switchboard.js';

const PART = 'idle';

/** CPU of the core over `seconds`, % of one core. */
async function cpuPercent(core: BenchCore, seconds: number): Promise<number> {
  const before = sampleProcess(core.pid)?.cpuSeconds ?? Number.NaN;
  const started = nowMs();
  await sleep(seconds * 1000);
  const after = sampleProcess(core.pid)?.cpuSeconds ?? Number.NaN;
  return ((after - before) / ((nowMs() - started) / 1000)) * 100;
}

export async function runIdle(ctx: BenchContext): Promise<void> {
  const seconds = ctx.sizes.idleSeconds;
  const settleMs = ctx.sizes.idleSettleSeconds * 1000;
  const servers = await startThreeServers();
  const { irc, xmpp, matrix } = servers;
  try {
    await xmpp.register('idle', 'idle-password');
    const matrixUser = await registerTestUser(matrix, 'idle');

    const bare = await startCore();
    let reference: number;
    try {
      await sleep(settleMs);
      reference = await cpuPercent(bare, seconds);
    } finally {
      await bare.stop();
    }

    const core = await startCore();
    try {
      const states = new Map<string, string>();
      const stop = core.bridge.on((event: BridgeEvent) => {
        if (event.type === 'account.changed') states.set(event.payload.account.id, event.payload.account.state);
      });
      const ids = [
        (await core.bridge.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: irc.port, tls: false, nick: 'idler', autojoin: '#idle' } })).id,
        (await core.bridge.client.request('accounts.add', { pluginId: 'xmpp', settings: {
          jid: 'idle@localhost', password: 'idle-password', server: '127.0.0.1', port: xmpp.c2sPort, security: 'starttls', trustedFingerprint: xmpp.certificateFingerprint256,
        } })).id,
        (await core.bridge.client.request('accounts.add', { pluginId: 'matrix', settings: matrixUser.settings })).id,
      ];
      await until('three accounts online', () => (ids.every((id) => states.get(id) === 'online') ? true : undefined), 120_000, 100);
      stop();
      await sleep(settleMs);
      const busy = await cpuPercent(core, seconds);
      const rss = sampleProcess(core.pid)?.rssMiB ?? Number.NaN;
      ctx.add({ part: PART, label: `idle ${seconds} s, three connected accounts (IRC, XMPP, Matrix): core CPU`, value: busy, unit: '% of a core',
        target: { text: '≤ 0.5 %', limit: 0.5, better: 'lower' }, note: `the same core with no account: ${reference.toFixed(2)} % in this run; RSS ${rss.toFixed(0)} MiB` });
      ctx.detail(PART, 'cpu', { seconds, withAccounts: busy, noAccount: reference });
    } finally {
      await core.stop();
    }
  } finally {
    await servers.stop();
  }
}
