/**
 * The LAN plugin (examples/lan-messenger) built as its author would build it, outside this
 * repository: its folder copied into a temporary one, the packed `switchboard-plugin-sdk`
 * and its libraries installed there offline from tarballs (`npm pack` of this repository's
 * copies, as the registry would serve them), type-checked with strict settings against the
 * SDK's .d.ts only and bundled into one `index.js` by its own `npm run build`, and packed
 * with `npm pack`. The compiler and esbuild are the author's tools, taken from this repository.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const LAN_SOURCE = join(repoRoot, 'examples', 'lan-messenger');

/** What the plugin needs to compile and bundle, besides the SDK: its libraries and their types. */
const LIBRARIES = [
  'zod', 'multicast-dns', 'dns-packet', 'thunky', '@leichtgewicht/ip-codec', 'ltx',
  '@types/multicast-dns', '@types/dns-packet', '@types/node', 'undici-types',
];

export interface BuiltLanPlugin {
  /** The author's folder: sources, node_modules, the bundled index.js and the harness. */
  readonly dir: string;
  /** `npm pack` of it: what a user installs. */
  readonly tarball: Buffer;
}

async function pack(target: string, into: string, ignoreScripts: boolean): Promise<string> {
  const { stdout } = await run(npm, ['pack', '--json', ...(ignoreScripts ? ['--ignore-scripts'] : []), '--pack-destination', into, target], { timeout: 240_000 });
  const [info] = JSON.parse(stdout) as { filename: string }[];
  if (!info) throw new Error(`npm pack reported no tarball for ${target}`);
  return join(into, info.filename);
}

export async function buildLanPlugin(work: string): Promise<BuiltLanPlugin> {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  // The SDK's prepack script builds it, as `npm publish` would.
  const sdk = await pack(join(repoRoot, 'protocols', 'api'), tarballs, false);
  const libraries = await Promise.all(LIBRARIES.map((name) => pack(join(repoRoot, 'node_modules', name), tarballs, true)));

  const dir = join(work, 'lan-messenger');
  for (const name of ['src', 'tsconfig.json', 'README.md', 'harness.mjs', 'package.json']) cpSync(join(LAN_SOURCE, name), join(dir, name), { recursive: true });
  // The dev tools (typescript, esbuild) are not installed here: they are run from this repository.
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, devDependencies: {} }, null, 2));
  await run(npm, ['install', '--offline', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', sdk, ...libraries], { cwd: dir, timeout: 240_000 });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));

  // The author's own build script (type check, then one bundled index.js), with their tools on the PATH.
  const path = [join(repoRoot, 'node_modules', '.bin'), process.env['PATH'] ?? ''].join(delimiter);
  await run(npm, ['run', 'build'], { cwd: dir, timeout: 240_000, env: { ...process.env, PATH: path } });
  const tarball = readFileSync(await pack(dir, work, true));
  return { dir, tarball };
}
