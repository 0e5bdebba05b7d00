/**
 * Only the thin Electron layer may touch Electron: the core runs in plain Node (headless
 * mode, tests), plugins run in workers, and the renderer is sandboxed. `require('electron')`
 * in plain Node even throws, so an Electron import outside the shell breaks headless mode.
 */
import { layerRule } from '../importLayers.js';

export default layerRule({
  description: "Only electron/shell/ may import 'electron' (DESIGN.md, Layout).",
  messages: {
    electron:
      "'{{specifier}}' is Electron, which only electron/shell/ may import: {{layer}} must run without Electron (protocols/, electron/core/ and electron/bridge/ run in plain Node; renderer/ is sandboxed and reaches the app only through electron/bridge).",
  },
  appliesTo: (layer) => layer.name !== 'shell' && layer.name !== 'test',
  decide: (target, layer) => (target.kind === 'electron' ? { messageId: 'electron', data: { layer: layer.dir === '' ? 'this file' : layer.dir } } : undefined),
});
