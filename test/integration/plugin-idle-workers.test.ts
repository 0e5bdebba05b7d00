/**
 * Plugin workers run only while an account needs them: a plugin without an enabled
 * account is stopped once its manifest is read, started by the first connection, and
 * stopped again when the last connection is disconnected or destroyed. Real workers,
 * the loopback fixture plugin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginHostState } from '../../electron/core/plugins/pluginHost.js';
import { PluginRegistry, type LoadedPlugin } from '../../electron/core/plugins/pluginRegistry.js';
import { FIXTURE_PLUGINS } from '../support/inProcessCore.js';
import { repoRoot } from '../support/paths.js';

const IDLE_STOP_MS = 300;

let registry: PluginRegistry | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await registry?.stopAll();
  registry = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function loadLoopback(inUse: boolean): Promise<{ plugin: LoadedPlugin; states: PluginHostState['kind'][]; until: (kind: PluginHostState['kind']) => Promise<void> }> {
  const states: PluginHostState['kind'][] = [];
  const waiters = new Set<() => void>();
  const stored = new Map<string, unknown>();
  registry = new PluginRegistry(join(repoRoot, 'dist', 'core', 'pluginWorker.js'), { idleStopMs: IDLE_STOP_MS });
  await registry.loadAll([join(FIXTURE_PLUGINS, 'loopback')], {
    events: () => undefined,
    log: () => undefined,
    pluginStateChanged: (_id, state) => {
      states.push(state.kind);
      for (const waiter of waiters) waiter();
    },
    storage: (_pluginId, accountId, request) => {
      const key = `${accountId}/${request.area}/${request.key}`;
      if (request.op === 'set') stored.set(key, request.value);
      if (request.op === 'delete') stored.delete(key);
      return Promise.resolve(request.op === 'get' ? stored.get(key) : undefined);
    },
  }, () => inUse);
  const plugin = registry.get('loopback');
  if (!plugin) throw new Error(`loopback not loaded: ${JSON.stringify(registry.failures)}`);
  const until = (kind: PluginHostState['kind']) => new Promise<void>((resolve) => {
    const check = (): void => {
      if (plugin.host.currentState.kind !== kind) return;
      waiters.delete(check);
      resolve();
    };
    waiters.add(check);
    check();
  });
  return { plugin, states, until };
}

describe('plugin workers on demand', () => {
  it('stops the worker of a plugin no account uses once its manifest is read, and starts it for the first connection', async () => {
    const { plugin, states, until } = await loadLoopback(false);
    await until('idle');
    expect(plugin.manifest.name).toBe('Loopback');
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-idle-'));
    plugin.host.createConnection('a1', { name: 'alice' }, dataDir);
    await plugin.host.call('a1', 'connect', []);
    expect(plugin.host.currentState.kind).toBe('running');
    expect(states).toEqual(['starting', 'running', 'idle', 'starting', 'running']);
  });

  it('stops the worker when the last connection disconnects or is destroyed, not while another still needs it', async () => {
    const { plugin, until } = await loadLoopback(true);
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-idle-'));
    plugin.host.createConnection('a1', { name: 'alice' }, dataDir);
    plugin.host.createConnection('a2', { name: 'bob' }, dataDir);
    await plugin.host.call('a1', 'connect', []);
    await plugin.host.call('a2', 'connect', []);
    await plugin.host.call('a1', 'disconnect', []);
    // a2 still needs it: an unrelated call after the idle delay still reaches the worker.
    await new Promise((resolve) => setTimeout(resolve, IDLE_STOP_MS * 2));
    expect(plugin.host.currentState.kind).toBe('running');
    await plugin.host.call('a2', 'disconnect', []);
    await until('idle');
    await expect(plugin.host.call('a2', 'connect', [])).rejects.toThrow(/no connection/);

    plugin.host.createConnection('a2', { name: 'bob' }, dataDir);
    await plugin.host.call('a2', 'connect', []);
    plugin.host.destroyConnection('a2');
    await until('idle');
  });
});
