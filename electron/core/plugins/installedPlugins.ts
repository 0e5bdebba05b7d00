/**
 * Where installed plugins live in a profile and how they are sandboxed: each in
 * `<profile>/plugins/<id>`, its accounts' data in `<profile>/plugin-data-installed/<id>/`
 * (the only folder its process may write), started as a child process under Node's
 * permission model unless the host gives another spawner.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readInstallRecords } from './install/installRecords.js';
import type { SandboxSetup } from './pluginRegistry.js';
import type { SandboxSpawner } from './runtime/pluginRuntime.js';
import { startProcessRuntime } from './runtime/processRuntime.js';

export function installedPluginsDir(profileDir: string): string {
  return join(profileDir, 'plugins');
}

export function installedDataRoot(profileDir: string, folderName: string): string {
  return join(profileDir, 'plugin-data-installed', folderName);
}

export function installedPluginsSandbox(profileDir: string, spawn: SandboxSpawner = startProcessRuntime): SandboxSetup {
  return {
    spawn,
    dataRootOf: (dir) => {
      const root = installedDataRoot(profileDir, basename(dir));
      mkdirSync(root, { recursive: true, mode: 0o700 });
      return root;
    },
    nativeAddonsConfirmed: (dir) => readInstallRecords(profileDir).installed[basename(dir)]?.nativeAddons === true,
  };
}
