/**
 * Reads the manifest of a plugin not yet installed. A manifest is the default export of
 * the plugin's code, so reading it runs that code: it runs in the same sandbox an installed
 * plugin gets, with only the staging folder readable and a scratch folder writable, and is
 * stopped as soon as it answered.
 */
import type { PluginManifest } from '../../../../protocols/api/index.js';
import type { SandboxSpawner } from '../runtime/pluginRuntime.js';
import { InstallError } from './installError.js';

export function readStagedManifest(entry: string, pluginDir: string, scratchDir: string, runtimeEntry: string, spawn: SandboxSpawner, timeoutMs = 20_000): Promise<PluginManifest> {
  const runtime = spawn({ entry, runtimeEntry, maxHeapMb: 256, maxYoungMb: 16 }, { pluginDir, dataRoot: scratchDir, nativeAddons: false });
  let timer: NodeJS.Timeout | undefined;
  return new Promise<PluginManifest>((resolve, reject) => {
    timer = setTimeout(() => reject(new InstallError(`The plugin did not start within ${timeoutMs / 1000} s.`)), timeoutMs);
    runtime.onMessage((message) => {
      if (message.type === 'ready') resolve(message.manifest);
      else if (message.type === 'load-failed') reject(new InstallError(`The plugin could not be loaded: ${message.error.message}`));
    });
    runtime.onExit((exit) => reject(new InstallError(`The plugin stopped while loading (${exit.reason}).`)));
  }).finally(() => {
    clearTimeout(timer);
    void runtime.terminate();
  });
}
