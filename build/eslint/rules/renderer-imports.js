/**
 * The renderer is sandboxed and context-isolated: no Node, and no path to the core except
 * the bridge. (Electron itself is reported by no-electron-outside-shell.)
 */
import { isInside, layerRule } from '../importLayers.js';

/** npm packages that need Node and would break (or silently stub out) in a browser. */
const nodeOnlyPackages = new Set(['better-sqlite3', 'ws', 'irc-framework', 'electron-builder']);

export default layerRule({
  description: 'renderer/ imports only electron/bridge/, its own files and browser-safe npm packages.',
  messages: {
    node: "'{{specifier}}' is {{target}}: renderer/ is sandboxed with no Node; it may import only electron/bridge/, files inside renderer/ and npm packages that run in browsers.",
    ours: "'{{specifier}}' resolves to {{target}}: renderer/ may import only electron/bridge/ and files inside renderer/; everything else is reached through the bridge.",
    nodePackage: "'{{specifier}}' is {{target}}, which needs Node: renderer/ may import only electron/bridge/, files inside renderer/ and npm packages that run in browsers.",
  },
  appliesTo: (layer) => layer.name === 'renderer',
  decide: (target) => {
    if (target.kind === 'node') return { messageId: 'node' };
    if (target.kind === 'package' && nodeOnlyPackages.has(target.name)) return { messageId: 'nodePackage' };
    if (target.kind === 'ours' && !isInside(target, 'renderer/') && !isInside(target, 'electron/bridge/')) return { messageId: 'ours' };
    return undefined;
  },
});
