/**
 * Part "members": an IRC channel with N members (burst by a linked fake server, see
 * lib/crowdLink.ts), joined by a raw socket (the limit: JOIN to 366 End of NAMES), a bare
 * irc-framework client (its userlist event), and Switchboard (conversations.joinRoom on the
 * bridge to the `members.changed` reset holding every member).
 */
import { join } from 'node:path';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { repoRoot } from '../../test/support/paths.js';
import type { BenchContext } from '../lib/context.js';
import { spawnLines } from '../lib/child.js';
import { burstCrowd } from '../lib/crowdLink.js';
import { startBenchIrcServer, type BenchIrcServer } from '../lib/ircServer.js';
import { sampleProcess } from '../lib/proc.js';
import { median, nowMs, until } from '../lib/stats.js';
import { startCore } from '../lib/switchboard.js';

const PART = 'members';
export const CROWD_CHANNEL = '#crowd';

/** The IRC server with the crowd, shared with the memory part. */
export async function crowdServer(ctx: BenchContext): Promise<BenchIrcServer> {
  const shared = ctx.shared.get('crowdServer') as BenchIrcServer | undefined;
  if (shared) return shared;
  const server = await startBenchIrcServer(ctx.log, 'inspircd');
  const started = nowMs();
  const crowd = await burstCrowd(server, CROWD_CHANNEL, ctx.sizes.members);
  // Ready when a client sees them all.
  const check = await timeJoin('raw', server, 'crowdcheck');
  if (check.members < ctx.sizes.members) throw new Error(`the crowd has ${check.members} members, expected ${ctx.sizes.members}`);
  ctx.detail(PART, 'crowdSetupSeconds', (nowMs() - started) / 1000);
  ctx.shared.set('crowdServer', server);
  ctx.onClose(async () => {
    crowd.close();
    await server.stop();
  });
  return server;
}

async function timeJoin(mode: 'raw' | 'ircfw', server: BenchIrcServer, nick: string): Promise<{ ms: number; members: number; peakRssMiB: number }> {
  const child = spawnLines(process.execPath, [join(repoRoot, 'dist', 'bench', 'receivers', 'ircJoinTimer.js'), mode, String(server.port), nick, CROWD_CHANNEL]);
  try {
    await child.waitFor(/^READY/, 20_000, `${mode} registration`);
    child.child.stdin?.write('GO\n');
    const done = await child.waitFor(/^DONE (\S+) (\S+) (\d+)/, 120_000, 'the member list');
    const peak = sampleProcess(child.pid)?.peakRssMiB ?? Number.NaN;
    return { ms: Number(done[2]) - Number(done[1]), members: Number(done[3]), peakRssMiB: peak };
  } finally {
    await child.stop('SIGKILL');
  }
}

/** Switchboard joins the crowd channel: ms from joinRoom to the complete member list on the bridge. */
export async function switchboardJoin(ctx: BenchContext, server: BenchIrcServer, nick: string): Promise<{ ms: number; members: number; peakRssMiB: number; cpuSeconds: number }> {
  const core = await startCore();
  try {
    const account = await core.bridge.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: server.port, tls: false, nick } });
    await until('the IRC account online', async () => {
      const list = await core.bridge.client.request('accounts.list', {});
      return list.find((a) => a.id === account.id && a.state === 'online');
    }, 30_000, 50);
    const want = ctx.sizes.members;
    let members = new Set<string>();
    let doneAt: number | undefined;
    const stop = core.bridge.on((event: BridgeEvent) => {
      if (event.type !== 'members.changed') return;
      const p = event.payload;
      if (p.reset) members = new Set(p.added.map((m) => m.id));
      else {
        for (const m of p.added) members.add(m.id);
        for (const id of p.removed) members.delete(id);
      }
      if (doneAt === undefined && members.size >= want) doneAt = nowMs();
    });
    const cpuBefore = sampleProcess(core.pid)?.cpuSeconds ?? Number.NaN;
    const start = nowMs();
    await core.bridge.client.request('conversations.joinRoom', { accountId: account.id, room: CROWD_CHANNEL });
    const end = await until(`${want} members on the bridge`, () => doneAt, 120_000, 5).catch((error: unknown) => {
      ctx.log(`members: ${error instanceof Error ? error.message : String(error)} (${members.size} so far)`);
      return Number.NaN;
    });
    stop();
    const sample = sampleProcess(core.pid);
    return { ms: end - start, members: members.size, peakRssMiB: sample?.peakRssMiB ?? Number.NaN, cpuSeconds: (sample?.cpuSeconds ?? Number.NaN) - cpuBefore };
  } finally {
    await core.stop();
  }
}

export async function runMembers(ctx: BenchContext): Promise<void> {
  const server = await crowdServer(ctx);
  const n = ctx.sizes.members;
  ctx.log(`members: ${n.toLocaleString('en-US')} members in ${CROWD_CHANNEL} on ${server.software}`);
  const raw: number[] = [];
  const ircfw: number[] = [];
  const ours: number[] = [];
  const details: unknown[] = [];
  for (let run = 0; run < ctx.sizes.runs; run++) {
    const r = await timeJoin('raw', server, `rawjoin${run}`);
    raw.push(r.ms);
    const f = await timeJoin('ircfw', server, `fwjoin${run}`);
    ircfw.push(f.ms);
    const s = await switchboardJoin(ctx, server, `sbjoin${run}`);
    ours.push(s.ms);
    details.push({ raw: r, ircFramework: f, switchboard: s });
    ctx.log(`members run ${run + 1}: raw ${r.ms.toFixed(0)} ms (${r.members}), irc-framework ${f.ms.toFixed(0)} ms (${f.members}), Switchboard ${s.ms.toFixed(0)} ms (${s.members}, core CPU ${s.cpuSeconds.toFixed(2)} s)`);
  }
  const limit = median(raw);
  ctx.add({ part: PART, label: `join ${n.toLocaleString('en-US')}-member channel: raw socket to End of NAMES (the limit)`, value: limit, unit: 'ms', note: `median of ${raw.length}` });
  ctx.add({ part: PART, label: `join ${n.toLocaleString('en-US')}-member channel: bare irc-framework userlist`, value: median(ircfw), unit: 'ms', note: `${(median(ircfw) / limit).toFixed(1)}× raw` });
  ctx.add({ part: PART, label: `join ${n.toLocaleString('en-US')}-member channel: Switchboard member list ready (bridge)`, value: median(ours), unit: 'ms',
    target: { text: '≤ 1 s', limit: 1000, better: 'lower' }, note: `${(median(ours) / limit).toFixed(1)}× raw; median of ${ours.length}` });
  ctx.detail(PART, 'runs', details);
}
