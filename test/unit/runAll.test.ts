/**
 * `npm test`'s counting (test/runnerReport.mjs, used by test/runAll.mjs) on real reports: the
 * real Vitest, with the real facts reporter, and the real Playwright run on the tiny fixture
 * projects in test/fixtures/runnerReport. A throwing beforeAll and an unhandled rejection fail
 * no test, yet each must count as a failure; skipped tests are counted, not lost; a runner
 * that ran fewer tests than its floor fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { belowFloor, countPlaywright, countVitest, executed, readFloors, RUNNERS, totalsLine } from '../runnerReport.mjs';
import { repoRoot } from '../support/paths.js';

const fixture = join(repoRoot, 'test', 'fixtures', 'runnerReport');
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-runner-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of a child runner: none of this Vitest worker's own variables. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  return { ...env, ...extra };
}

function runVitestOnFixture(): ReturnType<typeof countVitest> & { status: number | null } {
  const facts = join(scratch, 'vitest-facts.json');
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', join(fixture, 'vitest.config.mjs'), '--reporter=dot', `--reporter=${join(repoRoot, 'test', 'vitestFactsReporter.mjs')}`],
    { cwd: fixture, encoding: 'utf8', env: childEnv({ SWITCHBOARD_VITEST_FACTS: facts }), timeout: 90_000 });
  let text: string;
  try {
    text = readFileSync(facts, 'utf8');
  } catch {
    throw new Error(`vitest wrote no facts (exit ${String(result.status)}): ${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
  }
  return { ...countVitest(JSON.parse(text) as Parameters<typeof countVitest>[0]), status: result.status };
}

function runPlaywrightOnFixture(...specs: string[]): { counts: ReturnType<typeof countPlaywright>; status: number | null } {
  const report = join(scratch, `playwright-${String(specs.length)}.json`);
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'playwright'), ['test', '-c', join(fixture, 'playwright.config.mjs'), ...specs],
    { cwd: fixture, encoding: 'utf8', env: childEnv({ PLAYWRIGHT_JSON_OUTPUT_NAME: report }), timeout: 90_000 });
  const text = readFileSync(report, 'utf8');
  return { counts: countPlaywright(JSON.parse(text) as Parameters<typeof countPlaywright>[0]), status: result.status };
}

describe('npm test counting (test/runnerReport.mjs)', () => {
  it('counts a throwing beforeAll and an unhandled rejection as failures, and skipped tests as skipped, per Vitest project', () => {
    const { projects, run, status } = runVitestOnFixture();
    expect(status).not.toBe(0);
    const alpha = projects.get('alpha');
    const beta = projects.get('beta');
    // alpha: one test passed, one failed; the suite whose beforeAll threw failed (its 2 tests skipped); a skip and a todo.
    expect(alpha && { passed: alpha.passed, failed: alpha.failed, skipped: alpha.skipped }).toEqual({ passed: 1, failed: 2, skipped: 4 });
    expect(alpha?.problems.join('\n')).toMatch(/a suite whose setup throws: Error: the fixture beforeAll broke/);
    // A failed test says why, with the values compared (CI shows only the summary at the end).
    expect(alpha?.problems.join('\n')).toMatch(/fails its assertion: failed — AssertionError: the fixture state: expected .*offline.* to deeply equal .*online/);
    // beta: both tests passed; the rejection nobody handled belongs to the run.
    expect(beta && { passed: beta.passed, failed: beta.failed, skipped: beta.skipped }).toEqual({ passed: 2, failed: 0, skipped: 0 });
    expect(run.failed).toBe(1);
    expect(run.problems.join('\n')).toMatch(/Unhandled Rejection: Error: the fixture rejection nobody caught/);
  }, 120_000);

  it('counts Playwright\'s failed hook, skipped tests and a spec file that cannot load', () => {
    const sample = runPlaywrightOnFixture('sample.pw.mjs');
    expect(sample.status).not.toBe(0);
    expect({ passed: sample.counts.passed, failed: sample.counts.failed, skipped: sample.counts.skipped }).toEqual({ passed: 1, failed: 1, skipped: 2 });
    expect(sample.counts.problems.join('\n')).toMatch(/is failed by the hook: unexpected — Error: the fixture beforeAll broke/);

    // One spec file that cannot load stops the whole run: no test runs, only `errors` tells.
    const broken = runPlaywrightOnFixture('sample.pw.mjs', 'broken.pw.mjs');
    expect(broken.status).not.toBe(0);
    expect({ passed: broken.counts.passed, failed: broken.counts.failed, skipped: broken.counts.skipped }).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(broken.counts.problems.join('\n')).toMatch(/the fixture spec file broke/);
  }, 120_000);

  it('fails a runner that executed fewer tests than its floor; skipped tests do not count as executed', () => {
    const counts = { passed: 5, failed: 1, skipped: 40, problems: [] };
    expect(executed(counts)).toBe(6);
    expect(belowFloor('unit', counts, { unit: 7, integration: 1, e2e: 1 })).toBe('unit: executed 6 tests, fewer than the floor of 7 in test/floors.json');
    expect(belowFloor('unit', counts, { unit: 6, integration: 1, e2e: 1 })).toBeUndefined();
  });

  it('keeps a floor for every runner in test/floors.json', () => {
    const floors = readFloors(join(repoRoot, 'test', 'floors.json'));
    for (const runner of RUNNERS) expect(floors[runner], runner).toBeGreaterThan(0);
  });

  it('ends with exactly "N passed, N failed, N skipped"', () => {
    expect(totalsLine({ passed: 1001, failed: 2, skipped: 3 })).toBe('1001 passed, 2 failed, 3 skipped');
  });
});
