/**
 * Runs every conformance scenario against one plugin and its server, one after another on
 * one started server, and reports each as passed or failed with the reason.
 */
import type { ProtocolPlugin } from '../plugin.js';
import type { ConformanceHarness } from './harness.js';
import { ScenarioContext, conformanceScenarios, runScenario, type Scenario } from './scenarios.js';

export interface ScenarioResult {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed, in words. */
  readonly reason?: string;
  /** Why it was not run: it does not apply to this plugin or harness (counts as passed). Since 0.6. */
  readonly notApplicable?: string;
  readonly durationMs: number;
}

export interface ConformanceReport {
  readonly harness: string;
  readonly results: readonly ScenarioResult[];
  readonly passed: boolean;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runConformance(
  plugin: ProtocolPlugin, harness: ConformanceHarness,
  options: { readonly scenarios?: readonly Scenario[]; readonly onResult?: (result: ScenarioResult) => void } = {},
): Promise<ConformanceReport> {
  const scenarios = options.scenarios ?? conformanceScenarios;
  const server = await harness.startServer();
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const started = performance.now();
      const skip = scenario.notApplicable?.(plugin, harness, server);
      let result: ScenarioResult;
      if (skip !== undefined) {
        result = { name: scenario.name, passed: true, notApplicable: skip, durationMs: 0 };
        results.push(result);
        options.onResult?.(result);
        continue;
      }
      try {
        await runScenario(new ScenarioContext(plugin, harness, server), scenario);
        result = { name: scenario.name, passed: true, durationMs: performance.now() - started };
      } catch (error) {
        result = { name: scenario.name, passed: false, reason: reasonOf(error), durationMs: performance.now() - started };
      }
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await server.stop();
  }
  return { harness: harness.name, results, passed: results.every((result) => result.passed) };
}

/** The report as a plain-text table: one row per scenario, failures' reasons under the table. */
export function formatReport(report: ConformanceReport): string {
  const width = Math.max(...report.results.map((result) => result.name.length), 'Scenario'.length);
  const lines = [`Conformance: ${report.harness}`, '', `${'Result'.padEnd(6)}  ${'Scenario'.padEnd(width)}  Time`];
  lines.push(`${'-'.repeat(6)}  ${'-'.repeat(width)}  ${'-'.repeat(7)}`);
  for (const result of report.results) {
    const outcome = result.notApplicable !== undefined ? 'n/a' : result.passed ? 'pass' : 'FAIL';
    const time = result.notApplicable !== undefined ? result.notApplicable : `${(result.durationMs / 1000).toFixed(1)} s`;
    lines.push(`${outcome.padEnd(6)}  ${result.name.padEnd(width)}  ${time}`);
  }
  const failed = report.results.filter((result) => !result.passed);
  const skipped = report.results.filter((result) => result.notApplicable !== undefined).length;
  lines.push('', `${report.results.length - failed.length - skipped} passed, ${failed.length} failed${skipped > 0 ? `, ${skipped} not applicable` : ''}`);
  for (const result of failed) lines.push('', `FAIL ${result.name}`, `  ${(result.reason ?? '').split('\n').join('\n  ')}`);
  return lines.join('\n');
}
