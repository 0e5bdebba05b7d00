/**
 * The main process does no SQL: everything esbuild bundles into dist/electron/main.cjs
 * (the same options as build/build.mjs) is checked, so that a module reached through
 * another one (which the per-import lint rule layers/shell-imports cannot see) cannot pull
 * the database, the store or a core service into the process that serves windows.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/paths.js';

describe('the desktop app\'s main process bundle', () => {
  it('holds no database, store, createCore or core service', async () => {
    const result = await build({
      entryPoints: [join(repoRoot, 'electron/shell/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
      packages: 'external', external: ['electron'], write: false, metafile: true, logLevel: 'silent', absWorkingDir: repoRoot,
    });
    const inputs = Object.keys(result.metafile.inputs);
    const packages = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
    // It does bundle the shell and the seam to the core's process.
    expect(inputs).toContain('electron/shell/coreProcessClient.ts');
    expect(packages).toContain('electron');
    expect(packages.filter((name) => name.startsWith('better-sqlite3'))).toEqual([]);
    const core = inputs.filter((path) => path.startsWith('electron/core/'));
    expect(core.filter((path) => /\/(store|accounts|conversations|contacts|outbox|plugins|history|profile)\/|createCore|Service\.ts$/.test(path))).toEqual([]);
  });
});
