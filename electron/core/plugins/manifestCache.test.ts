import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manifest as ircManifest } from '../../../protocols/irc/manifest.js';
import { ManifestCache, SHIPPED_MANIFEST } from './manifestCache.js';
import { PluginRegistry } from './pluginRegistry.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const manifest = { ...ircManifest, id: 'cached' };

function pluginFolder(): { root: string; dir: string; entry: string } {
  const root = mkdtempSync(join(tmpdir(), 'manifest-cache-'));
  dirs.push(root);
  const dir = join(root, 'cached');
  mkdirSync(dir);
  const entry = join(dir, 'index.js');
  writeFileSync(entry, 'export default {};\n');
  return { root, dir, entry };
}

describe('ManifestCache', () => {
  it('gives back a manifest while the plugin file is unchanged, and nothing once it changed or the file is not JSON', () => {
    const { root, entry } = pluginFolder();
    const file = join(root, 'plugin-manifests.json');
    new ManifestCache(file).set(entry, manifest);
    expect(new ManifestCache(file).get(entry)?.id).toBe('cached');
    appendFileSync(entry, '// changed\n');
    expect(new ManifestCache(file).get(entry)).toBeUndefined();
    writeFileSync(file, 'not json');
    expect(new ManifestCache(file).get(entry)).toBeUndefined();
  });

  it('on a profile\'s first start, takes the manifest the build wrote beside the entry, only while the entry is the size it was built with', () => {
    const { root, dir, entry } = pluginFolder();
    const cache = new ManifestCache(join(root, 'plugin-manifests.json'));
    expect(cache.get(entry)).toBeUndefined();
    writeFileSync(join(dir, SHIPPED_MANIFEST), JSON.stringify({ entrySize: statSync(entry).size, manifest }));
    expect(cache.get(entry)?.id).toBe('cached');
    appendFileSync(entry, '// changed\n');
    expect(cache.get(entry)).toBeUndefined();
    writeFileSync(join(dir, SHIPPED_MANIFEST), JSON.stringify({ entrySize: statSync(entry).size, manifest: { ...manifest, apiVersion: 42 } }));
    expect(cache.get(entry), 'a shipped manifest the schema refuses').toBeUndefined();
  });

  it('lets the registry load a built-in plugin without starting its worker: idle until a connection needs it', async () => {
    const { root, dir, entry } = pluginFolder();
    const cache = new ManifestCache(join(root, 'plugin-manifests.json'));
    cache.set(entry, manifest);
    // A worker that does not exist: only a plugin that is never started loads.
    const registry = new PluginRegistry(join(root, 'no-such-worker.js'), {}, undefined, cache);
    await registry.loadAll([dir], { events: () => undefined, log: () => undefined, pluginStateChanged: () => undefined, storage: () => Promise.resolve(undefined) });
    expect(registry.failures).toEqual([]);
    expect(registry.get('cached')?.host.currentState.kind).toBe('idle');
    await registry.stopAll();
  });
});
