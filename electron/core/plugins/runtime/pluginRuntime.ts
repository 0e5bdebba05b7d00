/**
 * Where a plugin's code runs, behind one small interface: a worker thread for the built-in
 * plugins (workerRuntime.ts), a sandboxed child process for third-party ones
 * (processRuntime.ts; the desktop app may give an Electron utilityProcess instead). The
 * host (pluginHost.ts) supervises either the same way, with the same messages
 * (workerProtocol.ts), so heartbeat, memory cap, backoff and disabling do not depend on it.
 */
import type { CoreToWorker, UsageReport, WorkerToCore } from '../workerProtocol.js';

/** What a plugin costs, as the Plugins dialog shows it. */
export interface ResourceSample {
  readonly at: number;
  /** The plugin's JavaScript heap in use (V8's used heap size, reported from inside). */
  readonly heapBytes: number;
  /** Resident memory of the plugin's own process; a worker thread shares the core's, so has none. */
  readonly rssBytes?: number;
  /** CPU in use since the previous sample, 0–100 (one core = 100); see {@link PluginRuntime.measure}. */
  readonly cpuPercent: number;
}

export interface RuntimeExit {
  /** Why it ended, in words ("exit code 3", "killed by SIGKILL", "out of memory"). */
  readonly reason: string;
  readonly outOfMemory: boolean;
  /** The uncaught exception that ended it, when the runtime can tell. */
  readonly error?: string;
}

export interface PluginRuntime {
  /** "worker": a thread of the core's process; "process": a process of its own, sandboxed. */
  readonly kind: 'worker' | 'process';
  post(message: CoreToWorker): void;
  onMessage(listener: (message: WorkerToCore) => void): void;
  /** Called once, however it ended (crash, exit, kill); not after {@link terminate}. */
  onExit(listener: (exit: RuntimeExit) => void): void;
  terminate(): Promise<void>;
  /**
   * Turns the runtime's report (sent with each heartbeat answer) into a sample. A worker's
   * CPU is its event loop's utilisation, measured from outside the thread: Node has no
   * per-thread CPU time (process.cpuUsage() in a worker is the whole process's). A process
   * reports its own CPU time, which is the truth for it.
   */
  measure(report: UsageReport, now: number): ResourceSample;
  /** A worker thread's busy time so far in ms (its event loop's active time), for the ingest meter. */
  readonly busyMs?: () => number;
  /**
   * Writes a V8 heap snapshot of the runtime to `file` (diagnostics/memoryReport.ts, when asked
   * for with a folder). Only a worker thread has one to give: Node takes it from outside the
   * thread (Worker.getHeapSnapshot); a sandboxed process's heap is its own.
   */
  readonly heapSnapshot?: (file: string) => Promise<void>;
}

export interface RuntimeSpec {
  /** The plugin's entry module. */
  readonly entry: string;
  /** The built plugin runtime (dist/core/pluginWorker.js), the same file for both kinds. */
  readonly runtimeEntry: string;
  readonly maxHeapMb: number;
  readonly maxYoungMb: number;
}

/** What a sandboxed plugin may reach besides the network (see sandboxPolicy.ts). */
export interface SandboxGrant {
  /** The plugin's own folder (read). */
  readonly pluginDir: string;
  /** The folder that holds its accounts' data folders (read and write). */
  readonly dataRoot: string;
  /** The manifest declared native addons and the user confirmed it at install. */
  readonly nativeAddons: boolean;
}

/** Starts a sandboxed runtime: a child process in headless mode, a utilityProcess in the desktop app. */
export type SandboxSpawner = (spec: RuntimeSpec, grant: SandboxGrant) => PluginRuntime;
