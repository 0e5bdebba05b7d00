/**
 * The Electron shell wires the core into windows: it may use Electron, the bridge contract
 * and the few core modules that run without the core, never the renderer's code or an
 * adapter (plugins are loaded by path). The core itself runs in its own process
 * (electron/core/process/): the main process does no SQL and runs no core service, so
 * better-sqlite3, the store, createCore and the services are out of its reach. Type-only
 * imports count too: a type from a service module drags the rest in at the next edit.
 */
import { layerRule } from '../importLayers.js';

/** The core modules the main process may use: the process seam (with the core process's Node options), paths, secrets' format, link schemes, types. */
const SHELL_MAY_USE_FROM_CORE = [
  'electron/core/process/coreProcessProtocol.',
  'electron/core/process/secretsChannel.',
  'electron/core/process/coreNodeOptions.',
  'electron/core/hostLayout.',
  'electron/core/secrets/secretStore.',
  'electron/core/secrets/secretsFile.',
  'electron/core/links/parseLink.',
  'electron/core/status/idleSource.',
  'electron/core/bridge/bridgeSession.',
];

export default layerRule({
  description: 'electron/shell/ does not import renderer/, protocol adapters, the database or the core\'s services.',
  messages: {
    ours: "'{{specifier}}' resolves to {{target}}: electron/shell/ may import Electron, electron/core/, electron/bridge/, protocols/api/, Node and npm packages; the renderer is loaded as a page and adapters by path at run time.",
    core: "'{{specifier}}' resolves to {{target}}: the core runs in its own process (electron/core/process/); the main process talks to it through coreProcessClient.ts and may import only the process seam, hostLayout, the secret store's format, link schemes and idle/bridge-session types from electron/core/.",
    sql: "'{{specifier}}' is the database: the main process does no SQL; the core's process owns the store.",
  },
  appliesTo: (layer) => layer.name === 'shell',
  decide: (target) => {
    if (target.kind === 'package' && target.name === 'better-sqlite3') return { messageId: 'sql' };
    if (target.kind !== 'ours') return undefined;
    if (target.layer.name === 'renderer' || target.layer.name === 'adapter' || target.layer.name === 'protocols') return { messageId: 'ours' };
    if (target.layer.name === 'core' && !SHELL_MAY_USE_FROM_CORE.some((allowed) => target.path.startsWith(allowed))) return { messageId: 'core' };
    return undefined;
  },
});
