/** A loaded plugin as the memory report (diagnostics/memoryReport.ts) shows it: its state, runtime and last heap figure. */
import { join } from 'node:path';
import type { PluginMemory } from '../diagnostics/memoryReport.js';
import type { LoadedPlugin } from './pluginRegistry.js';

export function pluginMemory(plugin: LoadedPlugin): PluginMemory {
  const { host } = plugin;
  const last = host.resourceSamples().at(-1);
  return {
    id: plugin.id, state: host.currentState.kind, runtime: host.runtimeKind,
    ...(host.currentState.kind === 'running' && last ? { heapBytes: last.heapBytes } : {}),
  };
}

/** A heap snapshot of each running plugin worker thread, written into `dir`: plugin id → file. */
export async function snapshotPluginHeaps(plugins: readonly LoadedPlugin[], dir: string): Promise<ReadonlyMap<string, string>> {
  const files = new Map<string, string>();
  // One after the other: each stalls its thread and costs memory while it is written.
  for (const plugin of plugins) {
    const file = join(dir, `plugin-${plugin.id}-${Date.now()}.heapsnapshot`);
    if (await plugin.host.heapSnapshot(file)) files.set(plugin.id, file);
  }
  return files;
}
