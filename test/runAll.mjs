// `npm test`: everything, in order, on a fresh machine: build, typecheck, lint, the
// Electron security audit (Electronegativity), unit and integration tests (Vitest, against real servers), end-to-end tests (Playwright in
// Debian's Chromium). Ends with one line "N passed, N failed" totalled over all runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'test-output');
mkdirSync(output, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const summary = [];

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
  if (result.ok) passed++;
  else failed++;
  summary.push(`${label}: ${result.ok ? 'passed' : `FAILED (exit ${result.status})`} in ${result.seconds} s`);
  return result.ok;
}

/** A test runner whose JSON report gives the counts; a crash with no report counts as one failure. */
function suite(label, command, args, reportFile, count, env = {}) {
  rmSync(reportFile, { force: true });
  const result = run(label, command, args, env);
  let counts;
  try {
    counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  } catch {
    counts = { passed: 0, failed: 1 };
  }
  if (!result.ok && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${label}: ${counts.passed} passed, ${counts.failed} failed in ${result.seconds} s`);
}

const built = check('build', process.execPath, [join(root, 'build', 'build.mjs')]);
check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('typecheck (bench)', bin('tsc'), ['-p', 'bench/tsconfig.json', '--noEmit']);
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
check('security (electronegativity)', process.execPath, [join(root, 'build', 'securityCheck.mjs')]);

const vitestReport = join(output, 'vitest.json');
suite('vitest (unit + integration)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
  vitestReport, (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests + (report.numRuntimeErrors ?? 0) }),
  { SWITCHBOARD_SKIP_BUILD: built ? '1' : '0' });

const playwrightReport = join(output, 'playwright.json');
if (built && existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  suite('end-to-end (Playwright, Chromium)', bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'],
    playwrightReport, (report) => ({ passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky }),
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
} else {
  failed++;
  summary.push('end-to-end: not run, the build failed');
}

console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
