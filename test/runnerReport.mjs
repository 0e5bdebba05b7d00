// How `npm test` (test/runAll.mjs) counts what each test runner did, in one place, so that
// test/unit/runAll.test.ts checks the very code that decides whether a run passed.
//
// What the runners really write (measured with Vitest 4.1 and Playwright 1.65 on
// test/fixtures/runnerReport, not assumed):
// - Vitest: a throwing beforeAll marks the tests it guards "skipped" and the suite (or file)
//   failed with the error; an unhandled rejection fails no test at all, only the exit code
//   and the run's unhandled errors say so. Both are failures here. Vitest's JSON reporter
//   loses the unhandled errors, so test/vitestFactsReporter.mjs writes what is counted.
// - Playwright (JSON reporter): stats.expected / unexpected / flaky / skipped; a throwing
//   beforeAll fails the first test it guards and skips the rest; a spec file that cannot be
//   loaded runs nothing and appears only in the top-level `errors`.
import { readFileSync } from 'node:fs';

/** The runners whose number of executed tests must not drop below the floor in test/floors.json. */
export const RUNNERS = ['unit', 'integration', 'e2e', 'bench'];

/** @returns {{ passed: number, failed: number, skipped: number, problems: string[] }} */
export function emptyCounts() {
  return { passed: 0, failed: 0, skipped: 0, problems: [] };
}

/** Tests that ran to an outcome (a skipped test did not). */
export function executed(counts) {
  return counts.passed + counts.failed;
}

/**
 * Counts per Vitest project from test/vitestFactsReporter.mjs's facts: a failed test, a file
 * or describe block whose own hooks or import threw, and a test that never finished are
 * failures; each unhandled error is one more failure of the run as a whole (`run`).
 */
export function countVitest(facts) {
  const projects = new Map();
  const projectCounts = (name) => {
    if (!projects.has(name)) projects.set(name, emptyCounts());
    return projects.get(name);
  };
  for (const module of facts.modules) {
    const counts = projectCounts(module.project);
    for (const test of module.tests) {
      if (test.state === 'passed') counts.passed++;
      else if (test.state === 'skipped') counts.skipped++;
      else {
        counts.failed++;
        const outcome = test.state === 'failed' ? 'failed' : 'did not finish';
        counts.problems.push(`${module.file} > ${test.name}: ${outcome}${test.error ? ` — ${test.error}` : ''}`);
      }
    }
    if (module.errors.length > 0) {
      counts.failed++;
      counts.problems.push(`${module.file}: ${module.errors.join('; ')}`);
    }
    for (const suite of module.suites) {
      counts.failed++;
      counts.problems.push(`${module.file} > ${suite.name}: ${suite.errors.join('; ')}`);
    }
  }
  const run = emptyCounts();
  for (const error of facts.unhandledErrors) {
    run.failed++;
    run.problems.push(`${error.type}: ${error.message}`);
  }
  return { projects, run };
}

/** Terminal colour codes (ESC [ … m), built from the character code so the source holds no control character. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * The first failed attempt's error, its first lines without colour: CI shows only the end of
 * the output, where this summary is, and a failure seen once must say what it was.
 */
function firstError(test) {
  const error = test.results?.find((result) => result.error)?.error;
  if (!error) return '';
  const text = (error.message ?? String(error.value ?? '')).replace(ANSI_COLOUR, '');
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 6);
  return ` — ${lines.join(' | ').slice(0, 600)}`;
}

/** Counts from Playwright's JSON report; a flaky test (passed only on a retry) is a failure. */
export function countPlaywright(report) {
  const counts = emptyCounts();
  counts.passed = report.stats.expected;
  counts.failed = report.stats.unexpected + report.stats.flaky + report.errors.length;
  counts.skipped = report.stats.skipped;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === 'unexpected' || test.status === 'flaky') counts.problems.push(`${spec.file} > ${spec.title}: ${test.status}${firstError(test)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  for (const error of report.errors) counts.problems.push((error.message ?? String(error)).split('\n')[0]);
  return counts;
}

/** test/floors.json: for each runner, the fewest tests a run may execute. */
export function readFloors(file) {
  const floors = JSON.parse(readFileSync(file, 'utf8'));
  for (const runner of RUNNERS) {
    if (!Number.isInteger(floors[runner]) || floors[runner] < 1) throw new Error(`${file}: "${runner}" must be a positive integer, not ${JSON.stringify(floors[runner])}`);
  }
  return floors;
}

/** Why the runner's count is below its floor (tests were lost, not failed), or undefined. */
export function belowFloor(runner, counts, floors) {
  const floor = floors[runner];
  const ran = executed(counts);
  return ran < floor ? `${runner}: executed ${ran} tests, fewer than the floor of ${floor} in test/floors.json` : undefined;
}

/** The closing line CI reads: exactly "N passed, N failed, N skipped". */
export function totalsLine(totals) {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}
