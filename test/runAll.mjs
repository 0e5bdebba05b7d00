// `npm test`: everything, in order, on a fresh machine: build, typecheck, lint, the
// Electron security audit (Electronegativity), unit and integration tests (Vitest, against real servers), end-to-end tests (Playwright in
// Debian's Chromium). Counting is test/runnerReport.mjs's (tested by test/unit/runAll.test.ts):
// a broken hook or an unhandled error is a failure, and a runner that executed fewer tests
// than its floor in test/floors.json fails the run. Ends with one line
// "N passed, N failed, N skipped" totalled over all runners (CI reads it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { belowFloor, countPlaywright, countVitest, emptyCounts, readFloors, RUNNERS, totalsLine } from './runnerReport.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'test-output');
mkdirSync(output, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
const problems = [];
const floors = readFloors(join(root, 'test', 'floors.json'));

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].map((a) => a.replace(root + '/', '')).join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds, status: result.status ?? result.signal };
}

/** A step that is one check: it passes or fails as a whole. */
function check(label, command, args) {
  const result = run(label, command, args);
  if (result.ok) totals.passed++;
  else {
    totals.failed++;
    problems.push(`${label}: exit ${result.status}`);
  }
  summary.push(`${label}: ${result.ok ? 'passed' : `FAILED (exit ${result.status})`} in ${result.seconds} s`);
  return result.ok;
}

/** Adds one runner's (or project's) counts; with a floor, fewer executed tests than it is a failure. */
function tally(label, counts, seconds, floorOf) {
  const short = floorOf ? belowFloor(floorOf, counts, floors) : undefined;
  if (short) {
    counts.failed++;
    counts.problems.push(short);
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  problems.push(...counts.problems);
  summary.push(`${label}: ${totalsLine(counts)}${seconds === undefined ? '' : ` in ${seconds} s`}`);
}

/**
 * A test runner and the file it reports to. `count(reportText)` returns [label, counts, floor
 * runner][]; a runner that wrote no report, or failed with nothing counted failed, is one failure.
 */
function suite(label, command, args, reportFile, count, env = {}) {
  rmSync(reportFile, { force: true });
  const result = run(label, command, args, env);
  let parts;
  try {
    parts = count(readFileSync(reportFile, 'utf8'));
  } catch (error) {
    parts = [[label, { ...emptyCounts(), failed: 1, problems: [`${label}: no report (${error instanceof Error ? error.message : String(error)})`] }, undefined]];
  }
  if (!result.ok && parts.every(([, counts]) => counts.failed === 0)) {
    // The runner failed outside any test (a global setup, a crash): one failure.
    parts[0][1].failed++;
    parts[0][1].problems.push(`${label}: exit ${result.status} with no failed test`);
  }
  parts.forEach(([partLabel, counts, floorOf], i) => tally(partLabel, counts, i === 0 ? result.seconds : undefined, floorOf));
}

/** One check run with its output kept, to print whole once it ended. */
function checkQuietly(label, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => resolve({ label, command, args, ok: code === 0, status: code ?? signal, output: Buffer.concat(output), seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  });
}

/**
 * The static checks, two at a time: each is one single-threaded process (tsc, ESLint) and the
 * machine has two cores, so lint (the longest) runs beside the type checks and the audit
 * instead of after them. Each check's output is printed whole, in this order, once it ended.
 */
async function staticChecks(list) {
  const results = new Array(list.length);
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const at = next++;
      const [label, command, args] = list[at];
      results[at] = await checkQuietly(label, command, args);
    }
  };
  await Promise.all([lane(), lane()]);
  for (const { label, command, args, ok, status, output, seconds } of results) {
    console.log(`\n=== ${label}: ${[command, ...args].map((a) => a.replace(root + '/', '')).join(' ')}`);
    process.stdout.write(output);
    if (ok) totals.passed++;
    else {
      totals.failed++;
      problems.push(`${label}: exit ${status}`);
    }
    summary.push(`${label}: ${ok ? 'passed' : `FAILED (exit ${status})`} in ${seconds} s (beside another check)`);
  }
}

const built = check('build', process.execPath, [join(root, 'build', 'build.mjs')]);
await staticChecks([
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['typecheck (bench)', bin('tsc'), ['-p', 'bench/tsconfig.json', '--noEmit']],
  ['security (electronegativity)', process.execPath, [join(root, 'build', 'securityCheck.mjs')]],
]);

const vitestFacts = join(output, 'vitest-facts.json');
suite('vitest (unit + integration)', bin('vitest'), ['run', '--reporter=default', `--reporter=${join(root, 'test', 'vitestFactsReporter.mjs')}`],
  vitestFacts, (text) => {
    const { projects, run } = countVitest(JSON.parse(text));
    // Every project that reported, and the two that must (a project that ran nothing is below its floor).
    const names = [...new Set(['unit', 'integration', ...projects.keys()])];
    return [
      ...names.map((project) => [`vitest ${project}`, projects.get(project) ?? emptyCounts(), RUNNERS.includes(project) ? project : undefined]),
      ...(run.failed > 0 ? [['vitest unhandled errors (outside any test)', run, undefined]] : []),
    ];
  },
  { SWITCHBOARD_SKIP_BUILD: built ? '1' : '0', SWITCHBOARD_VITEST_FACTS: vitestFacts });

const playwrightReport = join(output, 'playwright.json');
if (built && existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  suite('end-to-end (Playwright, Chromium)', bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'],
    playwrightReport, (text) => [['end-to-end', countPlaywright(JSON.parse(text)), 'e2e']],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
} else {
  totals.failed++;
  problems.push('end-to-end: not run, the build failed');
  summary.push('end-to-end: not run, the build failed');
}

console.log(`\n${summary.join('\n')}`);
if (problems.length > 0) console.log(`\nFailures:\n${problems.map((p) => `  ${p}`).join('\n')}`);
console.log(totalsLine(totals));
process.exit(totals.failed === 0 ? 0 : 1);
