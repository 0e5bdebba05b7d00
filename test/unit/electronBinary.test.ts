/**
 * `npm start` without the Electron binary (build/start.mjs, build/electronBinary.mjs): one
 * line saying why and what to do, exit code 1, never the electron package's stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../build/electronBinary.mjs';
import { repoRoot } from '../support/paths.js';

let scratch = '';
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'switchboard-electron-binary-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A stand-in electron package: path.txt naming the binary, and the binary if `withBinary`. */
function electronPackage(withBinary: boolean): string {
  const dir = join(scratch, 'electron');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'path.txt'), 'electron');
  if (withBinary) writeFileSync(join(dir, 'dist', 'electron'), '');
  return dir;
}

function expectOneLineAdvice(problem: string | undefined): void {
  expect(problem).toMatch(/^The desktop app cannot start: .+npm run serve.+$/);
  expect(problem).not.toContain('\n');
}

describe('findElectronBinary', () => {
  it('finds the binary path.txt names inside the package', () => {
    const dir = electronPackage(true);
    expect(findElectronBinary(dir, {})).toEqual({ binary: join(dir, 'dist', 'electron') });
  });

  it('says the binary is missing when path.txt names one that is not there', () => {
    const found = findElectronBinary(electronPackage(false), {});
    expect(found.binary).toBeUndefined();
    expectOneLineAdvice(found.problem);
    expect(found.problem).toContain('binary is missing');
  });

  it('says the binary is missing when the package never downloaded it (no path.txt)', () => {
    const dir = join(scratch, 'bare');
    mkdirSync(dir);
    expectOneLineAdvice(findElectronBinary(dir, {}).problem);
  });

  it('says the package is missing when there is none', () => {
    const found = findElectronBinary(undefined, {});
    expectOneLineAdvice(found.problem);
    expect(found.problem).toContain('electron package is not installed');
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const dir = electronPackage(false);
    const other = join(scratch, 'other-dist');
    mkdirSync(other);
    writeFileSync(join(other, 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: other })).toEqual({ binary: join(other, 'electron') });
  });
});

describe('npm start without the binary', () => {
  it('prints one line, no stack trace, and exits 1 before building', () => {
    const emptyDist = join(scratch, 'empty-dist');
    mkdirSync(emptyDist);
    const run = spawnSync(process.execPath, [join(repoRoot, 'build', 'start.mjs')], {
      cwd: repoRoot, encoding: 'utf8', timeout: 30_000,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expectOneLineAdvice(lines[0]);
  });
});
