/**
 * The release workflow (.github/workflows/release.yml) can only run on a forge, so here it is
 * checked twice: by actionlint (a maintained linter for GitHub Actions workflows, a Go
 * program that .ci/run installs from the Go module proxy), and by reading every npm command
 * it runs against package.json's scripts. Each check is shown to fail on a broken copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const workflowPath = join(repoRoot, '.github', 'workflows', 'release.yml');
const workflow = readFileSync(workflowPath, 'utf8');
const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The version .ci/run installs: `go install github.com/rhysd/actionlint/cmd/actionlint@…`. */
const INSTALL = 'GOFLAGS=-mod=mod go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12';

/** actionlint from PATH, else where `go install` puts it (GOBIN, GOPATH/bin, ~/go/bin). */
function findActionlint(): string | undefined {
  const name = process.platform === 'win32' ? 'actionlint.exe' : 'actionlint';
  const goPath = spawnSync('go', ['env', 'GOBIN', 'GOPATH'], { encoding: 'utf8' });
  const [goBin = '', gopath = ''] = goPath.status === 0 ? goPath.stdout.split('\n') : [];
  const folders = [
    ...(process.env.PATH ?? '').split(delimiter),
    goBin.trim(),
    gopath.trim() ? join(gopath.trim(), 'bin') : '',
    join(homedir(), 'go', 'bin'),
  ].filter((folder) => folder !== '');
  return folders.map((folder) => join(folder, name)).find((file) => existsSync(file));
}

function actionlint(file: string): { status: number | null; output: string } {
  const binary = findActionlint();
  if (binary === undefined) throw new Error(`actionlint is not installed; .ci/run installs it with: ${INSTALL}`);
  const result = spawnSync(binary, ['-no-color', '-oneline', file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * The npm commands a workflow's `run:` lines use: `npm run X` (and `npm run-script X`) name
 * a script; `npm test` and `npm start` need theirs too. Other npm commands (ci, install)
 * are npm's own.
 */
function npmScriptsUsed(text: string): string[] {
  const used = new Set<string>();
  for (const match of text.matchAll(/\bnpm\s+(?:run|run-script)\s+([\w:.-]+)/g)) used.add(match[1] ?? '');
  for (const match of text.matchAll(/\bnpm\s+(test|start)\b/g)) used.add(match[1] ?? '');
  return [...used].filter((name) => name !== '').sort();
}

function missingScripts(text: string): string[] {
  return npmScriptsUsed(text).filter((name) => !(name in scripts));
}

let scratch = '';
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'switchboard-workflow-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A copy of the workflow with one change, where actionlint expects workflows. */
function brokenCopy(from: string, to: string): string {
  expect(workflow).toContain(from);
  const folder = join(scratch, '.github', 'workflows');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'release.yml');
  writeFileSync(file, workflow.replace(from, to));
  return file;
}

describe('.github/workflows/release.yml', () => {
  it('passes actionlint', () => {
    const result = actionlint(workflowPath);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails actionlint when a job needs one that does not exist', () => {
    const result = actionlint(brokenCopy('needs: [test-linux, test-desktop]', 'needs: [test-linux, test-windows]'));
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/test-windows/);
  });

  it('fails actionlint on an expression that names an unknown context', () => {
    const result = actionlint(brokenCopy('${{ matrix.os }}\n    timeout-minutes: 60', '${{ matrx.os }}\n    timeout-minutes: 60'));
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/matrx/);
  });

  it('runs only npm scripts that package.json has', () => {
    expect(npmScriptsUsed(workflow)).toEqual(expect.arrayContaining(['build', 'lint', 'package', 'test:unit', 'typecheck']));
    expect(missingScripts(workflow)).toEqual([]);
  });

  it('notices an npm script that package.json does not have', () => {
    expect(missingScripts(workflow.replace('npm run test:unit', 'npm run test:units'))).toEqual(['test:units']);
  });

  it('tags build the packages only after the tests passed on all three systems', () => {
    expect(workflow).toMatch(/tags: \['v\*'\]/);
    expect(workflow).toMatch(/package:\n\s+needs: \[test-linux, test-desktop\]/);
    expect(workflow).toMatch(/os: \[ubuntu-latest, macos-latest, windows-latest\]/);
    expect(workflow).toContain('npm run package -- --publish always');
  });
});
