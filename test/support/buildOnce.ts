/**
 * Vitest global setup for tests that run built code (plugin workers, headless mode):
 * builds the core and plugins once before the run (about a second).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export default function setup(): void {
  if (process.env['SWITCHBOARD_SKIP_BUILD'] === '1') return;
  execFileSync(process.execPath, [join(repoRoot, 'build', 'build.mjs'), '--no-renderer'], { cwd: repoRoot, stdio: 'inherit' });
}
