/** A loaded plugin as the memory report (diagnostics/memoryReport.ts) shows it: its state, runtime and last heap figure. */
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
