/**
 * The entry of the core's own process (built to dist/core/coreProcess.js). Electron's
 * utilityProcess hands the child `process.parentPort` (messages arrive as `{ data }`);
 * a `child_process.fork` (the tests' stand-in) has `process.send` and `process.on('message')`.
 * Either way the same runCoreProcess serves the main process.
 */
import type { CoreToHost, HostToCore, MessagePortLike } from './coreProcessProtocol.js';
import { runCoreProcess } from './coreProcess.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPort(): MessagePortLike<CoreToHost, HostToCore> {
  const utility = (process as { parentPort?: ParentPort }).parentPort;
  if (utility) {
    return {
      post: (message) => { utility.postMessage(message); },
      onMessage: (listener) => { utility.on('message', (event) => { listener(event.data as HostToCore); }); },
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The core process was started without a parent to talk to.');
  return {
    post: (message) => { send(message); },
    onMessage: (listener) => { process.on('message', (message) => { listener(message as HostToCore); }); },
  };
}

// A net, not the fix (as in headless mode's serve.ts): a promise left rejected somewhere
// must not take the user's session down with it.
process.on('unhandledRejection', (reason) => {
  console.error(`[switchboard core] Unhandled rejection (kept running): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

runCoreProcess(parentPort(), {
  log: (line) => { console.error(`[switchboard core] ${line}`); },
  // Let the last message ("closed") leave before the process ends.
  exit: () => { setImmediate(() => process.exit(0)); },
});
