import { describe, expect, it } from 'vitest';
import { definePlugin, type PluginManifest } from '../index.js';
import { defineHarness } from './harness.js';
import { formatReport, runConformance } from './runner.js';
import { conformanceScenarios } from './scenarios.js';

function pluginWith(capabilities: PluginManifest['capabilities']) {
  return definePlugin({
    manifest: {
      id: 'org.example.lan-like', name: 'LAN-like', version: '1.0.0', apiVersion: '^0.5.0', capabilities,
      accountFields: [{ key: 'name', kind: 'text', label: 'Name', required: true }], accountLabelField: 'name',
    },
    createConnection: () => ({ connect: () => Promise.resolve(), disconnect: () => Promise.resolve(), sendMessage: () => Promise.resolve() }),
  });
}

/** A network without logins, servers or rooms: the harness gives two accounts and nothing else. */
const serverless = defineHarness({
  name: 'no server', serverProvidesMessageIds: false,
  startServer: () => Promise.resolve({ accounts: [{ name: 'alice' }, { name: 'bob' }], stop: () => Promise.resolve() }),
});
const needsMore = conformanceScenarios.filter((scenario) => /^(bad credentials|unreachable host|rooms):/.test(scenario.name));

describe('the conformance kit on a network without logins, servers or rooms', () => {
  it('reports the scenarios that need them as n/a with the reason, and the run still passes', async () => {
    expect(needsMore).toHaveLength(3);
    const report = await runConformance(pluginWith({ directMessages: true }), serverless, { scenarios: needsMore });
    expect(report.passed).toBe(true);
    expect(report.results.map((result) => result.notApplicable)).toEqual([
      'the harness gives no bad credentials (a network without logins)',
      'the harness gives no unreachable account (a network without a server)',
      'the plugin declares no rooms',
    ]);
    const table = formatReport(report);
    expect(table).toMatch(/^n\/a\s+rooms: join.+the plugin declares no rooms$/m);
    expect(table).toContain('0 passed, 0 failed, 3 not applicable');
  });

  it('says so when a plugin declares rooms but its harness names none', async () => {
    const rooms = needsMore.filter((scenario) => scenario.name.startsWith('rooms:'));
    const report = await runConformance(pluginWith({ directMessages: true, rooms: true }), serverless, { scenarios: rooms });
    expect(report.results[0]?.notApplicable).toBe('the harness names no room');
  });
});
