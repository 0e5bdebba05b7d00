/**
 * An adapter is exactly what a third party could write: the plugin SDK, its protocol
 * library and Node, nothing else of ours. It is loaded by path at run time, in a worker.
 * (Electron itself is reported by no-electron-outside-shell.)
 */
import { isInside, layerRule } from '../importLayers.js';

export default layerRule({
  description: 'protocols/<adapter>/ imports only protocols/api/, its own folder, npm packages and Node built-ins.',
  messages: {
    ours: "'{{specifier}}' resolves to {{target}}: an adapter in {{own}} may import only protocols/api/, files inside {{own}}, its protocol library (npm) and Node built-ins.",
  },
  appliesTo: (layer) => layer.name === 'adapter',
  decide: (target, layer) => {
    if (target.kind !== 'ours') return undefined;
    if (isInside(target, 'protocols/api/') || isInside(target, layer.dir)) return undefined;
    return { messageId: 'ours', data: { own: layer.dir } };
  },
});
