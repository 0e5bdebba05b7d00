/**
 * The desktop app's sandbox for installed plugins: an Electron utilityProcess
 * (https://www.electronjs.org/docs/latest/api/utility-process) behind the core's
 * PluginRuntime interface, with the same permission flags as headless mode's child process
 * (core/plugins/runtime/sandboxPolicy.ts) and the same messages; the runtime finds its
 * channel in `process.parentPort` (runtimePort.ts). NOT RUN: the Electron binary cannot be
 * downloaded on the machine this was written on, so whether Electron's Node honours
 * `--experimental-permission` in a utilityProcess's execArgv is unverified; headless mode's
 * child process is what the tests run.
 */
import { utilityProcess } from 'electron';
import type { PluginRuntime, RuntimeExit, RuntimeSpec, SandboxGrant } from '../core/plugins/runtime/pluginRuntime.js';
import { processMeter } from '../core/plugins/runtime/processRuntime.js';
import { sandboxExecArgv } from '../core/plugins/runtime/sandboxPolicy.js';
import type { CoreToWorker, WorkerToCore } from '../core/plugins/workerProtocol.js';

export function startUtilityPluginProcess(spec: RuntimeSpec, grant: SandboxGrant): PluginRuntime {
  const child = utilityProcess.fork(spec.runtimeEntry, [spec.entry], {
    execArgv: sandboxExecArgv(spec, grant),
    env: {},
    cwd: grant.dataRoot,
    stdio: 'ignore',
    serviceName: 'Switchboard plugin',
  });
  let ended = false;
  let exitListener: ((exit: RuntimeExit) => void) | undefined;
  child.on('exit', (code) => {
    if (ended) return;
    ended = true;
    exitListener?.({ reason: `exit code ${code}`, outOfMemory: false });
  });
  return {
    kind: 'process',
    post: (message: CoreToWorker) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', (message: WorkerToCore) => listener(message)),
    onExit: (listener) => { exitListener = listener; },
    terminate: () => new Promise<void>((resolve) => {
      ended = true;
      if (child.pid === undefined) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill();
    }),
    measure: processMeter(),
  };
}
