/**
 * Where the soak's RSS went between the end of the warm-up and the end (bench/parts/soak.ts):
 * the core's memory report (electron/core/diagnostics/memoryReport.ts) at both points, split
 * into the main thread's JS heap, the plugin workers' heaps and the rest (native: SQLite,
 * buffers, code). With BENCH_SOAK_HEAP=1 each report comes with a heap snapshot of the main
 * thread and of each plugin worker thread, and the object kinds that grew most in each are
 * named (a snapshot stalls the core for seconds and costs memory itself: a run that looks
 * for a leak, not one for the figures). BENCH_SOAK_HEAP=<folder> writes the snapshots there
 * and keeps them, to open in a browser's developer tools.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { BenchContext } from '../lib/context.js';
import { summarizeHeapSnapshot } from '../lib/heapSnapshot.js';
import { fmt } from '../lib/stats.js';
import { requestReport, snapshotFolder, type Report } from './memoryBreakdown.js';

const MiB = 1024 ** 2;

/** SWITCHBOARD_MEMORY_REPORT for the soak's core: reports only, or reports with heap snapshots. */
export function soakMemoryEnv(ctx: BenchContext): Record<string, string> {
  const heap = process.env['BENCH_SOAK_HEAP'];
  if (heap === undefined || heap === '' || heap === '0') return { SWITCHBOARD_MEMORY_REPORT: '1' };
  if (heap === '1') return { SWITCHBOARD_MEMORY_REPORT: snapshotFolder(ctx), SWITCHBOARD_MEMORY_REPORT_PLUGINS: '1' };
  mkdirSync(heap, { recursive: true });
  keepSnapshots = true;
  return { SWITCHBOARD_MEMORY_REPORT: heap, SWITCHBOARD_MEMORY_REPORT_PLUGINS: '1' };
}

/** BENCH_SOAK_HEAP named a folder: the snapshots stay there. */
let keepSnapshots = false;

export const takeReport = requestReport;

function split(report: Report): { main: number; workers: number; native: number } {
  // A worker that has not sent its first heartbeat yet has no figure: unknown, not zero.
  const workers = report.plugins.reduce((sum, p) => sum + (p.runtime === 'worker' ? p.heapBytes ?? (p.state === 'running' ? Number.NaN : 0) : 0), 0);
  return { main: report.heapUsedBytes / MiB, workers: workers / MiB, native: (report.rssBytes - report.heapTotalBytes - workers) / MiB };
}

/**
 * What grew between two snapshots of one heap (self sizes): V8's node kinds (strings, arrays,
 * code, …: a string kept as a slice of a bigger one shows as strings, not as any object)
 * and the object constructors.
 */
function grownKinds(before: string, after: string, top = 8): string {
  const [a, b] = [summarizeHeapSnapshot(before, Number.MAX_SAFE_INTEGER), summarizeHeapSnapshot(after, Number.MAX_SAFE_INTEGER)];
  const grown = (x: readonly { name: string; bytes: number; count: number }[], y: readonly { name: string; bytes: number; count: number }[]): string => {
    const old = new Map(x.map((o) => [o.name, o]));
    return y.map((o) => ({ name: o.name, bytes: o.bytes - (old.get(o.name)?.bytes ?? 0), count: o.count - (old.get(o.name)?.count ?? 0) }))
      .sort((p, q) => q.bytes - p.bytes).slice(0, top)
      .map((g) => `${g.name} ${g.bytes >= 0 ? '+' : ''}${fmt(g.bytes / MiB, 2)} MiB (${g.count >= 0 ? '+' : ''}${g.count.toLocaleString('en-US')})`).join('; ');
  };
  const kinds = (h: typeof a): { name: string; bytes: number; count: number }[] => h.byKind.map((k) => ({ name: k.kind, bytes: k.bytes, count: k.count }));
  return `by kind: ${grown(kinds(a), kinds(b))}; by constructor: ${grown(a.topObjects, b.topObjects)}`;
}

export function addSoakMemory(ctx: BenchContext, part: string, label: string, warm: Report, end: Report): void {
  const [a, b] = [split(warm), split(end)];
  const delta = (x: number, y: number): string => `${fmt(x)} → ${fmt(y)} MiB`;
  ctx.add({ part, label: `${label}: core RSS at the end minus at the warm-up, by holder`, value: (end.rssBytes - warm.rssBytes) / MiB, unit: 'MiB',
    note: `main-thread JS heap used ${delta(a.main, b.main)}; plugin workers' heaps ${delta(a.workers, b.workers)}; native (SQLite, buffers, code) ${delta(a.native, b.native)}; external ${delta(warm.externalBytes / MiB, end.externalBytes / MiB)}` });
  const compare = (what: string, grownBytes: number, before: string | undefined, after: string | undefined): void => {
    if (before === undefined || after === undefined) return;
    try {
      ctx.add({ part, label: `${label}: ${what} object kinds that grew most (heap snapshots)`, value: grownBytes / MiB, unit: 'MiB',
        note: grownKinds(before, after) });
    } finally {
      if (!keepSnapshots) {
        rmSync(before, { force: true });
        rmSync(after, { force: true });
      }
    }
  };
  compare('main-heap', end.heapUsedBytes - warm.heapUsedBytes, warm.snapshot, end.snapshot);
  for (const plugin of end.plugins) {
    const before = warm.plugins.find((p) => p.id === plugin.id);
    compare(`plugin ${plugin.id} worker heap`, (plugin.heapBytes ?? 0) - (before?.heapBytes ?? 0), before?.snapshot, plugin.snapshot);
  }
  ctx.detail(part, 'memoryReports', { warm, end });
}
