/**
 * The Electron shell wires the core into windows: it may use Electron, the core and the
 * bridge contract, never the renderer's code or an adapter (plugins are loaded by path).
 */
import { layerRule } from '../importLayers.js';

export default layerRule({
  description: 'electron/shell/ does not import renderer/ or protocol adapters.',
  messages: {
    ours: "'{{specifier}}' resolves to {{target}}: electron/shell/ may import Electron, electron/core/, electron/bridge/, protocols/api/, Node and npm packages; the renderer is loaded as a page and adapters by path at run time.",
  },
  appliesTo: (layer) => layer.name === 'shell',
  decide: (target) =>
    target.kind === 'ours' && (target.layer.name === 'renderer' || target.layer.name === 'adapter' || target.layer.name === 'protocols') ? { messageId: 'ours' } : undefined,
});
