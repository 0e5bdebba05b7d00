/**
 * Synapse is not in Debian: install it from PyPI into a virtualenv under the user's cache on
 * first use (`python3 -m venv` + `pip install matrix-synapse`), once per machine.
 *
 * The venv is built in a scratch folder and renamed into place only when pip succeeded, so
 * an interrupted install never leaves a half venv behind. Everything runs Synapse through
 * `VENV/bin/python -m …`, which keeps working after the rename (console-script shebangs
 * would not). A lock folder keeps two test files from installing at the same time.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where test servers built from source or PyPI live: `${XDG_CACHE_HOME:-~/.cache}/switchboard-test-servers`. */
export function testServersCacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'switchboard-test-servers');
}

export function synapseVenvDir(): string {
  return path.join(testServersCacheDir(), 'synapse-venv');
}

/** The venv's Python, once installed. */
export function synapsePython(): string {
  return path.join(synapseVenvDir(), 'bin', 'python');
}

const READY_MARKER = 'switchboard-installed';

function say(line: string): void {
  process.stderr.write(`[synapse] ${line}\n`);
}

export function run(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-4_000)}`));
      else resolve(stdout);
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A lock folder (mkdir is atomic) holding the owner's pid; a dead owner's lock is taken over. */
export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        say(`removing a stale install lock left by process ${owner}`);
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for the Synapse install lock ${lockDir}`);
      if (!announced) say(`another process is installing Synapse (lock ${lockDir}); waiting`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** Make sure Synapse is installed; returns the venv's Python. Installs on first use (~30 s). */
export async function ensureSynapseInstalled(): Promise<string> {
  const venv = synapseVenvDir();
  if (existsSync(path.join(venv, READY_MARKER))) return synapsePython();
  const cache = testServersCacheDir();
  await mkdir(cache, { recursive: true });
  return withLock(path.join(cache, 'synapse-install.lock'), async () => {
    if (existsSync(path.join(venv, READY_MARKER))) return synapsePython();
    const python = process.env['SWITCHBOARD_PYTHON'] ?? 'python3';
    const scratch = `${venv}.partial-${process.pid}`;
    const started = Date.now();
    try {
      await rm(scratch, { recursive: true, force: true });
      say(`Synapse is not installed yet: creating a virtualenv in ${scratch} with ${python}`);
      await run(python, ['-m', 'venv', scratch], 120_000);
      say('pip install matrix-synapse (from PyPI; about 30 s)');
      await run(path.join(scratch, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', 'matrix-synapse'], 15 * 60_000);
      const version = (await run(path.join(scratch, 'bin', 'python'), ['-c', 'import synapse; print(synapse.__version__)'], 60_000)).trim();
      await writeFile(path.join(scratch, READY_MARKER), `matrix-synapse ${version}\n`);
      await rm(venv, { recursive: true, force: true });
      await rename(scratch, venv);
      say(`installed matrix-synapse ${version} into ${venv} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return synapsePython();
    } catch (error: unknown) {
      await rm(scratch, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Could not install Synapse into ${venv}. It needs python3 with the venv module (Debian: apt-get install python3-venv) `
        + `and access to PyPI. Set SWITCHBOARD_PYTHON to use another Python.\n${reason}`,
      );
    }
  });
}

/**
 * Synapse's `oidc` extra (authlib) for single sign-on through an OpenID provider, added to the
 * installed venv on first use: `pip install matrix-synapse[oidc]==<the installed version>`, so
 * pip adds the extra's packages and never changes Synapse itself.
 */
export async function ensureSynapseOidcInstalled(): Promise<string> {
  const python = await ensureSynapseInstalled();
  const hasAuthlib = (): Promise<boolean> => run(python, ['-c', 'import authlib'], 60_000).then(() => true, () => false);
  if (await hasAuthlib()) return python;
  return withLock(path.join(testServersCacheDir(), 'synapse-install.lock'), async () => {
    if (await hasAuthlib()) return python;
    const version = (await run(python, ['-c', 'import synapse; print(synapse.__version__)'], 60_000)).trim();
    say(`pip install matrix-synapse[oidc]==${version} (Synapse's single sign-on extra)`);
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `matrix-synapse[oidc]==${version}`], 15 * 60_000);
    return python;
  });
}
