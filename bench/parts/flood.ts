/**
 * Part "flood": a raw-socket sender floods one channel with ~80-character PRIVMSGs and
 * then `END n`; each receiver is measured alone (2 cores cannot run them side by side
 * fairly), from the sender's first line to the moment the receiver has its END line:
 * printed by the raw reader and irc-framework, written to the log by weechat and irssi,
 * and for Switchboard stored and delivered to a bridge client as `message.added` (the UI
 * state). Peak RSS is VmHWM; CPU is utime+stime during the flood.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../test/support/paths.js';
import type { BenchContext } from '../lib/context.js';
import { spawnLines, watchFileFor, type LineChild } from '../lib/child.js';
import { startBenchIrcServer, type BenchIrcServer } from '../lib/ircServer.js';
import { requirePackages } from '../lib/peers.js';
import { sampleProcess } from '../lib/proc.js';
import { median, nowMs, sleep } from '../lib/stats.js';
import { FLOOD_CHANNEL as CHANNEL, type Receiver } from '../lib/floodReceiver.js';
import { bridgeClientCpu, measureIngestStages, switchboard } from './floodSwitchboard.js';

const PART = 'flood';

const dist = (file: string): string => join(repoRoot, 'dist', 'bench', 'receivers', file);

function nodeReceiver(name: string, file: string): Receiver {
  return {
    name,
    arm: async (server, nick, joined) => {
      const child = spawnLines(process.execPath, [dist(file), String(server.port), nick, CHANNEL]);
      await child.waitFor(/^JOINED/, 20_000, `${name} joining`);
      await joined(nick);
      return {
        pid: child.pid,
        waitEnd: async (_count, timeoutMs) => Number((await child.waitFor(/^END (\S+)/, timeoutMs, 'the END line'))[1]),
        progress: () => Number.NaN,
        stop: () => child.stop('SIGKILL'),
      };
    },
  };
}

function findLog(dir: string, pattern: RegExp): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) return join(entry.parentPath, entry.name);
  }
  return undefined;
}

const weechat: Receiver = {
  name: 'weechat-headless (logger)',
  packages: ['weechat-headless'],
  arm: async (server, nick, joined) => {
    const home = mkdtempSync(join(os.tmpdir(), 'bench-weechat-'));
    const child = spawnLines('weechat-headless', ['--dir', home, '-r',
      `/set logger.file.flush_delay 0;/server add bench 127.0.0.1/${server.port} -notls -nicks=${nick} -autojoin=${CHANNEL};/connect bench`]);
    await joined(nick);
    await sleep(500);
    let lines = 0;
    return {
      pid: child.pid,
      waitEnd: async (count, timeoutMs) => {
        const seen = await watchFileFor(() => findLog(join(home, 'logs'), /bench.*#bench\.weechatlog$/), `END ${count}\n`, timeoutMs, nowMs);
        lines = seen.lines;
        return seen.at;
      },
      progress: () => lines,
      stop: async () => {
        await child.stop('SIGKILL');
        rmSync(home, { recursive: true, force: true });
      },
    };
  },
};

const irssi: Receiver = {
  name: 'irssi (tmux, autolog)',
  packages: ['irssi', 'tmux'],
  arm: async (server, nick, joined) => {
    const home = mkdtempSync(join(os.tmpdir(), 'bench-irssi-'));
    const logs = join(home, 'logs');
    writeFileSync(join(home, 'config'), `servers = ( { address = "127.0.0.1"; chatnet = "bench"; port = "${server.port}"; use_tls = "no"; autoconnect = "yes"; } );
chatnets = { bench = { type = "IRC"; }; };
channels = ( { name = "${CHANNEL}"; chatnet = "bench"; autojoin = "yes"; } );
settings = {
  core = { real_name = "${nick}"; user_name = "${nick}"; nick = "${nick}"; };
  "fe-common/core" = { autolog = "yes"; autolog_path = "${logs}/$tag/$0.log"; };
};
`);
    const socketName = `switchboard-bench-${process.pid}-${nick}`;
    const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socketName, ...args], { encoding: 'utf8' }).trim();
    const pid = Number(tmux('new-session', '-d', '-x', '160', '-y', '48', '-P', '-F', '#{pane_pid}', `exec irssi --home ${home}`));
    await joined(nick);
    tmux('send-keys', '-t', '0', `/window goto ${CHANNEL}`, 'Enter');
    await sleep(500);
    let lines = 0;
    return {
      pid,
      waitEnd: async (count, timeoutMs) => {
        const seen = await watchFileFor(() => findLog(logs, /bench\.log$/i), `END ${count}\n`, timeoutMs, nowMs);
        lines = seen.lines;
        return seen.at;
      },
      progress: () => lines,
      stop: () => {
        try { tmux('kill-server'); } catch { /* already gone */ }
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
        rmSync(home, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  },
};

const ALL_RECEIVERS: readonly Receiver[] = [
  nodeReceiver('raw Node socket line reader (the limit)', 'ircLineReader.js'),
  nodeReceiver('bare irc-framework client', 'ircFrameworkReader.js'),
  weechat,
  irssi,
  switchboard,
];

/**
 * The receivers of this run: all, or those whose name contains one of the comma-separated
 * words of BENCH_FLOOD_RECEIVERS (trial runs: "irc-framework,Switchboard"). The raw reader
 * always runs: every ratio is to it.
 */
export const RECEIVERS: readonly Receiver[] = ((only) => only
  ? ALL_RECEIVERS.filter((r, i) => i === 0 || only.split(',').some((word) => word.trim() !== '' && r.name.includes(word.trim())))
  : ALL_RECEIVERS)(process.env['BENCH_FLOOD_RECEIVERS']);

interface RunResult { seconds: number; peakRssMiB: number; cpuSeconds: number; timedOut?: string }

export async function runFlood(ctx: BenchContext): Promise<void> {
  for (const receiver of RECEIVERS) if (receiver.packages) await requirePackages(receiver.packages, ctx.log);
  const server = await startBenchIrcServer(ctx.log);
  ctx.detail(PART, 'server', server.software);
  const version = (command: string): string => {
    try { return execFileSync(command, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0] ?? ''; } catch { return 'unknown'; }
  };
  ctx.detail(PART, 'peers', { weechat: version('weechat-headless'), irssi: version('irssi').replace(/^irssi /, ''), node: process.version });
  ctx.log(`flood: ${server.software} on 127.0.0.1:${server.port}`);
  const sender = spawnLines(process.execPath, [dist('floodSender.js'), String(server.port), CHANNEL]);
  let nickCounter = 0;
  try {
    await sender.waitFor(/^READY/, 20_000, 'the sender joining');
    const joined = async (nick: string): Promise<void> => { await sender.waitFor(new RegExp(`^JOIN ${nick}$`), 60_000, `${nick} joining`); };
    const results = new Map<string, Map<number, RunResult[]>>();
    for (const { messages, runs } of ctx.sizes.floods) {
      for (const receiver of RECEIVERS) {
        for (let run = 0; run < runs; run++) {
          const nick = `recv${++nickCounter}`;
          const result = await floodOnce(ctx, receiver, server, sender, nick, messages, joined);
          const byCount = results.get(receiver.name) ?? new Map<number, RunResult[]>();
          byCount.set(messages, [...(byCount.get(messages) ?? []), result]);
          results.set(receiver.name, byCount);
          ctx.log(`flood ${messages}: ${receiver.name}: ${result.timedOut ?? `${result.seconds.toFixed(2)} s`}, peak ${result.peakRssMiB.toFixed(0)} MiB, CPU ${result.cpuSeconds.toFixed(2)} s`);
          await sleep(300);
        }
      }
    }
    report(ctx, results);
    const largest = Math.max(...ctx.sizes.floods.map((f) => f.messages));
    await measureIngestStages(ctx, server, sender, `recv${++nickCounter}`, largest, joined);
  } finally {
    await sender.stop('SIGKILL');
    await server.stop();
  }
}

async function floodOnce(ctx: BenchContext, receiver: Receiver, server: BenchIrcServer, sender: LineChild, nick: string, messages: number,
  joined: (nick: string) => Promise<void>): Promise<RunResult> {
  const armed = await receiver.arm(server, nick, joined);
  try {
    const before = sampleProcess(armed.pid);
    const timeoutMs = Math.max(60_000, messages * 1.5);
    const end = armed.waitEnd(messages, timeoutMs);
    sender.child.stdin?.write(`GO ${messages}\n`);
    const start = Number((await sender.waitFor(/^START (\S+)/, 10_000, 'the flood start'))[1]);
    let endAt: number;
    try {
      endAt = await end;
    } catch (error: unknown) {
      const after = sampleProcess(armed.pid);
      const note = `> ${Math.round(timeoutMs / 1000)} s (${String(armed.progress())} arrived)`;
      ctx.log(`flood ${messages}: ${receiver.name}: ${error instanceof Error ? error.message : String(error)}`);
      for (const line of server.logLines?.(nick) ?? []) ctx.log(`  server log: ${line}`);
      return { seconds: Number.NaN, peakRssMiB: after?.peakRssMiB ?? Number.NaN, cpuSeconds: (after?.cpuSeconds ?? Number.NaN) - (before?.cpuSeconds ?? Number.NaN), timedOut: note };
    }
    await sender.waitFor(/^SENT/, 60_000, 'the sender finishing');
    const after = sampleProcess(armed.pid);
    return { seconds: (endAt - start) / 1000, peakRssMiB: after?.peakRssMiB ?? Number.NaN, cpuSeconds: (after?.cpuSeconds ?? Number.NaN) - (before?.cpuSeconds ?? Number.NaN) };
  } finally {
    await armed.stop();
  }
}

function report(ctx: BenchContext, results: Map<string, Map<number, RunResult[]>>): void {
  const [limitName = '', frameworkName = '', , , oursName = ''] = ALL_RECEIVERS.map((r) => r.name);
  const medianOf = (name: string, count: number, pick: (r: RunResult) => number): number => median((results.get(name)?.get(count) ?? []).map(pick));
  const summary: Record<string, unknown>[] = [];
  for (const { messages, runs } of ctx.sizes.floods) {
    const limit = medianOf(limitName, messages, (r) => r.seconds);
    const framework = medianOf(frameworkName, messages, (r) => r.seconds);
    const isLargest = messages === Math.max(...ctx.sizes.floods.map((f) => f.messages));
    for (const receiver of RECEIVERS) {
      const all = results.get(receiver.name)?.get(messages) ?? [];
      const seconds = medianOf(receiver.name, messages, (r) => r.seconds);
      const peak = Math.max(...all.map((r) => r.peakRssMiB));
      const cpu = medianOf(receiver.name, messages, (r) => r.cpuSeconds);
      const timedOut = all.find((r) => r.timedOut)?.timedOut;
      const ours = receiver.name === oursName;
      const note = [`${Number.isFinite(seconds) ? Math.round(messages / seconds).toLocaleString('en-US') : '—'} msg/s`,
        `${(seconds / limit).toFixed(1)}× raw`, `peak RSS ${peak.toFixed(0)} MiB`, `CPU ${cpu.toFixed(2)} s`, `median of ${runs}`,
        ...(timedOut ? [`timed out: ${timedOut}`] : [])].join('; ');
      ctx.add({
        part: PART, label: `${messages.toLocaleString('en-US')} msgs: ${receiver.name}`, value: seconds, unit: 's', note,
        // Issue 18: at most twice the bare irc-framework client (which parses the same lines and stores nothing).
        ...(ours && isLargest ? { target: { text: `≤ 2× bare irc-framework (${(2 * framework).toFixed(2)} s)`, limit: 2 * framework, better: 'lower' as const } } : {}),
      });
      if (ours && isLargest) {
        ctx.add({
          part: PART, label: `${messages.toLocaleString('en-US')} msgs: Switchboard peak RSS`, value: peak, unit: 'MiB',
          target: { text: '≤ 120 MiB', limit: 120, better: 'lower' }, note: 'VmHWM of the core process, its plugin worker threads included; the largest of the runs',
        });
      }
      summary.push({ messages, receiver: receiver.name, seconds, messagesPerSecond: messages / seconds, ratioToRaw: seconds / limit, peakRssMiB: peak, cpuSeconds: cpu, runs: all });
    }
  }
  ctx.detail(PART, 'receivers', summary);
  ctx.detail(PART, 'switchboardBridgeClientCpuSeconds', bridgeClientCpu);
}
