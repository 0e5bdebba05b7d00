/**
 * `switchboard-plugin-sdk/check`: the conformance kit as a library (the command
 * `switchboard-plugin-check` runs it): scenarios, the runner and its table, the harness
 * types, and the test account and in-memory storage a plugin's own tests can use.
 */
export { defineHarness, type AccountSettings, type ConformanceHarness, type ConformanceServer } from './harness.js';
export { createMemoryPersistence, type AccountPersistence } from './memoryStorage.js';
export { TestAccount } from './testAccount.js';
export { ScenarioContext, conformanceScenarios, runScenario, type Scenario } from './scenarios.js';
export { formatReport, runConformance, type ConformanceReport, type ScenarioResult } from './runner.js';
export { loadHarness, loadPlugin, pluginEntryOf } from './loadPlugin.js';
