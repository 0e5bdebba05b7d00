/**
 * `npm run bench [-- PART... ] [--quick | --smoke] [--readme]`
 *
 * Runs the benchmark parts of issue 8 in order (history, history-export, history-import (issue 16), flood, members, roster, ui,
 * memory, state, idle, startup, soak (issue 18); all by default), prints one table with each figure beside its target and the
 * distance to it, and writes test-output/bench/results.json (+ results.md). --quick and
 * --smoke use small sizes (trial runs, the smoke test); --out=DIR writes elsewhere; --readme replaces the README's
 * "## Benchmarks" section with this run's table (full runs only).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/paths.js';
import { SIZES, type BenchContext, type Sizes } from './lib/context.js';
import { machine, table, type Figure } from './lib/report.js';
import { runHistory } from './parts/history.js';
import { runHistoryExport, runHistoryImport } from './parts/historyArchive.js';
import { runFlood } from './parts/flood.js';
import { runMembers } from './parts/members.js';
import { runRoster } from './parts/roster.js';
import { runUi } from './parts/ui.js';
import { runMemory } from './parts/memory.js';
import { runState } from './parts/state.js';
import { runIdle } from './parts/idle.js';
import { runStartup } from './parts/startup.js';
import { runSoak } from './parts/soak.js';

const PARTS: readonly [string, (ctx: BenchContext) => Promise<void>][] = [
  ['history', runHistory], ['history-export', runHistoryExport], ['history-import', runHistoryImport], ['flood', runFlood], ['members', runMembers], ['roster', runRoster], ['ui', runUi], ['memory', runMemory], ['state', runState], ['idle', runIdle], ['startup', runStartup], ['soak', runSoak],
];

interface Args {
  readonly parts: readonly string[];
  readonly sizes: Sizes;
  readonly readme: boolean;
  /** Where results go (default test-output/bench). */
  readonly out: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  let sizes: Sizes = SIZES.full;
  let readme = false;
  let out: string | undefined;
  const parts: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '--quick') sizes = SIZES.quick;
    else if (arg === '--smoke') sizes = SIZES.smoke;
    else if (arg === '--readme') readme = true;
    else if (PARTS.some(([name]) => name === arg)) parts.push(arg);
    else throw new Error(`unknown argument "${arg}": parts are ${PARTS.map(([n]) => n).join(', ')}; options --quick, --smoke, --readme, --out=DIR`);
  }
  return { parts: parts.length > 0 ? parts : PARTS.map(([name]) => name), sizes, readme, out };
}

function readmeSection(markdown: string, command: string, date: string, details: Record<string, Record<string, unknown>>): string {
  const m = machine();
  const peers = details['flood']?.['peers'] as { weechat?: string; irssi?: string } | undefined;
  const named = details['flood']?.['server'];
  const server = typeof named === 'string' ? named : 'the IRC server';
  return `## Benchmarks

\`${command}\` (each part alone: \`npm run bench -- flood\`, …; small trial sizes: \`-- --quick\`) builds the app,
starts real servers on 127.0.0.1, measures, prints this table and writes \`test-output/bench/results.json\`.
It is not part of \`npm test\`. Figures move with machine load: compare within one run.

Latest full run: ${date}, ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}.
IRC parts on ${server} (Ergo when \`go install\` can fetch it; here it cannot), weechat-headless ${peers?.weechat ?? '?'},
irssi ${peers?.irssi ?? '?'}, Prosody from Debian, Debian's Chromium. Each flood receiver is measured alone; seconds are
from the sender's first line to the receiver's stored END line (Switchboard: \`message.added\` on a bridge client).
The raw JSON (every run, per-query search times, Prosody CPU per login) is in \`test-output/bench/results.json\`.

${markdown}
`;
}

function updateReadme(section: string): void {
  const file = join(repoRoot, 'README.md');
  const text = readFileSync(file, 'utf8');
  const at = text.search(/^## Benchmarks$/m);
  if (at >= 0 && /^## /m.test(text.slice(at + 3).replace(/^[^\n]*\n/, ''))) {
    throw new Error('README.md has a section after "## Benchmarks": not replacing it (the section must stay last).');
  }
  writeFileSync(file, `${(at >= 0 ? text.slice(0, at) : `${text.trimEnd()}\n\n`)}${section}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const outDir = args.out ?? join(repoRoot, 'test-output', 'bench');
  mkdirSync(outDir, { recursive: true });
  const figures: Figure[] = [];
  const details: Record<string, Record<string, unknown>> = {};
  const cleanups: (() => Promise<void>)[] = [];
  const started = Date.now();
  // Figures move with the machine's load: the run says what it was (like uptime).
  const loadAtStart = os.loadavg();
  const log = (line: string): void => {
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  };
  const ctx: BenchContext = {
    sizes: args.sizes, outDir, log,
    add: (figure) => {
      figures.push(figure);
      log(`${figure.part}: ${figure.label}: ${Number.isFinite(figure.value) ? `${figure.value.toFixed(3)} ${figure.unit}` : '—'}${figure.note ? ` (${figure.note})` : ''}`);
    },
    detail: (part, key, value) => { (details[part] ??= {})[key] = value; },
    shared: new Map(),
    onClose: (cleanup) => { cleanups.push(cleanup); },
  };
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  };
  process.once('SIGINT', () => { void closeAll().finally(() => process.exit(130)); });

  const failures: string[] = [];
  try {
    for (const [name, run] of PARTS) {
      if (!args.parts.includes(name)) continue;
      const partStarted = Date.now();
      log(`— ${name} (${args.sizes.name} sizes) —`);
      try {
        await run(ctx);
      } catch (error: unknown) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${name}: ${message}`);
        log(`${name} FAILED: ${error instanceof Error ? error.stack ?? message : message}`);
        figures.push({ part: name, label: 'part failed', value: Number.NaN, unit: '', note: message.split('\n')[0] ?? '' });
      }
      ctx.detail(name, 'seconds', (Date.now() - partStarted) / 1000);
    }
  } finally {
    await closeAll();
  }

  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const command = `npm run bench${args.sizes.name === 'full' ? '' : ` -- --${args.sizes.name}`}`;
  const markdown = table(figures);
  const results = { date, command, sizes: args.sizes, parts: args.parts, machine: machine(), loadAverage: { start: loadAtStart, end: os.loadavg() }, seconds: (Date.now() - started) / 1000, figures, details, failures };
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), `${markdown}\n`);
  const load = (averages: number[]): string => averages.map((n) => n.toFixed(2)).join(', ');
  process.stdout.write(`\n${markdown}\n\n${args.sizes.name} sizes, ${((Date.now() - started) / 1000).toFixed(0)} s; load average (1, 5, 15 min) ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end, ${os.availableParallelism()} cores; JSON: ${join(outDir, 'results.json')}\n`);
  if (args.readme) {
    if (args.sizes.name !== 'full' || args.parts.length !== PARTS.length) log('--readme ignored: only a full run of every part goes into the README.');
    else updateReadme(readmeSection(markdown, command, date, details));
  }
  if (failures.length > 0) {
    process.stdout.write(`\n${failures.length} part(s) failed:\n${failures.join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
