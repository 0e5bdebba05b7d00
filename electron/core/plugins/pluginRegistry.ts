/**
 * Finds plugin folders, starts each plugin in its own supervised runtime (a worker thread
 * for the built-in ones, a sandboxed process for installed ones), and checks what
 * it declares before the core relies on it: a manifest of the right shape and an API
 * range that accepts this core's API version.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_API_VERSIONS, type PluginManifest } from '../../../protocols/api/index.js';
import { manifestProblem as sdkManifestProblem } from '../../../protocols/api/validation/index.js';
import { PluginHost, type PluginHostListener, type PluginHostOptions, type PluginHostState } from './pluginHost.js';
import type { SandboxSpawner } from './runtime/pluginRuntime.js';
import type { ManifestCache } from './manifestCache.js';

/** Supervision limits for every plugin worker (tests shorten them). */
export type PluginLimits = Omit<PluginHostOptions, 'entry' | 'workerEntry' | 'sandbox'>;

export interface LoadedPlugin {
  readonly id: string;
  readonly dir: string;
  readonly manifest: PluginManifest;
  readonly host: PluginHost;
  /** Installed by the user (runs sandboxed), or shipped with Switchboard (a worker thread). */
  readonly source: 'built-in' | 'installed';
  /** Installed plugins: the one folder their accounts' data folders live in (all they may write). */
  readonly dataRoot?: string;
}

/** How installed plugins are sandboxed (createCore.ts gives it). */
export interface SandboxSetup {
  readonly spawn: SandboxSpawner;
  /** The data folder of the plugin in `dir` (named by the folder, since its id is known only once it loaded). */
  dataRootOf(dir: string): string;
  /** The user confirmed the native addons the plugin's manifest declares. */
  nativeAddonsConfirmed(dir: string): boolean;
}

/** What the plugins report, each with the id of the plugin that sent it (the core checks it owns the account). */
export interface PluginRegistryListener {
  events(pluginId: string, items: Parameters<PluginHostListener['events']>[0]): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, pluginId: string, accountId?: string): void;
  pluginStateChanged(pluginId: string, state: PluginHostState): void;
  storage(pluginId: string, accountId: string, request: Parameters<PluginHostListener['storage']>[1]): Promise<unknown>;
}

/** The entry module of a plugin folder, if it has one. */
export function pluginEntry(dir: string): string | undefined {
  return ['index.js', 'index.mjs'].map((name) => join(dir, name)).find((file) => existsSync(file));
}

/** Every sub-folder of `parent` that holds a plugin entry. A missing parent has none. */
export function pluginFoldersIn(parent: string): string[] {
  if (!existsSync(parent)) return [];
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(parent, entry.name))
    .filter((dir) => pluginEntry(dir) !== undefined);
}

export class PluginRegistry {
  private readonly plugins = new Map<string, LoadedPlugin>();
  /** Plugins that could not be loaded, with the reason (shown in the log and to tests). */
  readonly failures: { readonly dir: string; readonly reason: string }[] = [];

  private listener: PluginRegistryListener | undefined;

  constructor(private readonly workerEntry: string, private readonly limits: PluginLimits = {}, private readonly sandbox?: SandboxSetup,
    /** Built-in plugins' manifests from an earlier start: those plugins start only when a connection needs them. */
    private readonly manifests?: ManifestCache) {}

  /**
   * Loads every plugin folder; one that fails is recorded and skipped. A plugin's worker
   * is started to read its manifest; it keeps running only if `inUse` says an account will
   * connect with it soon, else it is stopped until the first connection needs it. What the
   * workers report goes to `listener` from then on: it is given here, not to the
   * constructor, so that the services it reaches can be made before (createCore.ts).
   */
  async loadAll(dirs: readonly string[], listener: PluginRegistryListener, inUse: (pluginId: string) => boolean = () => true, installedDirs: readonly string[] = []): Promise<void> {
    this.listener = listener;
    await Promise.all([
      ...dirs.map((dir) => this.load(dir, listener, false)),
      ...installedDirs.map((dir) => this.load(dir, listener, true)),
    ]);
    for (const plugin of this.plugins.values()) plugin.host.releaseUnlessNeeded(inUse(plugin.id) ? undefined : 0);
  }

  /** Loads a plugin installed while the core runs (sandboxed); throws with the reason it cannot be used. */
  async addInstalled(dir: string): Promise<LoadedPlugin> {
    if (!this.listener) throw new Error('The plugins are not loaded yet.');
    const failed = this.failures.length;
    const plugin = await this.load(dir, this.listener, true);
    if (!plugin) throw new Error(this.failures[failed]?.reason ?? 'it could not be loaded');
    plugin.host.releaseUnlessNeeded();
    return plugin;
  }

  /** Stops a plugin and forgets it (before it is removed or replaced by an update). */
  async unload(id: string): Promise<void> {
    const plugin = this.plugins.get(id);
    if (!plugin) return;
    this.plugins.delete(id);
    await plugin.host.stop();
  }

  get(id: string): LoadedPlugin | undefined {
    return this.plugins.get(id);
  }

  list(): LoadedPlugin[] {
    return [...this.plugins.values()].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.plugins.values()].map((plugin) => plugin.host.stop()));
  }

  private async load(dir: string, listener: PluginRegistryListener, installed: boolean): Promise<LoadedPlugin | undefined> {
    const entry = pluginEntry(dir);
    if (!entry) {
      this.failures.push({ dir, reason: 'no index.js' });
      return undefined;
    }
    if (installed && !this.sandbox) {
      this.failures.push({ dir, reason: 'installed plugins need a sandbox, and this host has none' });
      return undefined;
    }
    let pluginId = dir;
    const dataRoot = installed ? this.sandbox?.dataRootOf(dir) : undefined;
    const sandbox = this.sandbox && dataRoot !== undefined ? {
      spawn: this.sandbox.spawn,
      grant: { pluginDir: dir, dataRoot, nativeAddons: this.sandbox.nativeAddonsConfirmed(dir) },
    } : undefined;
    const host = new PluginHost({ ...this.limits, entry, workerEntry: this.workerEntry, ...(sandbox ? { sandbox } : {}) }, {
      events: (items) => listener.events(pluginId, items),
      log: (level, message, accountId) => listener.log(level, message, pluginId, accountId),
      stateChanged: (state) => listener.pluginStateChanged(pluginId, state),
      storage: (accountId, request) => listener.storage(pluginId, accountId, request),
    });
    try {
      const cached = installed ? undefined : this.manifests?.get(entry);
      const manifest = cached ? host.startIdle(cached) : await host.start();
      const problem = manifestProblem(manifest);
      if (problem) throw new Error(problem);
      if (this.plugins.has(manifest.id)) throw new Error(`another plugin already has the id "${manifest.id}"`);
      pluginId = manifest.id;
      const loaded: LoadedPlugin = {
        id: manifest.id, dir, manifest, host, source: installed ? 'installed' : 'built-in', ...(dataRoot !== undefined ? { dataRoot } : {}),
      };
      this.plugins.set(manifest.id, loaded);
      if (!installed && !cached) this.manifests?.set(entry, manifest);
      return loaded;
    } catch (error) {
      await host.stop();
      const reason = error instanceof Error ? error.message : String(error);
      this.failures.push({ dir, reason });
      listener.log('error', `Plugin in ${dir} not loaded: ${reason}`, pluginId);
      return undefined;
    }
  }
}

/** Why a manifest cannot be used by this core, or undefined when it can (the SDK's rule, with this core's API versions). */
export function manifestProblem(manifest: PluginManifest): string | undefined {
  return sdkManifestProblem(manifest, SUPPORTED_API_VERSIONS);
}
