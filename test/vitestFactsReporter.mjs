// A Vitest reporter that writes what test/runnerReport.mjs counts, to the file named by
// SWITCHBOARD_VITEST_FACTS. Vitest 4.1's own JSON reporter cannot be counted on (measured on
// test/fixtures/runnerReport): an unhandled rejection leaves no trace in it at all
// ("success": true, every test passed; only the exit code is 1), a throwing beforeAll shows
// as skipped tests with an empty message, and it does not say which project a file belongs to.
// Through the reporter API (onTestRunEnd) all three are plain data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The first line of an error, for the summary (the default reporter prints the whole of it). */
function firstLine(error) {
  const text = `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
  return text.split('\n')[0] ?? text;
}

/**
 * A failed test's first error, its first lines: CI shows only the end of the output, where the
 * summary is, and a failure seen once in CI must say what it was (an assertion's message spans
 * lines: the expected and received values follow the first).
 */
function firstLines(error) {
  const text = `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
  return text.split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 8).join(' | ').slice(0, 600);
}

export default class VitestFactsReporter {
  onTestRunEnd(testModules, unhandledErrors, reason) {
    const file = process.env.SWITCHBOARD_VITEST_FACTS;
    if (!file) return;
    const facts = {
      reason,
      unhandledErrors: unhandledErrors.map((error) => ({ type: error?.type ?? 'Unhandled error', message: firstLine(error) })),
      modules: testModules.map((module) => ({
        file: module.moduleId,
        project: module.project.name,
        // Errors of the file itself: an import that threw, a file-level beforeAll/afterAll.
        errors: module.errors().map(firstLine),
        // Errors of a describe block itself: its beforeAll/afterAll threw.
        suites: [...module.children.allSuites()].filter((suite) => suite.errors().length > 0)
          .map((suite) => ({ name: suite.fullName, errors: suite.errors().map(firstLine) })),
        // 'passed' | 'failed' | 'skipped' (todo and the tests of a suite whose hook threw) | 'pending'.
        tests: [...module.children.allTests()].map((test) => {
          const result = test.result();
          const error = result.errors?.[0];
          return { name: test.fullName, state: result.state, ...(error ? { error: firstLines(error) } : {}) };
        }),
      })),
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(facts, null, 1));
  }
}
