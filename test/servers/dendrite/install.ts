/**
 * Dendrite is not in Debian: `go install` it through the Go module proxy on first use, once
 * per machine, into ~/.cache/switchboard-test-servers/dendrite-v0.13.8/bin (.ci/run does the
 * same install before the timed test run). A Dendrite of that version already installed with
 * Go (GOBIN, GOPATH/bin) is used as it is.
 *
 * `go install` writes each binary only when it is complete, so an interrupted build leaves
 * no half binary; the lock folder keeps two test files from building at the same time.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testServersCacheDir, withLock } from '../synapse/install.js';

export const DENDRITE_VERSION = '0.13.8';
const MODULE = 'github.com/matrix-org/dendrite';
/** The server, and the tool that makes its signing key (cmd/generate-config is built too: it documents every option). */
const COMMANDS = ['dendrite', 'generate-keys', 'generate-config'] as const;
/** A first build takes ~2 min 45 s on 2 idle cores; on a loaded machine much longer. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

export interface DendriteBinaries {
  readonly dendrite: string;
  readonly generateKeys: string;
}

function say(line: string): void {
  process.stderr.write(`[dendrite] ${line}\n`);
}

function exec(command: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { ...(env ? { env } : {}), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim().slice(-4_000) || error.message}`));
      else resolve(stdout + stderr);
    });
  });
}

/** The go command: the official install's path (not always on PATH), else whatever PATH has. */
function goCommand(): string {
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
}

export function dendriteCacheBin(): string {
  return path.join(testServersCacheDir(), `dendrite-v${DENDRITE_VERSION}`, 'bin');
}

/** Folders Go installs into, without asking go (which may be missing): GOBIN, GOPATH/bin, ~/go/bin. */
function goBinFolders(): string[] {
  const folders: string[] = [];
  const gobin = process.env['GOBIN'];
  if (gobin) folders.push(gobin);
  for (const gopath of (process.env['GOPATH'] ?? '').split(path.delimiter)) if (gopath) folders.push(path.join(gopath, 'bin'));
  folders.push(path.join(os.homedir(), 'go', 'bin'));
  return folders;
}

async function isWantedVersion(dendrite: string): Promise<boolean> {
  const said = await exec(dendrite, ['--version'], undefined, 30_000).catch(() => '');
  return said.trim() === DENDRITE_VERSION; // it prints just the version
}

async function findInstalled(): Promise<DendriteBinaries | undefined> {
  for (const folder of [dendriteCacheBin(), ...goBinFolders()]) {
    const binaries = { dendrite: path.join(folder, 'dendrite'), generateKeys: path.join(folder, 'generate-keys') };
    if (existsSync(binaries.dendrite) && existsSync(binaries.generateKeys) && await isWantedVersion(binaries.dendrite)) return binaries;
  }
  return undefined;
}

/** Dendrite's binaries, built on first use (minutes); throws with what to do when Go is missing or the build fails. */
export async function ensureDendriteInstalled(): Promise<DendriteBinaries> {
  const found = await findInstalled();
  if (found) return found;
  const cache = testServersCacheDir();
  await mkdir(cache, { recursive: true });
  return withLock(path.join(cache, 'dendrite-install.lock'), async () => {
    const meanwhile = await findInstalled();
    if (meanwhile) return meanwhile;
    const bin = dendriteCacheBin();
    await mkdir(bin, { recursive: true });
    const targets = COMMANDS.map((command) => `${MODULE}/cmd/${command}@v${DENDRITE_VERSION}`);
    say(`Dendrite ${DENDRITE_VERSION} is not installed yet: go install ${targets.join(' ')} into ${bin} (first use; ~3 min on 2 cores)`);
    const started = Date.now();
    try {
      await exec(goCommand(), ['install', ...targets], { ...process.env, GOBIN: bin, GOFLAGS: '-mod=mod' }, BUILD_TIMEOUT_MS);
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Could not build Dendrite ${DENDRITE_VERSION} into ${bin}. It needs Go (https://go.dev/doc/install) and access to the `
        + `Go module proxy; .ci/run installs it before the tests.\n${reason}`,
      );
    }
    say(`built Dendrite ${DENDRITE_VERSION} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { dendrite: path.join(bin, 'dendrite'), generateKeys: path.join(bin, 'generate-keys') };
  });
}
