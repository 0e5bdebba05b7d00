/**
 * Switchboard as a flood receiver (bench/parts/flood.ts): the headless core with an IRC
 * account in the channel, timed until a bridge client has the END line as `message.added`.
 * A metered run (SWITCHBOARD_INGEST_METER=1, electron/core/diagnostics/ingestMeter.ts) then
 * tells where each message's time goes, stage by stage, in µs per message.
 */
import type { BenchContext } from '../lib/context.js';
import type { LineChild } from '../lib/child.js';
import { FLOOD_CHANNEL, type Armed, type Receiver } from '../lib/floodReceiver.js';
import type { BenchIrcServer } from '../lib/ircServer.js';
import { nowMs, sleep, until } from '../lib/stats.js';
import { startCore, type BenchCore } from '../lib/switchboard.js';

const PART = 'flood';

/** CPU seconds of the bench's own bridge client (the UI side: frames parsed and validated) per Switchboard run. */
export const bridgeClientCpu: number[] = [];

async function armSwitchboard(server: BenchIrcServer, nick: string, joined: (nick: string) => Promise<void>,
  env?: Readonly<Record<string, string>>, nodeArgs?: readonly string[]): Promise<Armed & { readonly core: BenchCore }> {
  const core = await startCore(undefined, false, env, nodeArgs);
  let added = 0;
  let endAt: number | undefined;
  let wanted = '';
  const wake = new Set<() => void>();
  core.bridge.on((event) => {
    if (event.type !== 'message.added') return;
    added++;
    if (event.payload.message.body === wanted) {
      endAt = nowMs();
      for (const w of wake) w();
    }
  });
  await core.bridge.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: server.port, tls: false, nick, autojoin: FLOOD_CHANNEL } });
  await joined(nick);
  await sleep(500);
  let clientCpu = process.cpuUsage();
  return {
    core,
    pid: core.pid,
    waitEnd: (count, timeoutMs) => {
      wanted = `END ${count}`;
      added = 0;
      clientCpu = process.cpuUsage();
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          // Where it stalled: the core's own account of the connection (disconnects, errors, the plugin worker).
          const tail = core.core.log().trim().split('\n').slice(-15).join('\n    ');
          const closed = core.bridge.closedBy();
          reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s (${added} messages on the bridge${closed === undefined ? '' : `; the core closed the bridge: ${closed}`}); the core's log ends:\n    ${tail}`));
        }, timeoutMs);
        const done = (): void => {
          if (endAt === undefined) return;
          const used = process.cpuUsage(clientCpu);
          bridgeClientCpu.push((used.user + used.system) / 1e6);
          clearTimeout(timer);
          resolve(endAt);
        };
        wake.add(done);
      });
    },
    progress: () => added,
    stop: () => core.stop(),
  };
}

export const switchboard: Receiver = {
  name: 'Switchboard headless core (stored + on the bridge)',
  arm: (server, nick, joined) => armSwitchboard(server, nick, joined),
};

/** What the core's ingest meter reports (electron/core/diagnostics/ingestMeter.ts IngestMeterReport). */
interface MeterReport {
  readonly wallMs: number;
  readonly messages: number;
  readonly stages: Readonly<Record<'receive' | 'validate' | 'store' | 'bridgeViews' | 'bridgeSend', number>>;
  readonly pluginMs: number;
  readonly mainMs: number;
  readonly cpu?: { readonly mainMs: number; readonly otherThreadsMs: number };
}

/** Asks the core for its meter's report (SIGUSR2) and reads it from its log. */
async function meterReport(core: BenchCore): Promise<MeterReport> {
  const count = (): string[] => core.core.log().split('\n').filter((line) => line.startsWith('ingest-meter '));
  const before = count().length;
  process.kill(core.pid, 'SIGUSR2');
  const line = await until('the ingest meter report', () => count()[before], 10_000);
  return JSON.parse(line.slice('ingest-meter '.length)) as MeterReport;
}

/**
 * One flood of `messages` into a core with its ingest meter on; adds one figure per stage
 * in µs per message. Not part of the timed runs: the meter's clock reads cost a little.
 */
export async function measureIngestStages(ctx: BenchContext, server: BenchIrcServer, sender: LineChild, nick: string, messages: number,
  joined: (nick: string) => Promise<void>): Promise<void> {
  // BENCH_CORE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles this run's core and its workers.
  const nodeArgs = process.env['BENCH_CORE_NODE_ARGS']?.split(' ').filter((arg) => arg !== '');
  const armed = await armSwitchboard(server, nick, joined, { SWITCHBOARD_INGEST_METER: '1' }, nodeArgs);
  try {
    await meterReport(armed.core);
    const end = armed.waitEnd(messages, Math.max(60_000, messages * 1.5));
    sender.child.stdin?.write(`GO ${messages}\n`);
    const start = Number((await sender.waitFor(/^START (\S+)/, 10_000, 'the flood start'))[1]);
    const seconds = (await end - start) / 1000;
    await sender.waitFor(/^SENT/, 60_000, 'the sender finishing');
    const report = await meterReport(armed.core);
    const per = (ms: number): number => (ms * 1000) / messages;
    const { stages, cpu } = report;
    // Busy times are wall time, stretched by whatever else the machine runs: the main thread's
    // stages are scaled to its CPU time (each keeps its share), the worker's row is CPU time.
    const scale = cpu && report.mainMs > 0 ? cpu.mainMs / report.mainMs : 1;
    const staged = stages.receive + stages.validate + stages.store + stages.bridgeViews + stages.bridgeSend;
    const busyNote = (ms: number): string => `${per(ms).toFixed(1)} µs busy (wall)`;
    const rows: readonly [string, number, string][] = [
      ['plugin worker (IRC parsing, events, posting to the core)', cpu ? cpu.otherThreadsMs : report.pluginMs,
        cpu ? `CPU of the threads besides the main one (the worker, GC helpers); the worker's event loop was busy ${per(report.pluginMs).toFixed(1)} µs` : 'busy time of the worker thread'],
      ['core: receive and admit a worker batch', stages.receive * scale, `PluginHost → scope check → ingest, without the stages below; ${busyNote(stages.receive)}`],
      ['core: check each event (SDK schemas)', stages.validate * scale, busyNote(stages.validate)],
      ['store: SQLite + FTS (one transaction per batch)', stages.store * scale, `insert, conversation touched, index, commit; ${busyNote(stages.store)}`],
      ['bridge: message and conversation views', stages.bridgeViews * scale, busyNote(stages.bridgeViews)],
      ['bridge: JSON + WebSocket send', stages.bridgeSend * scale, busyNote(stages.bridgeSend)],
      ['core: other main-thread work', (report.mainMs - staged) * scale, `reading worker messages (structured clone), GC, timers, sockets; ${busyNote(report.mainMs - staged)}`],
      ['total CPU (all threads of the core process)', cpu ? cpu.mainMs + cpu.otherThreadsMs : report.pluginMs + report.mainMs,
        `main thread ${per(cpu?.mainMs ?? report.mainMs).toFixed(1)} µs; flood took ${seconds.toFixed(2)} s (${(seconds * 1e6 / messages).toFixed(1)} µs/msg wall)`],
    ];
    for (const [stage, ms, note] of rows) {
      ctx.add({ part: PART, label: `ingest CPU per message (${messages.toLocaleString('en-US')}, metered run): ${stage}`, value: per(ms), unit: 'µs', note });
    }
    ctx.detail(PART, 'ingestStages', { messages, seconds, report });
  } finally {
    await armed.stop();
  }
}
