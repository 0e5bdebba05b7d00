/**
 * A built-in plugin's runtime: a worker thread of the core's process, with V8's heap
 * limits as its memory cap.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { CoreToWorker, UsageReport, WorkerData, WorkerToCore } from '../workerProtocol.js';
import type { PluginRuntime, ResourceSample, RuntimeExit, RuntimeSpec } from './pluginRuntime.js';

export function startWorkerRuntime(spec: RuntimeSpec): PluginRuntime {
  const data: WorkerData = { entry: spec.entry };
  const worker = new Worker(spec.runtimeEntry, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: spec.maxHeapMb, maxYoungGenerationSizeMb: spec.maxYoungMb },
    stdout: false,
    stderr: false,
  });
  let ended = false;
  let exitListener: ((exit: RuntimeExit) => void) | undefined;
  const end = (exit: RuntimeExit): void => {
    if (ended) return;
    ended = true;
    exitListener?.(exit);
  };
  worker.on('error', (error: Error & { code?: string }) => {
    const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    end(outOfMemory ? { reason: 'out of memory', outOfMemory } : { reason: error.message, outOfMemory, error: error.message });
  });
  worker.on('exit', (code) => end({ reason: `exit code ${code}`, outOfMemory: false }));
  let lastUtilization: EventLoopUtilization | undefined;
  /** The thread's busy milliseconds so far, kept once it has ended (its counters are gone then). */
  let busy = 0;
  return {
    kind: 'worker',
    post: (message: CoreToWorker) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: WorkerToCore) => listener(message)),
    onExit: (listener) => { exitListener = listener; },
    busyMs: () => {
      if (!ended) busy = worker.performance.eventLoopUtilization().active;
      return busy;
    },
    heapSnapshot: async (file: string) => {
      await pipeline(await worker.getHeapSnapshot(), createWriteStream(file));
    },
    terminate: async () => {
      ended = true;
      await worker.terminate();
    },
    measure: (report: UsageReport, now: number): ResourceSample => {
      // The share of wall time the thread's event loop was busy since the last sample: a
      // thread running JavaScript on one core, so close to its CPU share (it also counts
      // time blocked in synchronous calls, which a plugin should not make anyway).
      const total = worker.performance.eventLoopUtilization();
      const delta = lastUtilization ? worker.performance.eventLoopUtilization(total, lastUtilization) : total;
      lastUtilization = total;
      return { at: now, heapBytes: report.heapUsedBytes, cpuPercent: Math.round(delta.utilization * 1000) / 10 };
    },
  };
}
