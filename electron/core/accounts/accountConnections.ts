/**
 * An account's connection: connecting (with its secrets, into its plugin's worker),
 * reconnecting with backoff after a failure the network may recover from, disconnecting,
 * and following what the plugin and its worker report. The one place an account's
 * connection state changes; `account.online` / `account.offline` go out on the core's hub.
 */
import { mkdir } from 'node:fs/promises';
import type { AccountFieldValue, ConnectionStateEvent, ProtocolErrorData } from '../../../protocols/api/index.js';
import type { ConnectionStateView } from '../../bridge/schemas.js';
import type { CoreEvents } from '../coreEvents.js';
import type { EventHub } from '../lifecycle/eventHub.js';
import type { PluginHostState } from '../plugins/pluginHost.js';
import { PluginCallError } from '../plugins/pluginCallError.js';
import type { PluginRegistry } from '../plugins/pluginRegistry.js';
import type { SecretStore } from '../secrets/secretStore.js';
import type { AccountRuntime as Runtime } from './accountRuntime.js';
import type { AccountRuntimes } from './accountRuntimes.js';
import { missingSecretError, readAccountSecrets, secretFieldKeys } from './accountSecrets.js';
import { isRetriable, reconnectDelayMs } from './reconnectPolicy.js';

export interface AccountConnectionsDeps {
  readonly runtimes: AccountRuntimes;
  readonly plugins: PluginRegistry;
  readonly secrets: SecretStore;
  readonly log: (line: string) => void;
  /** The folder an account's plugin may write into. */
  readonly dataDirOf: (accountId: string) => string;
  readonly hub?: EventHub<CoreEvents>;
  /** The user's status keeps this account offline (Offline): it is not connected, though enabled. */
  readonly heldOffline?: (accountId: string) => boolean;
}

export class AccountConnections {
  constructor(private readonly deps: AccountConnectionsDeps) {}

  isHeldOffline(accountId: string): boolean {
    return this.deps.heldOffline?.(accountId) === true;
  }

  async connect(runtime: Runtime): Promise<void> {
    clearTimeout(runtime.timer);
    const generation = ++runtime.generation;
    const plugin = this.deps.plugins.get(runtime.account.pluginId);
    if (!plugin) {
      this.setState(runtime, 'failed', { kind: 'not-supported', message: `The ${runtime.account.pluginId} plugin is not installed.` });
      return;
    }
    if (plugin.host.currentState.kind === 'disabled') {
      this.setState(runtime, 'failed', plugin.host.currentState.error);
      return;
    }
    if (this.isHeldOffline(runtime.account.id)) {
      this.setState(runtime, 'offline');
      return;
    }
    this.setState(runtime, 'connecting');
    try {
      const secrets = await this.storedSecrets(runtime);
      if (generation !== runtime.generation) return;
      const needed = missingSecretError(plugin.manifest.accountFields, secrets);
      if (needed) {
        this.setState(runtime, 'failed', needed);
        return;
      }
      const settings = { ...runtime.account.settings, ...secrets };
      const dataDir = this.deps.dataDirOf(runtime.account.id);
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      if (generation !== runtime.generation) return;
      plugin.host.destroyConnection(runtime.account.id);
      plugin.host.createConnection(runtime.account.id, settings, dataDir);
      await plugin.host.call(runtime.account.id, 'connect', [], 120_000);
      if (generation !== runtime.generation) return;
      runtime.attempt = 0;
      this.setState(runtime, 'online');
    } catch (error) {
      if (generation !== runtime.generation) return;
      this.failed(runtime, error instanceof PluginCallError ? error.data : { kind: 'internal', message: String(error) });
    }
  }

  async disconnect(runtime: Runtime): Promise<void> {
    clearTimeout(runtime.timer);
    runtime.generation++;
    const wasConnected = runtime.state === 'online' || runtime.state === 'connecting';
    runtime.attempt = 0;
    this.setState(runtime, 'offline');
    const plugin = this.deps.plugins.get(runtime.account.pluginId);
    if (!plugin || !wasConnected) return;
    try {
      await plugin.host.call(runtime.account.id, 'disconnect', [], 10_000);
    } catch (error) {
      this.deps.log(`disconnect of ${runtime.account.id} failed: ${String(error)}`);
    }
  }

  /**
   * The user's status changed whether the account is held offline: disconnect it (it stays
   * enabled), or connect it again when it is enabled and was held.
   */
  async applyHold(runtime: Runtime): Promise<void> {
    if (this.isHeldOffline(runtime.account.id)) {
      if (runtime.state !== 'offline') await this.disconnect(runtime);
    } else if (runtime.account.enabled && runtime.state === 'offline') {
      void this.connect(runtime);
    }
  }

  /** Reconnects every enabled account that is waiting to retry, now (network up, resume from sleep). */
  retryAllNow(): void {
    for (const runtime of this.deps.runtimes.all()) {
      if (runtime.account.enabled && runtime.state === 'reconnecting') void this.connect(runtime);
    }
  }

  /** What a plugin reported about its connection. */
  connectionEvent(runtime: Runtime, event: ConnectionStateEvent): void {
    if (event.selfId !== undefined && event.selfId !== runtime.selfId) {
      runtime.selfId = event.selfId;
      this.deps.runtimes.changed(runtime);
    }
    if (runtime.state !== 'online') return; // connect() is in charge until it resolves
    if (event.state === 'failed' || event.state === 'offline') {
      delete runtime.resuming;
      this.failed(runtime, event.error ?? { kind: 'network', message: 'The server closed the connection.' });
    } else if (event.state === 'reconnecting' || event.state === 'connecting') {
      // The plugin resumes by itself (XEP-0198): shown, but the core does not take over.
      runtime.resuming = event.error ?? { kind: 'network', message: 'The connection dropped; resuming the session.' };
      this.deps.runtimes.changed(runtime);
    } else if (runtime.resuming) {
      delete runtime.resuming;
      this.deps.runtimes.changed(runtime);
    }
  }

  /** A plugin worker crashed, restarted or was disabled. */
  pluginStateChanged(pluginId: string, state: PluginHostState): void {
    for (const runtime of this.deps.runtimes.all()) {
      if (runtime.account.pluginId !== pluginId) continue;
      if (state.kind === 'crashed') {
        runtime.generation++;
        this.failed(runtime, state.error, state.restartAt - Date.now() + 500);
      } else if (state.kind === 'disabled') {
        runtime.generation++;
        clearTimeout(runtime.timer);
        this.setState(runtime, 'failed', state.error);
      }
    }
  }

  /** The account's secrets as the store holds them now; notes which are stored for the view. */
  async storedSecrets(runtime: Runtime): Promise<Record<string, AccountFieldValue>> {
    const { account } = runtime;
    const keys = secretFieldKeys(this.deps.runtimes.manifestOf(runtime)?.accountFields, account.secretKeys);
    const secrets = await readAccountSecrets(this.deps.secrets, account.id, keys);
    runtime.secretsStored = Object.keys(secrets);
    return secrets;
  }

  private failed(runtime: Runtime, error: ProtocolErrorData, minimumDelayMs = 0): void {
    clearTimeout(runtime.timer);
    if (!runtime.account.enabled || !isRetriable(error.kind)) {
      this.setState(runtime, 'failed', error);
      return;
    }
    const delay = reconnectDelayMs(runtime.attempt++, Math.random, Math.max(minimumDelayMs, error.retryAfterMs ?? 0));
    runtime.retryAt = Date.now() + delay;
    this.setState(runtime, 'reconnecting', error);
    runtime.timer = setTimeout(() => void this.connect(runtime), delay);
  }

  private setState(runtime: Runtime, state: ConnectionStateView, error?: ProtocolErrorData): void {
    const was = runtime.state;
    runtime.state = state;
    if (error) runtime.error = error;
    else delete runtime.error;
    if (state !== 'reconnecting') delete runtime.retryAt;
    delete runtime.resuming;
    if (state !== 'online') delete runtime.selfId;
    this.deps.runtimes.changed(runtime);
    if (was === 'online' && state !== 'online') this.deps.hub?.emit('account.offline', { accountId: runtime.account.id });
    if (was !== 'online' && state === 'online') this.deps.hub?.emit('account.online', { accountId: runtime.account.id });
  }
}
