/**
 * What the Plugins dialog reads and does that is not installing: every plugin's state,
 * accounts and resource use, and Enable / Disable / Restart. A plugin the user disabled
 * stays disabled across restarts (install/installRecords.ts).
 */
import type { PluginOverview } from '../../bridge/pluginSchemas.js';
import { CoreError } from '../model/coreError.js';
import { readInstallRecords, updateInstallRecords } from './install/installRecords.js';
import type { LoadedPlugin, PluginRegistry } from './pluginRegistry.js';
import type { PluginHostState } from './pluginHost.js';

export interface PluginControlsDeps {
  readonly profileDir: string;
  readonly plugins: PluginRegistry;
  readonly accountsOf: (pluginId: string) => readonly { readonly id: string; readonly label: string }[];
  readonly pluginAvailable: (pluginId: string) => void;
  readonly installedFrom: (pluginId: string) => string | undefined;
}

export class PluginControls {
  constructor(private readonly deps: PluginControlsDeps) {}

  /** Stops the plugins the user disabled before (at start, after they loaded). */
  async applyDisabled(): Promise<void> {
    const { disabled } = readInstallRecords(this.deps.profileDir);
    await Promise.all(disabled.flatMap((id) => this.deps.plugins.get(id)?.host.disableByUser() ?? []));
  }

  overview(now = Date.now()): PluginOverview[] {
    const { disabled } = readInstallRecords(this.deps.profileDir);
    return this.deps.plugins.list().map((plugin) => {
      const installedFrom = plugin.source === 'installed' ? this.deps.installedFrom(plugin.id) : undefined;
      const error = errorOf(plugin.host.currentState);
      return {
        id: plugin.id, name: plugin.manifest.name, version: plugin.manifest.version, apiVersion: plugin.manifest.apiVersion,
        source: plugin.source, runtime: plugin.host.runtimeKind, state: stateOf(plugin.host.currentState),
        ...(error !== undefined ? { error } : {}),
        disabledByUser: disabled.includes(plugin.id),
        accounts: this.deps.accountsOf(plugin.id).map(({ id, label }) => ({ id, label })),
        resources: plugin.host.resourceSamples(now).map((sample) => ({ ...sample })),
        ...(installedFrom !== undefined ? { installedFrom } : {}),
      };
    });
  }

  async setEnabled(pluginId: string, enabled: boolean): Promise<void> {
    const plugin = this.get(pluginId);
    updateInstallRecords(this.deps.profileDir, (records) => {
      records.disabled = records.disabled.filter((id) => id !== pluginId);
      if (!enabled) records.disabled.push(pluginId);
    });
    if (!enabled) {
      await plugin.host.disableByUser();
      return;
    }
    await this.restart(pluginId);
  }

  /** Starts the plugin afresh (also one disabled after crashes); its enabled accounts reconnect. */
  async restart(pluginId: string): Promise<void> {
    const plugin = this.get(pluginId);
    if (readInstallRecords(this.deps.profileDir).disabled.includes(pluginId)) throw new CoreError({ kind: 'invalid-request', message: `${plugin.manifest.name} is disabled: enable it first.` });
    await plugin.host.restart();
    plugin.host.releaseUnlessNeeded();
    this.deps.pluginAvailable(pluginId);
  }

  private get(pluginId: string): LoadedPlugin {
    const plugin = this.deps.plugins.get(pluginId);
    if (!plugin) throw new CoreError({ kind: 'not-found', message: `There is no plugin "${pluginId}".` });
    return plugin;
  }
}

function stateOf(state: PluginHostState): PluginOverview['state'] {
  switch (state.kind) {
    case 'crashed': return 'restarting';
    default: return state.kind;
  }
}

function errorOf(state: PluginHostState): string | undefined {
  return state.kind === 'crashed' || state.kind === 'disabled' ? state.error.message : undefined;
}
