/**
 * Figures, the table that puts each beside its target (with the distance), and the JSON.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fmt } from './stats.js';

/** A target from issue 8: the figure should be at most (or at least) `limit`. */
export interface Target {
  readonly text: string;
  readonly limit: number;
  readonly better: 'lower' | 'higher';
}

export interface Figure {
  readonly part: string;
  readonly label: string;
  /** NaN when it could not be measured (see note). */
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
  readonly note?: string;
}

export function distance(figure: Figure): string {
  const { target, value } = figure;
  if (!target) return '';
  if (!Number.isFinite(value) || !Number.isFinite(target.limit)) return 'not measured';
  // A limit of zero (nothing lost, no growth) has no ratio: met, or missed by how much.
  if (target.limit === 0) return (target.better === 'lower' ? value <= 0 : value >= 0) ? 'met' : `missed: ${fmt(Math.abs(value))} ${target.better === 'lower' ? 'over' : 'under'}`;
  const ratio = target.better === 'lower' ? value / target.limit : target.limit / value;
  if (ratio <= 1.001) return `met (${fmt(ratio, 2)}× of limit)`;
  return `missed: ${fmt(ratio, ratio >= 10 ? 0 : 1)}× ${target.better === 'lower' ? 'over' : 'under'}`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** A Markdown table: part, measure, value, target, distance, note. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.part, f.label, Number.isFinite(f.value) ? `${fmt(f.value)} ${f.unit}` : '—', f.target?.text ?? '', distance(f), f.note ?? '']);
  const head = ['part', 'measure', 'value', 'target', 'distance', 'note'];
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

export function machine(): Machine {
  let cores = os.availableParallelism();
  try {
    cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cores;
  } catch { /* os.availableParallelism() is close enough */ }
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch { /* not Linux */ }
  let system = `${os.type()} ${os.release()}`;
  try {
    system = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? system;
  } catch { /* keep uname */ }
  return { cores, cpu, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), os: system, node: process.version };
}
