/**
 * What the core's services tell each other, with its payload: the events of the core's
 * EventHub (lifecycle/eventHub.ts). Bridge events (what the UI sees) are another stream:
 * bridge/eventBatcher.ts.
 */
import type { PluginHostState } from './plugins/pluginHost.js';
import type { ScopedItem } from './plugins/pluginEventScope.js';

export interface CoreEvents {
  /** A plugin's worker posted a batch of protocol events; not yet checked (pluginEventScope.ts). */
  readonly 'plugin.events': { readonly pluginId: string; readonly items: readonly ScopedItem[] };
  /** A plugin's worker crashed, restarted or was disabled. */
  readonly 'plugin.state': { readonly pluginId: string; readonly state: PluginHostState };
  /** An account's connection is up (a connect or a reconnect): the reconnect sequence starts. */
  readonly 'account.online': { readonly accountId: string };
  /** An account left the online state: its presence data is stale, its messages in flight are lost. */
  readonly 'account.offline': { readonly accountId: string };
}
