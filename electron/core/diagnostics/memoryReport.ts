/**
 * What the core holds (issue 18: "find what the core holds with everything loaded"): the
 * process's memory by V8's accounting (heap spaces, external and array buffers; the rest of
 * the resident set is native: SQLite's page cache, code, thread stacks), each plugin
 * runtime's own heap and state, and optionally a heap snapshot for a breakdown by kind.
 *
 * Off unless SWITCHBOARD_MEMORY_REPORT is set (the memory benchmark sets it): then SIGUSR2
 * writes one `memory-report {json}` line to stderr; when the variable names a folder, a
 * heap snapshot of the main thread is written there and named in the report. With
 * SWITCHBOARD_MEMORY_REPORT_PLUGINS=1 as well, one of each running plugin worker thread too
 * (after the figures are taken; off by default, since each snapshot leaves the process
 * bigger for a while): the soak benchmark compares them to find what grows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import type { Disposable } from '../lifecycle/disposable.js';

/** A plugin runtime as the report shows it. */
export interface PluginMemory {
  readonly id: string;
  /** running, idle (stopped until an account needs it), crashed, … */
  readonly state: string;
  readonly runtime: 'worker' | 'process';
  /** Its JavaScript heap in use at its last heartbeat; undefined when not running. */
  readonly heapBytes?: number;
  /** The heap snapshot of its worker thread written for this report, if asked for. */
  readonly snapshot?: string;
}

/** Writes a heap snapshot of each running plugin worker into `dir`: plugin id → file. */
export type PluginSnapshots = (dir: string) => Promise<ReadonlyMap<string, string>>;

export interface MemoryReportData {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  /** Memory V8 has malloc'ed outside its heap (zones, compiler) and its own limit. */
  readonly mallocedBytes: number;
  readonly heapSpaces: readonly { readonly name: string; readonly usedBytes: number; readonly committedBytes: number }[];
  /**
   * The resident set split as Linux counts it (/proc/self/status): anonymous memory (every
   * thread's heaps and malloc arenas, SQLite's page cache, stacks) and file-backed pages (the
   * node or Electron binary's code and shared libraries, shared with other processes).
   * Undefined elsewhere.
   */
  readonly rssSplit?: { readonly anonBytes: number; readonly fileBytes: number; readonly threads: number };
  readonly plugins: readonly PluginMemory[];
  /** The heap snapshot written for this report, if asked for. */
  readonly snapshot?: string;
}

/** RssAnon, RssFile and Threads from /proc/self/status (kB); undefined where there is none. */
function rssSplit(): MemoryReportData['rssSplit'] {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const anon = field('RssAnon');
  const file = field('RssFile');
  const threads = field('Threads');
  return anon === undefined || file === undefined ? undefined : { anonBytes: anon * 1024, fileBytes: file * 1024, threads: threads ?? 0 };
}

export function memoryReport(plugins: readonly PluginMemory[], snapshotDir?: string): MemoryReportData {
  // Measured before the snapshot, which costs memory of its own.
  const usage = process.memoryUsage();
  const spaces = getHeapSpaceStatistics();
  const split = rssSplit();
  const snapshot = snapshotDir === undefined ? undefined : writeHeapSnapshot(join(snapshotDir, `core-${process.pid}-${Date.now()}.heapsnapshot`));
  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
    mallocedBytes: getHeapStatistics().malloced_memory,
    heapSpaces: spaces.map((space) => ({ name: space.space_name, usedBytes: space.space_used_size, committedBytes: space.physical_space_size })),
    ...(split !== undefined ? { rssSplit: split } : {}),
    plugins,
    ...(snapshot !== undefined ? { snapshot } : {}),
  };
}

/** Installs the SIGUSR2 report when the environment asks for it; disposing removes it. */
export function memoryReportOnSignal(env: NodeJS.ProcessEnv, write: (line: string) => void, plugins: () => readonly PluginMemory[], pluginSnapshots?: PluginSnapshots): Disposable {
  const setting = env['SWITCHBOARD_MEMORY_REPORT'];
  if (setting === undefined || setting === '') return { dispose: () => undefined };
  const dir = setting === '1' ? undefined : setting;
  const withPluginSnapshots = async (data: MemoryReportData): Promise<MemoryReportData> => {
    if (dir === undefined || pluginSnapshots === undefined || env['SWITCHBOARD_MEMORY_REPORT_PLUGINS'] !== '1') return data;
    const files = await pluginSnapshots(dir);
    return { ...data, plugins: data.plugins.map((plugin) => {
      const snapshot = files.get(plugin.id);
      return snapshot === undefined ? plugin : { ...plugin, snapshot };
    }) };
  };
  const report = (): void => {
    void withPluginSnapshots(memoryReport(plugins(), dir)).then(
      (data) => write(`memory-report ${JSON.stringify(data)}`),
      (error: unknown) => write(`memory-report failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  process.on('SIGUSR2', report);
  return { dispose: () => void process.off('SIGUSR2', report) };
}
