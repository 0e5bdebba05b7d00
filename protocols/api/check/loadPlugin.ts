/** Loading a plugin folder and a harness module the way the core and the kit's command do. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProtocolPlugin } from '../plugin.js';
import type { ConformanceHarness } from './harness.js';

/** The entry module of a plugin folder: its package.json `main`, else index.js or index.mjs (as the core looks for it). */
export function pluginEntryOf(folder: string): string | undefined {
  const manifestFile = join(folder, 'package.json');
  if (existsSync(manifestFile)) {
    const main: unknown = Reflect.get(JSON.parse(readFileSync(manifestFile, 'utf8')) as object, 'main');
    if (typeof main === 'string' && existsSync(join(folder, main))) return resolve(folder, main);
  }
  return ['index.js', 'index.mjs'].map((name) => resolve(folder, name)).find((file) => existsSync(file));
}

function isPlugin(value: unknown): value is ProtocolPlugin {
  if (typeof value !== 'object' || value === null) return false;
  return typeof Reflect.get(value, 'manifest') === 'object' && typeof Reflect.get(value, 'createConnection') === 'function';
}

function isHarness(value: unknown): value is ConformanceHarness {
  if (typeof value !== 'object' || value === null) return false;
  return typeof Reflect.get(value, 'name') === 'string' && typeof Reflect.get(value, 'startServer') === 'function'
    && typeof Reflect.get(value, 'serverProvidesMessageIds') === 'boolean';
}

async function defaultExport(file: string): Promise<unknown> {
  const module: unknown = await import(pathToFileURL(resolve(file)).href);
  return typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : undefined;
}

export async function loadPlugin(folder: string): Promise<ProtocolPlugin> {
  const entry = pluginEntryOf(folder);
  if (!entry) throw new Error(`${folder} holds no plugin: no package.json "main", index.js or index.mjs.`);
  const plugin = await defaultExport(entry);
  if (!isPlugin(plugin)) throw new Error(`${entry} has no default export with a manifest and createConnection (use definePlugin).`);
  return plugin;
}

export async function loadHarness(file: string): Promise<ConformanceHarness> {
  const harness = await defaultExport(file);
  if (!isHarness(harness)) throw new Error(`${file} has no default export with name, startServer() and serverProvidesMessageIds (use defineHarness).`);
  return harness;
}
