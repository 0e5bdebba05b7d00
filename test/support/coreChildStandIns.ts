/**
 * Stand-ins for Electron's utilityProcess (there is no Electron binary here), each shaped as
 * the shell's CoreChildLike so the shell's real coreProcessClient talks to the core's real
 * runCoreProcess:
 * - `inProcessCoreChild`: the core process's code in this process, messages structured-cloned
 *   and delivered on a later turn, as across a port (unit tests, with createCore mocked);
 * - `forkedCoreChild`: `child_process.fork` of the built dist/core/coreProcess.js, the same
 *   file utilityProcess.fork starts in the app (integration tests).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { runCoreProcess } from '../../electron/core/process/coreProcess.js';
import type { CoreToHost, HostToCore } from '../../electron/core/process/coreProcessProtocol.js';
import type { CoreChildLike } from '../../electron/shell/coreProcessClient.js';
import { repoRoot } from './paths.js';

export interface CoreChildStandIn extends CoreChildLike {
  /** Every message the main process sent, in order. */
  readonly sent: HostToCore[];
}

export function inProcessCoreChild(log: (line: string) => void = () => undefined): CoreChildStandIn {
  const events = new EventEmitter();
  const toCore = new EventEmitter();
  const sent: HostToCore[] = [];
  let exited = false;
  const exit = (code: number): void => {
    if (exited) return;
    exited = true;
    setImmediate(() => events.emit('exit', code));
  };
  runCoreProcess({
    post: (message) => {
      const copy = structuredClone(message);
      setImmediate(() => { if (!exited || message.kind === 'closed') events.emit('message', copy); });
    },
    onMessage: (listener) => { toCore.on('message', listener); },
  }, { log, exit: () => { exit(0); } });
  return {
    sent,
    postMessage: (message) => {
      sent.push(message);
      const copy = structuredClone(message);
      setImmediate(() => { if (!exited) toCore.emit('message', copy); });
    },
    on: (event: 'message' | 'exit', listener: (value: never) => void) => events.on(event, listener as (...args: unknown[]) => void),
    kill: () => { exit(1); return true; },
  };
}

export interface ForkedCoreChild extends CoreChildStandIn {
  /** What the core's process wrote to stderr (its log). */
  readonly log: () => string;
  /** Resolves with the exit code once the process ended. */
  readonly exited: Promise<number>;
}

export function forkedCoreChild(env: Readonly<Record<string, string>> = {}): ForkedCoreChild {
  const child = fork(join(repoRoot, 'dist', 'core', 'coreProcess.js'), [], {
    // Structured clone, as utilityProcess's postMessage.
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const sent: HostToCore[] = [];
  const exited = new Promise<number>((resolve) => { child.once('exit', (code) => { resolve(code ?? 1); }); });
  return {
    sent,
    log: () => stderr,
    exited,
    postMessage: (message) => {
      sent.push(message);
      if (child.connected) child.send(message);
    },
    on: (event: 'message' | 'exit', listener: (value: never) => void) => {
      if (event === 'message') child.on('message', (message) => { (listener as (m: CoreToHost) => void)(message as CoreToHost); });
      else child.on('exit', (code) => { (listener as (c: number) => void)(code ?? 1); });
      return child;
    },
    kill: () => child.kill(),
  };
}
