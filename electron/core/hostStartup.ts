/**
 * How both hosts start the core: the Electron shell (electron/shell/main.ts) and headless
 * mode (headless/serve.ts). They get the same built-in plugins (every folder the build put
 * in dist/plugins: IRC, XMPP, Matrix), the same third-party plugin discovery
 * (`<profile>/plugins`), the same profile layout and the same core options. A host passes
 * only what is truly its own: where its secrets are kept, where saved files go, its log,
 * the staged uploads of headless mode. hostsAgree.test.ts fails if the two ever differ.
 */
import type { CoreOptions } from './createCore.js';
import type { StagedFiles } from './files/stagedFiles.js';
import { pluginFoldersIn } from './plugins/pluginRegistry.js';
import type { DatabaseRepair } from './profile/profileDatabase.js';
import type { SecretStore } from './secrets/secretStore.js';
import type { IdleSource } from './status/idleSource.js';
import { distLayout, profileLayout } from './hostLayout.js';
import type { SandboxSpawner } from './plugins/runtime/pluginRuntime.js';
import { startProcessRuntime } from './plugins/runtime/processRuntime.js';

// The paths alone live in hostLayout.ts: the Electron shell needs them without the core.
export { PROFILE_FOLDER_NAME, distLayout, profileLayout, type DistLayout, type ProfileLayout } from './hostLayout.js';

/** What differs between the hosts, and nothing else. */
export interface HostParts {
  /** The build's output folder (dist/). */
  readonly distDir: string;
  readonly profileDir: string;
  readonly secretStore: SecretStore;
  readonly log: (line: string) => void;
  /** Plugin folders named for this run only (headless mode's `--plugin DIR`), loaded after the others. */
  readonly extraPluginDirs?: readonly string[];
  /** Where saved attachments go; the core's default is `<profile>/downloads`. */
  readonly downloadsDir?: string;
  /** Headless mode: files uploaded over HTTP that `messages.sendFile` may name. */
  readonly stagedFiles?: StagedFiles;
  /** The user's answer to a database the previous start could not use. */
  readonly databaseRepair?: DatabaseRepair;
  /** The desktop app's idle time (the system's); headless mode counts the page's input. */
  readonly idleSource?: IdleSource;
  /** How installed plugins are started; by default a child process of the core (both hosts: the desktop app's core is itself a utilityProcess). */
  readonly spawnSandboxed?: SandboxSpawner;
}

/**
 * Built-in plugins first, then the ones named for this run (a developer's own, trusted by
 * the command line): both in worker threads. The profile's installed plugins run sandboxed
 * ({@link hostInstalledPluginDirs}).
 */
export function hostPluginDirs(distDir: string, extraPluginDirs: readonly string[] = []): string[] {
  return [...pluginFoldersIn(distLayout(distDir).builtInPluginsDir), ...extraPluginDirs];
}

/** The plugins the user installed into the profile (plugins/installedPlugins.ts), each run in its own sandboxed process. */
export function hostInstalledPluginDirs(profileDir: string): string[] {
  return pluginFoldersIn(profileLayout(profileDir).pluginsDir);
}

/** The core's options for a host. */
export function hostCoreOptions(parts: HostParts): CoreOptions {
  return {
    profileDir: parts.profileDir,
    secretStore: parts.secretStore,
    pluginDirs: hostPluginDirs(parts.distDir, parts.extraPluginDirs),
    installedPluginDirs: hostInstalledPluginDirs(parts.profileDir),
    ...(parts.spawnSandboxed ? { spawnSandboxed: parts.spawnSandboxed } : sandboxExecPathFromEnv()),
    workerEntry: distLayout(parts.distDir).workerEntry,
    log: parts.log,
    ...(parts.downloadsDir !== undefined ? { downloadsDir: parts.downloadsDir } : {}),
    ...(parts.stagedFiles ? { stagedFiles: parts.stagedFiles } : {}),
    ...(parts.databaseRepair ? { databaseRepair: parts.databaseRepair } : {}),
    ...(parts.idleSource ? { idleSource: parts.idleSource } : {}),
    ...autoAwayMinuteFromEnv(),
    ...npmRegistryFromEnv(),
  };
}

/**
 * Tests only: SWITCHBOARD_SANDBOX_EXEC_PATH names a program that runs installed plugins'
 * processes instead of this Node, with the same arguments (the LAN plugin's end-to-end test
 * runs them inside network namespaces with `ip netns exec`).
 */
function sandboxExecPathFromEnv(env: NodeJS.ProcessEnv = process.env): { spawnSandboxed?: SandboxSpawner } {
  const execPath = env['SWITCHBOARD_SANDBOX_EXEC_PATH'];
  return execPath ? { spawnSandboxed: (spec, grant) => startProcessRuntime(spec, grant, { execPath }) } : {};
}

/**
 * The npm registry plugins are installed from by name: npm's own `registry` setting when it
 * is in the environment (`npm_config_registry`, https://docs.npmjs.com/cli/v10/using-npm/config#environment-variables:
 * set by `npm run serve` from the user's npm configuration, or by hand for a company mirror),
 * else registry.npmjs.org.
 */
export function npmRegistryFromEnv(env: NodeJS.ProcessEnv = process.env): { npmRegistry?: string } {
  const value = env['npm_config_registry']?.trim();
  if (!value) return {};
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? { npmRegistry: url.href } : {};
  } catch {
    return {};
  }
}

/**
 * Tests only: SWITCHBOARD_AUTO_AWAY_MINUTE_MS makes one minute of the autoAwayMinutes
 * preference that many milliseconds, so that an end-to-end test sees auto-away fire.
 */
function autoAwayMinuteFromEnv(env: NodeJS.ProcessEnv = process.env): { autoAwayMinuteMs?: number } {
  const value = Number(env['SWITCHBOARD_AUTO_AWAY_MINUTE_MS']);
  return Number.isInteger(value) && value >= 100 ? { autoAwayMinuteMs: value } : {};
}
