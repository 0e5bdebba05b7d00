/**
 * The memory part's breakdown (issue 18): asks the core for its memory report
 * (SWITCHBOARD_MEMORY_REPORT, electron/core/diagnostics/memoryReport.ts) with a heap
 * snapshot, and adds one figure per holder: the main thread's heap by kind and its largest
 * object kinds, what lies outside V8's heap (native: SQLite, code, stacks), each plugin runtime.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.js';
import { summarizeHeapSnapshot } from '../lib/heapSnapshot.js';
import { until } from '../lib/stats.js';
import type { BenchCore } from '../lib/switchboard.js';

const PART = 'memory';
const MiB = 1024 ** 2;

export interface Report {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  readonly mallocedBytes: number;
  readonly heapSpaces: readonly { readonly name: string; readonly usedBytes: number; readonly committedBytes: number }[];
  readonly rssSplit?: { readonly anonBytes: number; readonly fileBytes: number; readonly threads: number };
  readonly plugins: readonly { readonly id: string; readonly state: string; readonly runtime: string; readonly heapBytes?: number; readonly snapshot?: string }[];
  readonly snapshot?: string;
}

/** Where the core writes its heap snapshot: give it as SWITCHBOARD_MEMORY_REPORT; removed by the cleanup. */
export function snapshotFolder(ctx: BenchContext): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-heap-'));
  ctx.onClose(() => {
    rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  });
  return dir;
}

export async function requestReport(core: BenchCore): Promise<Report> {
  const lines = (): string[] => core.core.log().split('\n').filter((line) => line.startsWith('memory-report '));
  const before = lines().length;
  process.kill(core.pid, 'SIGUSR2');
  const line = await until('the core\'s memory report', () => lines()[before], 120_000, 200);
  return JSON.parse(line.slice('memory-report '.length)) as Report;
}

export async function addMemoryBreakdown(ctx: BenchContext, core: BenchCore): Promise<void> {
  const report = await requestReport(core);
  const mib = (bytes: number): number => bytes / MiB;
  const spaces = report.heapSpaces.filter((s) => s.committedBytes > 0.5 * MiB)
    .map((s) => `${s.name} ${mib(s.usedBytes).toFixed(1)}/${mib(s.committedBytes).toFixed(1)}`).join(', ');
  const workerHeaps = report.plugins.reduce((sum, p) => sum + (p.runtime === 'worker' ? p.heapBytes ?? 0 : 0), 0);
  const native = report.rssBytes - report.heapTotalBytes - workerHeaps;
  ctx.add({ part: PART, label: 'breakdown: core main-thread JS heap (used)', value: mib(report.heapUsedBytes), unit: 'MiB',
    note: `committed ${mib(report.heapTotalBytes).toFixed(1)} MiB; spaces used/committed MiB: ${spaces}` });
  ctx.add({ part: PART, label: 'breakdown: outside the JS heaps (native: SQLite page cache, code, stacks, buffers)', value: mib(native), unit: 'MiB',
    note: `RSS ${mib(report.rssBytes).toFixed(0)} MiB − main heap committed − worker heaps; external ${mib(report.externalBytes).toFixed(1)} MiB (array buffers ${mib(report.arrayBuffersBytes).toFixed(1)}), V8 malloc ${mib(report.mallocedBytes).toFixed(1)} MiB` });
  if (report.rssSplit !== undefined) {
    const { anonBytes, fileBytes, threads } = report.rssSplit;
    ctx.add({ part: PART, label: 'breakdown: RSS in code and libraries (file-backed, shared with other processes)', value: mib(fileBytes), unit: 'MiB',
      note: 'the node binary, better-sqlite3 and other shared libraries, as far as they are paged in' });
    ctx.add({ part: PART, label: 'breakdown: RSS in anonymous memory (every thread\'s heap, malloc arenas, SQLite page cache, stacks)', value: mib(anonBytes), unit: 'MiB',
      note: `${threads} threads; anonymous − main heap committed − worker heaps used = ${mib(anonBytes - report.heapTotalBytes - workerHeaps).toFixed(1)} MiB (young generations, V8 per-isolate overhead, SQLite, malloc)` });
  }
  for (const plugin of report.plugins) {
    ctx.add({ part: PART, label: `breakdown: plugin ${plugin.id} (${plugin.runtime}, ${plugin.state}): JS heap`, value: mib(plugin.heapBytes ?? 0), unit: 'MiB',
      note: plugin.heapBytes === undefined ? 'not running: no memory' : 'used heap at its last heartbeat; a worker\'s young generation and code add to the RSS' });
  }
  if (report.snapshot !== undefined) {
    try {
      const heap = summarizeHeapSnapshot(report.snapshot);
      for (const kind of heap.byKind.slice(0, 6)) {
        ctx.add({ part: PART, label: `breakdown: main heap by kind: ${kind.kind}`, value: mib(kind.bytes), unit: 'MiB', note: `${kind.count.toLocaleString('en-US')} nodes (self size)` });
      }
      ctx.add({ part: PART, label: 'breakdown: largest object kinds in the main heap', value: mib(heap.topObjects[0]?.bytes ?? 0), unit: 'MiB',
        note: heap.topObjects.map((o) => `${o.name} ${mib(o.bytes).toFixed(1)} MiB (${o.count.toLocaleString('en-US')})`).join('; ') });
      ctx.detail(PART, 'heap', heap);
    } catch (error: unknown) {
      ctx.log(`memory: the heap snapshot could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      rmSync(report.snapshot, { force: true });
    }
  }
  ctx.detail(PART, 'report', report);
}
