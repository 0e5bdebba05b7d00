/**
 * The plugin SDK is published to third parties: it must stand alone, so it depends on no
 * other code of ours and no npm package. (Electron is reported by no-electron-outside-shell.)
 */
import { isInside, layerRule } from '../importLayers.js';

export default layerRule({
  description: 'protocols/api/ imports nothing of ours outside protocols/api/ and no npm packages.',
  messages: {
    ours: "'{{specifier}}' resolves to {{target}}: protocols/api/ is the published plugin SDK and may import only files inside protocols/api/.",
    package: "'{{specifier}}' is {{target}}: protocols/api/ is the published plugin SDK and may not depend on npm packages.",
  },
  appliesTo: (layer) => layer.name === 'api',
  decide: (target) => {
    if (target.kind === 'package') return { messageId: 'package' };
    if (target.kind === 'ours' && !isInside(target, 'protocols/api/')) return { messageId: 'ours' };
    return undefined;
  },
});
