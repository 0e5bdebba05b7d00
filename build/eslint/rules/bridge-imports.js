/**
 * The bridge contract is shared by the core (Node) and the renderer (browser): types and
 * schemas only, no I/O, so it can import its validation library and itself, nothing else.
 * (Electron itself is reported by no-electron-outside-shell.)
 */
import { isInside, layerRule } from '../importLayers.js';

const allowedPackages = new Set(['zod']);

export default layerRule({
  description: "electron/bridge/ imports only 'zod' and files inside electron/bridge/.",
  messages: {
    node: "'{{specifier}}' is {{target}}: electron/bridge/ also runs in the renderer and does no I/O; it may import only 'zod' and files inside electron/bridge/.",
    package: "'{{specifier}}' is {{target}}: electron/bridge/ may import only 'zod' (its validation library) and files inside electron/bridge/.",
    ours: "'{{specifier}}' resolves to {{target}}: electron/bridge/ may import only 'zod' and files inside electron/bridge/.",
  },
  appliesTo: (layer) => layer.name === 'bridge',
  decide: (target) => {
    if (target.kind === 'node') return { messageId: 'node' };
    if (target.kind === 'package' && !allowedPackages.has(target.name)) return { messageId: 'package' };
    if (target.kind === 'ours' && !isInside(target, 'electron/bridge/')) return { messageId: 'ours' };
    return undefined;
  },
});
