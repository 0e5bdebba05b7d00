/**
 * Starts `node dist/core/serve.js` (headless mode, exactly as `npm run serve` runs it: with CORE_NODE_OPTIONS,
 * and CORE_ENVIRONMENT as the desktop app gives its core)
 * with a throw-away profile and returns the URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_ENVIRONMENT, CORE_NODE_OPTIONS } from '../../electron/core/process/coreNodeOptions.js';
import { repoRoot } from './paths.js';

export interface RunningHeadlessCore {
  readonly url: string;
  readonly profileDir: string;
  /** What the process wrote to stderr (its log). */
  readonly log: () => string;
  /** The process, for tests that kill it. */
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export interface HeadlessCoreOptions {
  /** Reuse a profile (a restart); by default a fresh one that stop() deletes. */
  readonly profileDir?: string;
  /** The end-to-end tests need the built UI; core-only tests do not. */
  readonly requireRenderer?: boolean;
  /** More command-line options of serve.js. */
  readonly args?: readonly string[];
  /** Third-party plugin folders to load (`--plugin DIR`), e.g. test/fixtures/plugins/loopback. */
  readonly pluginDirs?: readonly string[];
  /** More environment variables for the process (e.g. SWITCHBOARD_AUTO_AWAY_MINUTE_MS). */
  readonly env?: Readonly<Record<string, string>>;
  /** Options for node itself, before serve.js (the benchmark's `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

export async function startHeadlessCore(options: HeadlessCoreOptions = {}): Promise<RunningHeadlessCore> {
  const serve = join(repoRoot, 'dist', 'core', 'serve.js');
  if ((options.requireRenderer ?? true) && !existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run "npm run build" (npm test does it first).');
  }
  const ownsProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [...CORE_NODE_OPTIONS, ...(options.nodeArgs ?? []), serve, '--profile', profileDir, ...(options.pluginDirs ?? []).flatMap((dir) => ['--plugin', dir]), ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...CORE_ENVIRONMENT, ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 20 s. stderr:\n${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)}. stderr:\n${stderr}`));
    });
  });
  return {
    url,
    profileDir,
    log: () => stderr,
    child,
    stop: async () => {
      const running = (): boolean => child.exitCode === null && child.signalCode === null;
      if (running()) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (running()) child.kill('SIGKILL');
      }
      if (ownsProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
