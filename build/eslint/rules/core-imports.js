/**
 * The core is free of Electron and of the UI, and knows adapters only as plugins loaded by
 * path at run time (in a worker), never as modules it imports.
 * (Electron itself is reported by no-electron-outside-shell.)
 */
import { isInside, layerRule } from '../importLayers.js';

export default layerRule({
  description: 'electron/core/ imports only protocols/api/, electron/bridge/, its own files, Node built-ins and npm packages.',
  messages: {
    adapter:
      "'{{specifier}}' resolves to {{target}}, a protocol adapter: electron/core/ must not import adapters; the plugin host loads them by path at run time. The core may import protocols/api/, electron/bridge/, files inside electron/core/, Node and npm packages.",
    ours: "'{{specifier}}' resolves to {{target}}: electron/core/ may import only protocols/api/, electron/bridge/, files inside electron/core/, Node built-ins and npm packages (never renderer/ or electron/shell/).",
  },
  appliesTo: (layer) => layer.name === 'core',
  decide: (target) => {
    if (target.kind !== 'ours') return undefined;
    if (isInside(target, 'electron/core/') || isInside(target, 'electron/bridge/') || isInside(target, 'protocols/api/')) return undefined;
    if (target.layer.name === 'adapter') return { messageId: 'adapter' };
    return { messageId: 'ours' };
  },
});
