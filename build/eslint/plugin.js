/**
 * The `layers` ESLint plugin: one rule per layer of DESIGN.md's Layout table, each saying
 * what that layer may import. Loaded by eslint.config.js; tested by test/unit/lint-rules.test.ts.
 */
import adapterImports from './rules/adapter-imports.js';
import bridgeImports from './rules/bridge-imports.js';
import coreImports from './rules/core-imports.js';
import noElectronOutsideShell from './rules/no-electron-outside-shell.js';
import pluginApiImports from './rules/plugin-api-imports.js';
import rendererImports from './rules/renderer-imports.js';
import shellImports from './rules/shell-imports.js';

/** @type {import('eslint').ESLint.Plugin} */
const plugin = {
  meta: { name: 'switchboard-layers', version: '1.0.0' },
  rules: {
    'no-electron-outside-shell': noElectronOutsideShell,
    'renderer-imports': rendererImports,
    'adapter-imports': adapterImports,
    'plugin-api-imports': pluginApiImports,
    'bridge-imports': bridgeImports,
    'core-imports': coreImports,
    'shell-imports': shellImports,
  },
};

export default plugin;
