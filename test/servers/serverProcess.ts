/**
 * The process of a test server that fault tests crash (SIGKILL), freeze (SIGSTOP/SIGCONT)
 * and start again on the same ports and data; and free ports to start servers on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

export { findFreePort } from './freePort.js';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Extra environment variables (added to this process's environment). */
  readonly env?: Readonly<Record<string, string>>;
}

export class ServerProcess {
  private current: { readonly child: ChildProcess; readonly exited: Promise<void> };
  private recent = '';

  /** Starts the command now; its stdout and stderr are kept for error messages ({@link output}). */
  constructor(private readonly command: ServerCommand) {
    this.current = this.launch();
  }

  get child(): ChildProcess {
    return this.current.child;
  }

  /** The last 8,000 characters the server printed, across restarts. */
  get output(): string {
    return this.recent;
  }

  get running(): boolean {
    return this.current.child.exitCode === null && this.current.child.signalCode === null;
  }

  /** SIGKILL to crash it, SIGSTOP/SIGCONT to freeze and thaw it. */
  signal(name: NodeJS.Signals): void {
    if (this.running) this.current.child.kill(name);
  }

  /** Start it again (killing it first if it still runs); the caller waits until it is ready. */
  async relaunch(): Promise<void> {
    if (this.running) {
      this.current.child.kill('SIGKILL');
      await this.current.exited;
    }
    this.current = this.launch();
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (!this.running) return;
    const { child, exited } = this.current;
    child.kill('SIGCONT'); // a frozen server cannot act on SIGTERM
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private launch(): { child: ChildProcess; exited: Promise<void> } {
    const child = spawn(this.command.command, [...this.command.args], {
      stdio: ['ignore', 'pipe', 'pipe'], ...(this.command.cwd !== undefined ? { cwd: this.command.cwd } : {}),
      ...(this.command.env !== undefined ? { env: { ...process.env, ...this.command.env } } : {}),
    });
    const collect = (chunk: Buffer): void => {
      this.recent = (this.recent + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    return { child, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
  }
}

/**
 * Stop a test server and remove its temp dir, once however often it is called; if it
 * does not become ready, it is stopped before the error is thrown.
 */
export async function readyOrStopped(server: ServerProcess, dir: string, graceMs: number, ready: () => Promise<void>): Promise<() => Promise<void>> {
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server.stop(graceMs);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await ready();
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  return stop;
}
