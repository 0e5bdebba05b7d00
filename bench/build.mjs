// Builds the benchmark entry points (bench/*.ts and bench/receivers/*.ts) into dist/bench/
// with esbuild, like build/build.mjs builds the app: ESM for Node, npm packages external.
//   node bench/build.mjs
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = (dir) => readdirSync(join(root, dir)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
  .map((name) => join(dir, name));

await build({
  entryPoints: [...entries('bench'), ...entries('bench/receivers')],
  outdir: join(root, 'dist', 'bench'),
  outbase: join(root, 'bench'),
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  // Bundled modules that use __dirname/require (none of ours, but test helpers might).
  banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
});
