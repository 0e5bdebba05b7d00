/**
 * Finds plugin folders, starts each plugin in its own supervised worker, and checks what
 * it declares before the core relies on it: a manifest of the right shape and an API
 * range that accepts this core's API version.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_API_VERSIONS, type PluginManifest } from '../../../protocols/api/index.js';
import { manifestProblem as sdkManifestProblem } from '../../../protocols/api/validation/index.js';
import { PluginHost, type PluginHostListener, type PluginHostOptions, type PluginHostState } from './pluginHost.js';

/** Supervision limits for every plugin worker (tests shorten them). */
export type PluginLimits = Omit<PluginHostOptions, 'entry' | 'workerEntry'>;

export interface LoadedPlugin {
  readonly id: string;
  readonly dir: string;
  readonly manifest: PluginManifest;
  readonly host: PluginHost;
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

  constructor(private readonly workerEntry: string, private readonly limits: PluginLimits = {}) {}

  /**
   * Loads every plugin folder; one that fails is recorded and skipped. A plugin's worker
   * is started to read its manifest; it keeps running only if `inUse` says an account will
   * connect with it soon, else it is stopped until the first connection needs it. What the
   * workers report goes to `listener` from then on: it is given here, not to the
   * constructor, so that the services it reaches can be made before (createCore.ts).
   */
  async loadAll(dirs: readonly string[], listener: PluginRegistryListener, inUse: (pluginId: string) => boolean = () => true): Promise<void> {
    await Promise.all(dirs.map((dir) => this.load(dir, listener)));
    for (const plugin of this.plugins.values()) plugin.host.releaseUnlessNeeded(inUse(plugin.id) ? undefined : 0);
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

  private async load(dir: string, listener: PluginRegistryListener): Promise<void> {
    const entry = pluginEntry(dir);
    if (!entry) {
      this.failures.push({ dir, reason: 'no index.js' });
      return;
    }
    let pluginId = dir;
    const host = new PluginHost({ ...this.limits, entry, workerEntry: this.workerEntry }, {
      events: (items) => listener.events(pluginId, items),
      log: (level, message, accountId) => listener.log(level, message, pluginId, accountId),
      stateChanged: (state) => listener.pluginStateChanged(pluginId, state),
      storage: (accountId, request) => listener.storage(pluginId, accountId, request),
    });
    try {
      const manifest = await host.start();
      const problem = manifestProblem(manifest);
      if (problem) throw new Error(problem);
      if (this.plugins.has(manifest.id)) throw new Error(`another plugin already has the id "${manifest.id}"`);
      pluginId = manifest.id;
      this.plugins.set(manifest.id, { id: manifest.id, dir, manifest, host });
    } catch (error) {
      await host.stop();
      const reason = error instanceof Error ? error.message : String(error);
      this.failures.push({ dir, reason });
      listener.log('error', `Plugin in ${dir} not loaded: ${reason}`, pluginId);
    }
  }
}

/** Why a manifest cannot be used by this core, or undefined when it can (the SDK's rule, with this core's API versions). */
export function manifestProblem(manifest: PluginManifest): string | undefined {
  return sdkManifestProblem(manifest, SUPPORTED_API_VERSIONS);
}
