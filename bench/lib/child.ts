/** Child processes that report on stdout line by line, and files watched for a line. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { sleep } from './stats.js';

export interface LineChild {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the first stdout line (past or future) matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs: number, what?: string): Promise<RegExpExecArray>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnLines(command: string, args: readonly string[], options: SpawnOptions = {}): LineChild {
  const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  const lines: string[] = [];
  let stderr = '';
  let rest = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of [...waiters]) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    for (const wake of [...waiters]) wake();
    resolve();
  }));
  let consumed = 0;
  return {
    child,
    pid: child.pid ?? 0,
    output: () => `${lines.slice(-20).join('\n')}\n${stderr}`,
    waitFor: (pattern, timeoutMs, what) => new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = consumed; i < lines.length; i++) {
          const match = pattern.exec(lines[i] ?? '');
          if (match) {
            consumed = i + 1;
            finish();
            resolve(match);
            return true;
          }
        }
        if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          reject(new Error(`${command} exited (${String(child.exitCode ?? child.signalCode)}) before ${what ?? String(pattern)}: ${stderr.slice(-1000)}`));
          return true;
        }
        return false;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what ?? String(pattern)} from ${command}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      if (!check()) waiters.add(wake);
    }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Watches a file that grows (a client's log) for a line containing `needle`; resolves
 * with the monotonic time it was seen (polling every few ms) and how many lines came.
 */
export async function watchFileFor(file: () => string | undefined, needle: string, timeoutMs: number, now: () => number): Promise<{ at: number; lines: number }> {
  const deadline = Date.now() + timeoutMs;
  let fd: number | undefined;
  let offset = 0;
  let lines = 0;
  let tail = '';
  const buffer = Buffer.alloc(1 << 20);
  try {
    for (;;) {
      if (fd === undefined) {
        const name = file();
        if (name !== undefined) {
          try { fd = openSync(name, 'r'); } catch { /* not there yet */ }
        }
      }
      if (fd !== undefined) {
        for (;;) {
          const read = readSync(fd, buffer, 0, buffer.length, offset);
          if (read <= 0) break;
          offset += read;
          const chunk = buffer.toString('utf8', 0, read);
          for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
          const text = tail + chunk;
          if (text.includes(needle)) return { at: now(), lines };
          tail = text.slice(-needle.length - 2);
        }
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for "${needle}" in ${file() ?? 'a log file'} (${lines} lines so far)`);
      await sleep(5);
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
