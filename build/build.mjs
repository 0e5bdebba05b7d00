// Builds everything the app and headless mode run: the core and plugin worker (ESM, for
// Node), each protocol plugin as its own module, the Electron main and preload (CommonJS;
// the sandboxed preload bundles its dependencies), the renderer (Vite), and the icons
// (build/icons.mjs, from the SVGs in build/icons/).
//   node build/build.mjs            everything
//   node build/build.mjs --no-renderer
import { build as esbuild } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderIcons } from './icons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const withRenderer = !process.argv.includes('--no-renderer');

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };

const plugins = readdirSync(join(root, 'protocols'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'api' && existsSync(join(root, 'protocols', entry.name, 'index.ts')))
  .map((entry) => entry.name);


const jobs = [
  esbuild({ ...node, format: 'esm', entryPoints: { serve: 'electron/core/headless/serve.ts', coreProcess: 'electron/core/process/coreProcessMain.ts', pluginWorker: 'electron/core/plugins/pluginWorker.ts', exportHistory: 'electron/core/history/exportCommand.ts', importHistory: 'electron/core/history/importCommand.ts' }, outdir: join(dist, 'core'), absWorkingDir: root }),
  ...plugins.map((name) => esbuild({ ...node, format: 'esm', entryPoints: [`protocols/${name}/index.ts`], outfile: join(dist, 'plugins', name, 'index.js'), absWorkingDir: root })),
];
if (existsSync(join(root, 'electron/shell/main.ts'))) {
  jobs.push(esbuild({ ...node, format: 'cjs', entryPoints: ['electron/shell/main.ts'], outfile: join(dist, 'electron', 'main.cjs'), external: ['electron'], absWorkingDir: root }));
}
if (existsSync(join(root, 'electron/shell/preload.ts'))) {
  // A sandboxed preload cannot require npm packages: bundle everything but electron.
  jobs.push(esbuild({ ...node, packages: undefined, format: 'cjs', entryPoints: ['electron/shell/preload.ts'], outfile: join(dist, 'electron', 'preload.cjs'), external: ['electron'], absWorkingDir: root }));
}
await Promise.all(jobs);
// Each built-in plugin's manifest beside its entry file, with the entry's size: a profile's
// first start reads it instead of starting every plugin's worker to ask
// (electron/core/plugins/manifestCache.ts).
await Promise.all(plugins.map(async (name) => {
  const [bundled] = (await esbuild({ ...node, format: 'esm', entryPoints: [`protocols/${name}/manifest.ts`], write: false, sourcemap: false, absWorkingDir: root })).outputFiles;
  const probe = join(dist, 'plugins', name, '.manifest-probe.mjs');
  writeFileSync(probe, bundled.text);
  try {
    const { manifest } = await import(pathToFileURL(probe).href);
    const entrySize = statSync(join(dist, 'plugins', name, 'index.js')).size;
    writeFileSync(join(dist, 'plugins', name, 'manifest.json'), `${JSON.stringify({ entrySize, manifest })}\n`);
  } finally {
    rmSync(probe, { force: true });
  }
}));
// Outputs are overwritten in place (a failed build leaves the last good one); only plugin
// folders whose source is gone are removed, since headless mode loads every folder there.
for (const entry of readdirSync(join(dist, 'plugins'), { withFileTypes: true })) {
  if (entry.isDirectory() && !plugins.includes(entry.name)) rmSync(join(dist, 'plugins', entry.name), { recursive: true, force: true });
}

// The tray's images at runtime, and the packages' icons (only when an SVG changed).
renderIcons();

if (withRenderer) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  // The emoji picker's data (frimousse's `emojibaseUrl`, renderer/views/EmojiPicker.tsx), served
  // by the app itself: the CSP allows no other origin. Only the files it and the `:shortcode:`
  // completion read (GitHub's shortcodes, the ones people know), for the languages the UI has.
  for (const file of ['en/data.json', 'en/messages.json', 'en/shortcodes/github.json', 'de/data.json', 'de/messages.json']) {
    cpSync(join(root, 'node_modules', 'emojibase-data', file), join(dist, 'renderer', 'emojibase', file));
  }
}
console.log(`built ${['core', ...plugins.map((p) => `plugin ${p}`), withRenderer ? 'renderer' : ''].filter(Boolean).join(', ')} into dist/`);
