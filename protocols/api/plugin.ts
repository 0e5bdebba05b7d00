import type { ConnectionContext, ProtocolConnection } from './connection.js';
import type { PluginManifest } from './manifest.js';

/**
 * What a plugin module exports as its default export.
 *
 * ```ts
 * import { definePlugin } from 'switchboard-plugin-sdk'; // built-in plugins import '../api/index.js'
 * export default definePlugin({ manifest, createConnection: (ctx) => new MyConnection(ctx) });
 * ```
 *
 * The module runs in its own worker, isolated from the core: it may keep any state it
 * likes, but everything it passes to the core must be plain data.
 */
export interface ProtocolPlugin {
  readonly manifest: PluginManifest;
  /** Create (but do not yet connect) the connection for one account. */
  createConnection(context: ConnectionContext): ProtocolConnection;
}

/** Identity function that gives a plugin definition its type. */
export function definePlugin(plugin: ProtocolPlugin): ProtocolPlugin {
  return plugin;
}
