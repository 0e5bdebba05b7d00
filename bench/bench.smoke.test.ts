/**
 * The benchmark must not rot: every part runs end to end at tiny sizes (`--smoke`), against
 * the same real servers and Chromium, and reports a figure for each measure. No time is
 * asserted (benchmarks never fail on a time); only that each part ran and measured.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test/support/paths.js';

interface Results {
  readonly failures: readonly string[];
  readonly figures: readonly { readonly part: string; readonly label: string; readonly value: number | null }[];
}

describe('npm run bench -- --smoke', () => {
  it('runs every part at tiny sizes and reports each figure', () => {
    const out = join(repoRoot, 'test-output', 'bench-smoke');
    const build = spawnSync(process.execPath, [join(repoRoot, 'bench', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'bench', 'run.js'), '--smoke', `--out=${out}`], { cwd: repoRoot, encoding: 'utf8', timeout: 380_000 });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    expect(results.failures, run.stderr.slice(-3000)).toEqual([]);
    expect(run.status).toBe(0);
    for (const part of ['history', 'history-export', 'history-import', 'flood', 'members', 'roster', 'ui', 'memory', 'state', 'startup', 'soak']) {
      const figures = results.figures.filter((f) => f.part === part);
      expect(figures.length, part).toBeGreaterThan(0);
      expect(figures.filter((f) => f.value === null).map((f) => f.label), part).toEqual([]);
    }
  }, 400_000);
});
