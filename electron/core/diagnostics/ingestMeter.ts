/**
 * Where the time of a message flood goes, stage by stage (issue 18: "measure the cost per
 * message of each stage"): the plugin's worker thread (busy time of its event loop), the
 * core's receiving and admitting of a worker's batch, the checking of each event, the store
 * (SQLite and its full-text index, one transaction per batch) and the bridge (views, JSON,
 * the socket). Whatever the core's main thread did besides (reading the workers' messages,
 * garbage collection, timers) is its busy time minus the stages.
 *
 * Off unless SWITCHBOARD_INGEST_METER=1 (the flood benchmark sets it): then SIGUSR2 writes
 * one `ingest-meter {json}` line to stderr with what was spent since the previous one. Off,
 * every call is one comparison. Stages nest: an inner stage's time is not counted again in
 * the outer one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Disposable } from '../lifecycle/disposable.js';

export type IngestStage = 'receive' | 'validate' | 'store' | 'bridgeViews' | 'bridgeSend';

/** A thread whose busy time is counted as the plugin stage (a worker's event loop). */
export type BusyProbe = () => number;

export interface IngestMeterReport {
  /** Wall time the report covers. */
  readonly wallMs: number;
  /** Messages stored in that time (`message.received` events ingested). */
  readonly messages: number;
  /** Exclusive milliseconds per core stage. */
  readonly stages: Readonly<Record<IngestStage, number>>;
  /** Busy milliseconds of the plugin worker threads. */
  readonly pluginMs: number;
  /** Busy milliseconds of the core's main thread (the stages included). */
  readonly mainMs: number;
  /**
   * CPU milliseconds (Linux: /proc/self/task) of the main thread and of all other threads
   * (plugin workers, V8's garbage-collection helpers, libuv's pool); undefined elsewhere. Busy
   * time is wall time, which a loaded machine stretches; these are not.
   */
  readonly cpu?: { readonly mainMs: number; readonly otherThreadsMs: number };
}

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

/** CPU ms of this process's threads so far: the main thread, and all others; undefined without /proc. */
function threadCpu(): { mainMs: number; otherThreadsMs: number } | undefined {
  try {
    let mainMs = 0;
    let otherThreadsMs = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th (proc(5)).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * (1000 / TICKS_PER_SECOND);
      if (Number(tid) === process.pid) mainMs += ms;
      else otherThreadsMs += ms;
    }
    return { mainMs, otherThreadsMs };
  } catch {
    return undefined;
  }
}

interface Frame { readonly start: number; inner: number }

const STAGES: readonly IngestStage[] = ['receive', 'validate', 'store', 'bridgeViews', 'bridgeSend'];

export class IngestMeter implements Disposable {
  /** The meter that measures nothing. */
  static readonly off = new IngestMeter(false);

  /** On when the environment asks for it (SWITCHBOARD_INGEST_METER=1), with its SIGUSR2 report. */
  static fromEnv(env: NodeJS.ProcessEnv, write: (line: string) => void): IngestMeter {
    if (env['SWITCHBOARD_INGEST_METER'] !== '1') return IngestMeter.off;
    const meter = new IngestMeter(true);
    const report = (): void => write(`ingest-meter ${JSON.stringify(meter.takeReport())}`);
    process.on('SIGUSR2', report);
    meter.release = () => void process.off('SIGUSR2', report);
    return meter;
  }

  private readonly totals = new Map<IngestStage, number>();
  private readonly stack: Frame[] = [];
  private readonly probes = new Map<BusyProbe, number>();
  private messages = 0;
  private since = performance.now();
  private mainSince: EventLoopUtilization = performance.eventLoopUtilization();
  private cpuSince = threadCpu();
  private release: () => void = () => undefined;

  private constructor(readonly enabled: boolean) {}

  /** Starts timing a stage; give the result to {@link end}. */
  begin(): number {
    if (!this.enabled) return -1;
    const start = performance.now();
    this.stack.push({ start, inner: 0 });
    return start;
  }

  /** Ends the stage begun at `started` (call it in a `finally`). */
  end(stage: IngestStage, started: number): void {
    if (started < 0) return;
    const frame = this.stack.pop();
    if (!frame) return;
    const spent = performance.now() - frame.start;
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + spent - frame.inner);
    const outer = this.stack.at(-1);
    if (outer) outer.inner += spent;
  }

  countMessage(): void {
    if (this.enabled) this.messages++;
  }

  /** Counts a plugin thread's busy milliseconds (a running total); returns what stops counting it. */
  watchThread(probe: BusyProbe): () => void {
    if (!this.enabled) return () => undefined;
    this.probes.set(probe, probe());
    return () => void this.probes.delete(probe);
  }

  /** What was spent since the last report, and starts the next. */
  takeReport(): IngestMeterReport {
    const now = performance.now();
    const main = performance.eventLoopUtilization(this.mainSince);
    let pluginMs = 0;
    for (const [probe, base] of this.probes) {
      const busy = probe();
      pluginMs += busy - base;
      this.probes.set(probe, busy);
    }
    const cpu = threadCpu();
    const before = this.cpuSince;
    const report: IngestMeterReport = {
      wallMs: now - this.since,
      messages: this.messages,
      stages: Object.fromEntries(STAGES.map((stage) => [stage, this.totals.get(stage) ?? 0])) as Record<IngestStage, number>,
      pluginMs,
      mainMs: main.active,
      ...(cpu && before ? { cpu: { mainMs: cpu.mainMs - before.mainMs, otherThreadsMs: cpu.otherThreadsMs - before.otherThreadsMs } } : {}),
    };
    this.cpuSince = cpu;
    this.totals.clear();
    this.messages = 0;
    this.since = now;
    this.mainSince = performance.eventLoopUtilization();
    return report;
  }

  dispose(): void {
    this.release();
  }
}
