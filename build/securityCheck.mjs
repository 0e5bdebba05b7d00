// Runs Doyensec's Electronegativity over the Electron shell and the renderer's HTML and
// fails on any HIGH or MEDIUM finding not listed (with its reason) in
// build/electronegativity-reviewed.json. The tool always exits 0, so its CSV is parsed here.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reviewed = Object.keys(JSON.parse(readFileSync(join(root, 'build', 'electronegativity-reviewed.json'), 'utf8')).reviewed);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

// The shell and the page it loads, without tests (they mock Electron on purpose).
const stage = mkdtempSync(join(tmpdir(), 'switchboard-electronegativity-'));
cpSync(join(root, 'electron', 'shell'), join(stage, 'shell'), { recursive: true, filter: (file) => !file.endsWith('.test.ts') });
cpSync(join(root, 'renderer', 'index.html'), join(stage, 'index.html'));
const report = join(stage, 'report.csv');
const run = spawnSync(join(root, 'node_modules', '.bin', 'electronegativity'),
  ['-i', stage, '-o', report, '-r', '-e', electronVersion, '-x', reviewed.map((name) => name.toLowerCase()).join(',')], { encoding: 'utf8' });

let rows;
try {
  rows = readFileSync(report, 'utf8').trim().split('\n').slice(1);
} catch {
  console.error(`Electronegativity wrote no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(stage, { recursive: true, force: true, maxRetries: 2 });
}
const findings = rows.map((line) => line.split(',')).map(([issue, severity, confidence, file, location]) => ({
  issue, severity: severity?.replaceAll('"', ''), confidence: confidence?.replaceAll('"', ''), file: file?.replaceAll('"', ''), location: location?.replaceAll('"', ''),
}));
const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.issue} (${f.confidence}) ${f.file}:${f.location}`);
console.log(`electronegativity: ${findings.length} findings, ${blocking.length} high or medium (reviewed and excluded: ${reviewed.join(', ')})`);
process.exit(blocking.length === 0 ? 0 : 1);
