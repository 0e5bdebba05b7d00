/**
 * An account's connection with a stand-in plugin host (a connect that fails as the network
 * would, then works): what the user sees of the account's state, when it retries, and what
 * the rest of the core is told (account.online / account.offline).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProtocolErrorData } from '../../../protocols/api/index.js';
import type { BridgeEvent } from '../../bridge/contract.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import type { CoreEvents } from '../coreEvents.js';
import { EventHub } from '../lifecycle/eventHub.js';
import { PluginCallError } from '../plugins/pluginCallError.js';
import type { PluginRegistry } from '../plugins/pluginRegistry.js';
import type { SecretStore } from '../secrets/secretStore.js';
import { AccountConnections } from './accountConnections.js';
import { AccountRuntimes } from './accountRuntimes.js';

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-connections-'));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A plugin whose connect answers, in turn, with these outcomes (undefined: connected). */
function scene(outcomes: (ProtocolErrorData | undefined)[]) {
  const connects: number[] = [];
  const host = {
    currentState: { kind: 'running' },
    createConnection: () => undefined,
    destroyConnection: () => undefined,
    call: (_accountId: string, method: string) => {
      if (method !== 'connect') return Promise.resolve(undefined);
      connects.push(Date.now());
      const outcome = outcomes.shift();
      return outcome ? Promise.reject(new PluginCallError(outcome)) : Promise.resolve(undefined);
    },
  };
  const manifest = { id: 'fake', name: 'Fake', accountFields: [], capabilities: {} };
  const plugins = { get: (id: string) => (id === 'fake' ? { id, dir: '', manifest, host } : undefined) } as unknown as PluginRegistry;
  const events = new EventBatcher();
  const shown: BridgeEvent[] = [];
  events.subscribe((batch) => shown.push(...batch));
  const hub = new EventHub<CoreEvents>();
  const told: string[] = [];
  hub.on('account.online', ({ accountId }) => told.push(`online ${accountId}`));
  hub.on('account.offline', ({ accountId }) => told.push(`offline ${accountId}`));
  const runtimes = new AccountRuntimes(plugins, events);
  const runtime = runtimes.track({ id: 'a1', pluginId: 'fake', settings: {}, secretKeys: [], enabled: true, createdAt: 0 });
  const secrets: SecretStore = { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() };
  const connections = new AccountConnections({ runtimes, plugins, secrets, log: () => undefined, dataDirOf: () => dataDir, hub });
  const states = (): string[] => {
    events.flush();
    return shown.flatMap((e) => (e.type === 'account.changed' ? [e.payload.account.state] : []));
  };
  return { connections, runtime, connects, told, states };
}

describe('an account\'s connection', () => {
  it('retries a network failure after its backoff, then is online and says so once', async () => {
    const { connections, runtime, connects, told, states } = scene([{ kind: 'network', message: 'Connection refused.' }]);
    await connections.connect(runtime);
    expect(runtime.state).toBe('reconnecting');
    expect(runtime.error?.message).toBe('Connection refused.');
    const retryAt = runtime.retryAt ?? 0;
    // The first step of the backoff is between half a second and a second.
    expect(retryAt - Date.now()).toBeGreaterThanOrEqual(500);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(1000);
    await vi.advanceTimersByTimeAsync(retryAt - Date.now());
    await vi.waitFor(() => { expect(runtime.state).toBe('online'); });
    expect(connects).toHaveLength(2);
    expect(told).toEqual(['online a1']);
    // What the UI was shown (snapshots in one batch collapse into the newest): waiting, then online.
    const shownStates = states();
    expect(shownStates.indexOf('reconnecting')).toBeGreaterThanOrEqual(0);
    expect(shownStates.at(-1)).toBe('online');
  });

  it('does not retry a refused password, and tells the core when an online account drops', async () => {
    const refused = scene([{ kind: 'auth', message: 'Wrong password.' }]);
    await refused.connections.connect(refused.runtime);
    expect(refused.runtime.state).toBe('failed');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(refused.connects).toHaveLength(1);

    const dropped = scene([undefined]);
    await dropped.connections.connect(dropped.runtime);
    dropped.connections.connectionEvent(dropped.runtime, { type: 'connection.state', state: 'offline', error: { kind: 'network', message: 'Connection reset.' } });
    expect(dropped.runtime.state).toBe('reconnecting');
    expect(dropped.told).toEqual(['online a1', 'offline a1']);
  });
});
