/**
 * The Node permission model's flags for a third-party plugin's process (Node 20:
 * https://nodejs.org/docs/latest-v20.x/api/permissions.html#process-based-permissions).
 * With `--experimental-permission` everything below is denied unless granted: file reads
 * outside the granted paths, every file write, child processes, worker threads, native
 * addons, WASI and the inspector. What the model does NOT cover in Node 20, and so what a
 * sandboxed plugin still can do: open network connections (wanted: it is a network
 * plugin), read its environment (we pass it an empty one), signal other processes of the
 * same user (`process.kill`), use file descriptors it inherited (only its IPC channel),
 * and use as much CPU as it likes (the heartbeat catches a hang; the heap cap a leak).
 */
import type { RuntimeSpec, SandboxGrant } from './pluginRuntime.js';

/** Node 20 names the model `--experimental-permission`; Node 22.13+ (Electron 45's) `--permission`. */
export function permissionFlag(flags: ReadonlySet<string> = process.allowedNodeEnvironmentFlags): string {
  return flags.has('--permission') ? '--permission' : '--experimental-permission';
}

export function sandboxExecArgv(spec: RuntimeSpec, grant: SandboxGrant): string[] {
  return [
    permissionFlag(),
    // The runtime itself (one bundled file), the plugin's folder, and its accounts' data.
    `--allow-fs-read=${spec.runtimeEntry}`,
    `--allow-fs-read=${grant.pluginDir}`,
    `--allow-fs-read=${grant.dataRoot}`,
    `--allow-fs-write=${grant.dataRoot}`,
    ...(grant.nativeAddons ? ['--allow-addons'] : []),
    `--max-old-space-size=${spec.maxHeapMb}`,
    `--max-semi-space-size=${Math.max(1, Math.floor(spec.maxYoungMb / 3))}`,
    // The permission model's one-line notice on every start says nothing to a user.
    '--disable-warning=ExperimentalWarning',
  ];
}

/** What the sandbox allows, in words, as the install confirmation and the Plugins dialog show it. */
export function sandboxAllowances(nativeAddons: boolean): string[] {
  return [
    'Read its own files',
    'Read and write its own data folder',
    'Connect to the network',
    nativeAddons ? 'Load native code (declared in its manifest)' : 'No native code',
    'No other files, no programs, no background threads',
  ];
}
