/**
 * Parts "history-export" and "history-import" (issue 16): the history profile of part
 * "history" (N messages) exported to JSON Lines with the core's exportHistory (messages per
 * second, and how far the process's RSS grew: the export pages, it must not hold the
 * history), then that file imported into an empty profile with importHistory (messages per
 * second, one transaction for the file, FTS triggers on). Both checked for completeness:
 * a figure of a partial run is no figure.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exportHistory } from '../../electron/core/history/historyExport.js';
import { importHistory } from '../../electron/core/history/historyImport.js';
import { openDatabase } from '../../electron/core/store/database.js';
import type { BenchContext } from '../lib/context.js';
import { nowMs } from '../lib/stats.js';
import { historyProfile } from './history.js';

const MiB = 1024 * 1024;
const EXPORT_FILE = 'historyExportFile';

/** CPU seconds this process used since `before` (user and system). */
function cpuSeconds(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** The CPU side of a rate: on a loaded machine the wall-clock rate is the CPU's share, this is the work. */
const onCpu = (messages: number, cpu: number): string =>
  `${cpu.toFixed(1)} s CPU${cpu > 0 ? ` (${Math.round(messages / cpu).toLocaleString('en-US')} msg per CPU-second)` : ''}`;

function exportFile(ctx: BenchContext): string {
  return join(ctx.outDir, 'history-archive', `export-${ctx.sizes.messages}.jsonl`);
}

export async function runHistoryExport(ctx: BenchContext): Promise<void> {
  const profile = historyProfile(ctx);
  const out = exportFile(ctx);
  mkdirSync(join(out, '..'), { recursive: true });
  rmSync(out, { force: true });
  const db = openDatabase(join(profile.dir, 'switchboard.sqlite'));
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const cpuBefore = process.cpuUsage();
  const started = nowMs();
  const result = await exportHistory(db, {
    format: 'jsonl', scope: {}, out,
    onProgress: () => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); },
  });
  const seconds = (nowMs() - started) / 1000;
  const cpu = cpuSeconds(cpuBefore);
  db.close();
  if (result.messages !== ctx.sizes.messages) throw new Error(`history-export: ${result.messages} of ${ctx.sizes.messages} messages exported`);
  ctx.shared.set(EXPORT_FILE, out);
  const rate = result.messages / seconds;
  ctx.add({ part: 'history-export', label: `export ${result.messages.toLocaleString('en-US')} messages to JSON Lines`, value: rate, unit: 'msg/s',
    target: { text: '≥ 100,000 msg/s', limit: 100_000, better: 'higher' }, note: `${seconds.toFixed(1)} s, ${(statSync(out).size / MiB).toFixed(0)} MiB written; ${onCpu(result.messages, cpu)}` });
  ctx.add({ part: 'history-export', label: 'RSS growth during the export', value: (rssPeak - rssBefore) / MiB, unit: 'MiB',
    target: { text: '≤ 50 MiB', limit: 50, better: 'lower' }, note: `RSS ${(rssBefore / MiB).toFixed(0)} → peak ${(rssPeak / MiB).toFixed(0)} MiB, sampled after every page` });
}

export async function runHistoryImport(ctx: BenchContext): Promise<void> {
  let file = ctx.shared.get(EXPORT_FILE) as string | undefined;
  if (file === undefined) {
    await runHistoryExport(ctx);
    file = exportFile(ctx);
  }
  const dir = join(ctx.outDir, 'history-archive', 'import-profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'switchboard.sqlite'));
  const cpuBefore = process.cpuUsage();
  const started = nowMs();
  const summary = await importHistory(db, { from: 'jsonl', path: file });
  const seconds = (nowMs() - started) / 1000;
  const cpu = cpuSeconds(cpuBefore);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (summary.messages !== ctx.sizes.messages) throw new Error(`history-import: ${summary.messages} of ${ctx.sizes.messages} messages imported (${summary.skipped.map((s) => s.reason).join('; ')})`);
  ctx.add({ part: 'history-import', label: `import ${summary.messages.toLocaleString('en-US')} messages from JSON Lines into an empty profile`, value: summary.messages / seconds, unit: 'msg/s',
    target: { text: '≥ 50,000 msg/s', limit: 50_000, better: 'higher' }, note: `${seconds.toFixed(1)} s, ${summary.conversations} conversations, deduplication and FTS index on; ${onCpu(summary.messages, cpu)}` });
}
