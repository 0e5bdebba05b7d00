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
  summary.push(`${label}: ${totalsLine(counts)}${seconds === undefined ? '' : ` in ${seconds}`}`);
}

/** What a runner's report says, as [label, counts, floor runner][]; a runner that wrote no report, or failed with nothing counted failed, is one failure. */
function partsOf(label, result, reportFile, count) {
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
  return parts;
}

function tallyParts(parts, seconds) {
  parts.forEach(([partLabel, counts, floorOf], i) => tally(partLabel, counts, i === 0 ? seconds : undefined, floorOf));
}

/** A test runner and the file it reports to; `count(reportText)` returns [label, counts, floor runner][]. */
function suite(label, command, args, reportFile, count, env = {}) {
  rmSync(reportFile, { force: true });
  const result = run(label, command, args, env);
  tallyParts(partsOf(label, result, reportFile, count), `${result.seconds} s`);
}

/** Runs a process; with `quiet`, its output is kept (to print whole later) instead of shown as it comes. */
function runAsync(command, args, { env = {}, quiet = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    const kept = [];
    child.stdout?.on('data', (chunk) => kept.push(chunk));
    child.stderr?.on('data', (chunk) => kept.push(chunk));
    child.on('error', (error) => kept.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => resolve({ ok: code === 0, status: code ?? signal, output: Buffer.concat(kept), seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  });
}

const heading = ({ label, command, args }) => `\n=== ${label}: ${[command, ...args].map((a) => a.replace(root + '/', '')).join(' ')}`;

/** One Vitest project's run, counted from its facts file: `project` must have reported. */
function vitestCount(project) {
  return (text) => {
    const { projects, run: runCounts } = countVitest(JSON.parse(text));
    const names = [...new Set([project, ...projects.keys()])];
    return [
      ...names.map((name) => [`vitest ${name}`, projects.get(name) ?? emptyCounts(), RUNNERS.includes(name) ? name : undefined]),
      ...(runCounts.failed > 0 ? [[`vitest ${project}: unhandled errors (outside any test)`, runCounts, undefined]] : []),
    ];
  };
}

const built = check('build', process.execPath, [join(root, 'build', 'build.mjs')]);

// Two lanes at once. The integration tests (one file at a time, against real servers) mostly
// wait on those servers (irc-real-clients: 4 s of CPU in 60 s); beside them runs one CPU-bound
// step at a time on the other core: lint, the type checks, the audit, then the unit tests
// (one Vitest worker on 2 cores, as before), then the bench smoke (its own servers and
// Chromium, mostly waiting). One Vitest process ran the projects one after the other (a
// project without file parallelism goes last, alone). The side lane's output is printed whole
// once both lanes ended; the integration tests print as they go.
const factsOf = (project) => join(output, `vitest-facts-${project}.json`);
const vitestStep = (project) => ({
  label: `vitest (${project})`, command: bin('vitest'), project,
  args: ['run', '--project', project, '--reporter=default', `--reporter=${join(root, 'test', 'vitestFactsReporter.mjs')}`],
  env: { SWITCHBOARD_SKIP_BUILD: built ? '1' : '0', SWITCHBOARD_VITEST_FACTS: factsOf(project) },
});
const besideSteps = [
  { label: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { label: 'typecheck', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { label: 'typecheck (bench)', command: bin('tsc'), args: ['-p', 'bench/tsconfig.json', '--noEmit'] },
  { label: 'security (electronegativity)', command: process.execPath, args: [join(root, 'build', 'securityCheck.mjs')] },
  vitestStep('unit'),
  // Not CPU-bound (it waits on its servers and Chromium), but independent of the integration files.
  vitestStep('bench'),
];
const integrationStep = vitestStep('integration');
for (const project of ['unit', 'integration', 'bench']) rmSync(factsOf(project), { force: true });
console.log(heading(integrationStep));
console.log(`(beside it, one after another, printed once done: ${besideSteps.map((step) => step.label).join(', ')})`);
const [besideResults, integrationResult] = await Promise.all([
  (async () => {
    const results = [];
    for (const step of besideSteps) results.push(await runAsync(step.command, step.args, { env: step.env, quiet: true }));
    return results;
  })(),
  runAsync(integrationStep.command, integrationStep.args, { env: integrationStep.env }),
]);
besideSteps.forEach((step, i) => {
  const result = besideResults[i];
  console.log(heading(step));
  process.stdout.write(result.output);
  const seconds = `${result.seconds} s (beside the integration tests)`;
  if (step.project !== undefined) {
    tallyParts(partsOf(step.label, result, factsOf(step.project), vitestCount(step.project)), seconds);
  } else {
    if (result.ok) totals.passed++;
    else {
      totals.failed++;
      problems.push(`${step.label}: exit ${result.status}`);
    }
    summary.push(`${step.label}: ${result.ok ? 'passed' : `FAILED (exit ${result.status})`} in ${seconds}`);
  }
});
tallyParts(partsOf(integrationStep.label, integrationResult, factsOf('integration'), vitestCount('integration')), `${integrationResult.seconds} s`);

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
