/**
 * The built-in plugins through the SDK's conformance kit (protocols/api/check): the same
 * scenarios and event validation as `switchboard-plugin-check`, one vitest test per scenario.
 *
 * ```ts
 * defineConformanceSuite({ name: 'IRC on ngIRCd', plugin, startServer, serverProvidesMessageIds: false });
 * ```
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ProtocolPlugin } from '../../protocols/api/index.js';
import { ScenarioContext, conformanceScenarios, runScenario, type ConformanceHarness, type ConformanceServer } from '../../protocols/api/check/index.js';

export interface ConformanceSuiteOptions extends ConformanceHarness {
  readonly plugin: ProtocolPlugin;
  /** How long starting the server may take (default: the project's hook timeout); longer where the first start builds it. */
  readonly startTimeoutMs?: number;
}

export function defineConformanceSuite(harness: ConformanceSuiteOptions): void {
  describe(`conformance: ${harness.name}`, () => {
    let server: ConformanceServer | undefined;
    beforeAll(async () => {
      server = await harness.startServer();
    }, harness.startTimeoutMs);
    afterAll(async () => {
      await server?.stop();
    });
    for (const scenario of conformanceScenarios) {
      it(scenario.name, async () => {
        if (!server) throw new Error('the harness did not start its server');
        await runScenario(new ScenarioContext(harness.plugin, harness, server), scenario);
      });
    }
  });
}
