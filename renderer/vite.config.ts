/**
 * Builds the renderer into dist/renderer. Every URL is relative (`base: './'`) because the
 * page is served under a per-run secret path in headless mode and from file:// in Electron,
 * and nothing is inlined: the page's CSP allows scripts and styles from 'self' only.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // This folder, wherever vite is started from (no Node built-ins under renderer/).
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer', // relative to root
    emptyOutDir: true,
    // Never inline assets as data: URLs, and no module preload polyfill (an inline script).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    // Maps for debugging, but no sourceMappingURL in the bundle; headless mode never serves them.
    sourcemap: 'hidden',
  },
});
