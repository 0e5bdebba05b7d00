/** A worker thread's heap snapshot (the memory report's, for the soak benchmark) shows what the worker holds. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerRuntime } from './workerRuntime.js';
import type { PluginRuntime } from './pluginRuntime.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly [readonly string[], ...unknown[]] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

/** How many objects made by the constructor `name` the snapshot holds. */
function objectsNamed(file: string, name: string): number {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
  let count = 0;
  for (let i = 0; i < data.nodes.length; i += fields.length) {
    const kind = data.snapshot.meta.node_types[0][data.nodes[i + typeAt] ?? -1];
    if (kind === 'object' && data.strings[data.nodes[i + nameAt] ?? -1] === name) count++;
  }
  return count;
}

describe('startWorkerRuntime', () => {
  it('writes a heap snapshot of the worker thread, with the objects it holds', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'switchboard-worker-heap-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const entry = join(dir, 'worker.mjs');
    // A stand-in for a plugin worker: holds objects of a kind of its own and stays up.
    writeFileSync(entry, [
      "import { parentPort } from 'node:worker_threads';",
      'class HeldByTheWorker {}',
      'globalThis.held = Array.from({ length: 50 }, () => new HeldByTheWorker());',
      "parentPort.postMessage('up');",
      'setInterval(() => undefined, 60_000);',
    ].join('\n'));
    const runtime: PluginRuntime = startWorkerRuntime({ entry, runtimeEntry: entry, maxHeapMb: 64, maxYoungMb: 8 });
    cleanup.push(() => runtime.terminate());
    await new Promise<void>((resolve) => runtime.onMessage(() => resolve()));
    const file = join(dir, 'worker.heapsnapshot');
    expect(runtime.heapSnapshot).toBeDefined();
    await runtime.heapSnapshot?.(file);
    expect(objectsNamed(file, 'HeldByTheWorker')).toBe(50);
  });
});
