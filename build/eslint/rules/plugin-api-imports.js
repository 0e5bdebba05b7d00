/**
 * The plugin SDK is published to third parties (protocols/api/package.json): it must stand
 * alone, so it depends on no other code of ours and on no npm package but the dependencies
 * its package.json declares. (Electron is reported by no-electron-outside-shell.)
 */
import { readFileSync } from 'node:fs';
import { isInside, layerRule } from '../importLayers.js';

/** @type {{ dependencies?: Record<string, string> }} */
const sdkPackage = JSON.parse(readFileSync(new URL('../../../protocols/api/package.json', import.meta.url), 'utf8'));
const sdkDependencies = new Set(Object.keys(sdkPackage.dependencies ?? {}));

export default layerRule({
  description: 'protocols/api/ imports nothing of ours outside protocols/api/ and no npm packages but its declared dependencies.',
  messages: {
    ours: "'{{specifier}}' resolves to {{target}}: protocols/api/ is the published plugin SDK and may import only files inside protocols/api/.",
    package: "'{{specifier}}' is {{target}}: protocols/api/ is the published plugin SDK and depends only on the packages its package.json declares.",
  },
  appliesTo: (layer) => layer.name === 'api',
  decide: (target) => {
    if (target.kind === 'package' && !sdkDependencies.has(target.name)) return { messageId: 'package' };
    if (target.kind === 'ours' && !isInside(target, 'protocols/api/')) return { messageId: 'ours' };
    return undefined;
  },
});
