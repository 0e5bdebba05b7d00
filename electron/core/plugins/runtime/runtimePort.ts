/**
 * The plugin runtime's end of the channel to the core, whichever runtime it is: a worker
 * thread (parentPort), a Node child process (the IPC channel), or an Electron
 * utilityProcess (process.parentPort, whose messages come wrapped in an event). The
 * messages are the same in all three (workerProtocol.ts).
 */
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CoreToWorker, UsageReport, WorkerData, WorkerToCore } from '../workerProtocol.js';

export interface RuntimePort {
  /** The plugin's entry module, as the core named it. */
  readonly entry: string;
  post(message: WorkerToCore): void;
  onMessage(listener: (message: CoreToWorker) => void): void;
  usage(): UsageReport;
}

/** Electron's utilityProcess port (https://www.electronjs.org/docs/latest/api/parent-port). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

function processUsage(): UsageReport {
  const cpu = process.cpuUsage();
  return { heapUsedBytes: heapUsed(), rssBytes: process.memoryUsage.rss(), cpuMicros: cpu.user + cpu.system };
}

export function openRuntimePort(): RuntimePort {
  if (!isMainThread && parentPort) {
    const port = parentPort;
    return {
      entry: (workerData as WorkerData).entry,
      post: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', listener),
      usage: () => ({ heapUsedBytes: heapUsed() }),
    };
  }
  const entry = process.argv[2];
  if (entry === undefined) throw new Error('The plugin runtime needs the plugin entry as its argument.');
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      entry,
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as CoreToWorker)),
      usage: processUsage,
    };
  }
  if (!process.send) throw new Error('The plugin runtime must run as a worker thread or a child process with an IPC channel.');
  // The core is gone (or dropped us): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  return {
    entry,
    post: (message) => void process.send?.(message),
    onMessage: (listener) => void process.on('message', listener as (message: unknown) => void),
    usage: processUsage,
  };
}
