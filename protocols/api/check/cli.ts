#!/usr/bin/env node
/**
 * switchboard-plugin-check <plugin folder> --harness <module>
 *
 * Runs the conformance scenarios against a plugin and the real server its harness starts,
 * checks every event the plugin emits with the SDK's validators, prints a pass/fail table,
 * and exits with 1 when a scenario failed (2 when it could not run at all).
 */
import { loadHarness, loadPlugin } from './loadPlugin.js';
import { formatReport, runConformance } from './runner.js';

const USAGE = 'Usage: switchboard-plugin-check <plugin folder> --harness <harness module>';

function parseArgs(argv: readonly string[]): { folder: string; harness: string } | undefined {
  let folder: string | undefined;
  let harness: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--harness') harness = argv[++i];
    else if (arg?.startsWith('--harness=')) harness = arg.slice('--harness='.length);
    else if (arg !== undefined && !arg.startsWith('-') && folder === undefined) folder = arg;
    else return undefined;
  }
  return folder !== undefined && harness !== undefined ? { folder, harness } : undefined;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  try {
    const [plugin, harness] = await Promise.all([loadPlugin(args.folder), loadHarness(args.harness)]);
    console.log(`Checking ${plugin.manifest.name} ${plugin.manifest.version} (plugin API ${plugin.manifest.apiVersion}) with ${harness.name}…`);
    const report = await runConformance(plugin, harness, {
      onResult: (result) => { console.log(`  ${result.notApplicable !== undefined ? 'n/a ' : result.passed ? 'pass' : 'FAIL'}  ${result.name}`); },
    });
    console.log(`\n${formatReport(report)}`);
    return report.passed ? 0 : 1;
  } catch (error) {
    console.error(`switchboard-plugin-check could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exitCode = await main();
