/**
 * A third-party plugin's runtime in headless mode: a child process of its own under Node's
 * permission model (sandboxPolicy.ts), talking over the IPC channel with the same messages
 * as a worker thread ('advanced' serialization is the structured clone a worker uses).
 */
import { fork } from 'node:child_process';
import type { CoreToWorker, UsageReport, WorkerToCore } from '../workerProtocol.js';
import type { PluginRuntime, ResourceSample, RuntimeExit, RuntimeSpec, SandboxGrant } from './pluginRuntime.js';
import { sandboxExecArgv } from './sandboxPolicy.js';

/** Exit code V8 ends a process with when it runs out of heap (a fatal error: SIGABRT or 134). */
const OUT_OF_MEMORY_SIGNAL = 'SIGABRT';

export interface ProcessRuntimeOptions {
  /**
   * The program that runs the plugin instead of this Node (with the same arguments), e.g. a
   * script that runs Node inside a network namespace (the LAN plugin's tests).
   */
  readonly execPath?: string;
}

export function startProcessRuntime(spec: RuntimeSpec, grant: SandboxGrant, options: ProcessRuntimeOptions = {}): PluginRuntime {
  const child = fork(spec.runtimeEntry, [spec.entry], {
    execArgv: sandboxExecArgv(spec, grant),
    ...(options.execPath !== undefined ? { execPath: options.execPath } : {}),
    serialization: 'advanced',
    // Nothing of the core's environment (tokens, paths, proxies) reaches the plugin. In the
    // desktop app the core's process is Electron's: its executable runs as plain Node only
    // with ELECTRON_RUN_AS_NODE (https://www.electronjs.org/docs/latest/api/environment-variables).
    env: 'electron' in process.versions ? { ELECTRON_RUN_AS_NODE: '1' } : {},
    cwd: grant.dataRoot,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let ended = false;
  let exitListener: ((exit: RuntimeExit) => void) | undefined;
  const end = (exit: RuntimeExit): void => {
    if (ended) return;
    ended = true;
    exitListener?.(exit);
  };
  child.on('error', (error) => end({ reason: error.message, outOfMemory: false }));
  child.on('exit', (code, signal) => end({
    reason: signal ? `killed by ${signal}` : `exit code ${String(code)}`,
    outOfMemory: signal === OUT_OF_MEMORY_SIGNAL || code === 134,
  }));
  const measure = processMeter();
  return {
    kind: 'process',
    post: (message: CoreToWorker) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as WorkerToCore)),
    onExit: (listener) => { exitListener = listener; },
    terminate: () => new Promise<void>((resolve) => {
      ended = true;
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }),
    measure,
  };
}

/**
 * A plugin process's samples from its own reports: CPU is the CPU time it used since the
 * previous report over the wall time between them (microseconds / milliseconds / 10 = %).
 * Shared with the desktop app's utilityProcess runtime.
 */
export function processMeter(): (report: UsageReport, now: number) => ResourceSample {
  let last: { at: number; cpuMicros: number } | undefined;
  return (report, now) => {
    const cpuMicros = report.cpuMicros ?? 0;
    const cpuPercent = last && now > last.at ? Math.max(0, (cpuMicros - last.cpuMicros) / 10 / (now - last.at)) : 0;
    last = { at: now, cpuMicros };
    return {
      at: now, heapBytes: report.heapUsedBytes, cpuPercent: Math.round(cpuPercent * 10) / 10,
      ...(report.rssBytes !== undefined ? { rssBytes: report.rssBytes } : {}),
    };
  };
}
