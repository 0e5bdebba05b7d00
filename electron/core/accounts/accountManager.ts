/**
 * Owns the accounts: their settings (database), their secrets (secret store) and their
 * live connections (in the plugin's worker). It decides when to connect and reconnect and
 * is the one place an account's connection state changes.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import type { AccountFieldValue, ConnectionStateEvent, PluginManifest, ProtocolErrorData } from '../../../protocols/api/index.js';
import type { AccountView, ConnectionStateView, PresenceView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { CoreEvents } from '../coreEvents.js';
import type { EventHub } from '../lifecycle/eventHub.js';
import { notFound, BridgeFault } from '../bridge/bridgeFault.js';
import { AccountOfflineError, CoreError } from '../model/coreError.js';
import type { PluginHostState } from '../plugins/pluginHost.js';
import { PluginCallError } from '../plugins/pluginCallError.js';
import type { LoadedPlugin, PluginRegistry } from '../plugins/pluginRegistry.js';
import type { ConnectionMethod } from '../plugins/workerProtocol.js';
import type { AccountsRepository, StoredAccount } from '../store/accountsRepository.js';
import { accountSecretKey, type SecretStore } from '../secrets/secretStore.js';
import { accountView, type AccountRuntime as Runtime } from './accountRuntime.js';
import { missingSecretError, readAccountSecrets, secretFieldKeys } from './accountSecrets.js';
import { validateAccountSettings } from './accountSettings.js';
import { isRetriable, reconnectDelayMs } from './reconnectPolicy.js';

/** The account field through which plugins accept a pinned certificate. */
export const TRUSTED_FINGERPRINT_FIELD = 'trustedFingerprint';

export interface AccountManagerDeps {
  readonly accounts: AccountsRepository;
  readonly secrets: SecretStore;
  readonly plugins: PluginRegistry;
  readonly events: EventBatcher;
  readonly log: (line: string) => void;
  /** The folder an account's plugin may write into. */
  readonly dataDirOf: (accountId: string) => string;
  /** Deletes what the account's plugin stored in the secret store. */
  readonly forgetPluginSecrets: (accountId: string) => Promise<void>;
  /** Where `account.online` and `account.offline` are told (the reconnect sequence, the outbox, contacts listen). */
  readonly hub?: EventHub<CoreEvents>;
  /** The user's status keeps this account offline (Offline): it is not connected, though enabled. */
  readonly heldOffline?: (accountId: string) => boolean;
}

export class AccountManager {
  private readonly runtimes = new Map<string, Runtime>();

  constructor(private readonly deps: AccountManagerDeps) {
    for (const account of deps.accounts.list()) {
      this.runtimes.set(account.id, { account, secretsStored: [], state: 'offline', attempt: 0, generation: 0 });
    }
  }

  /** Asks the secret store which secrets each account has (at start-up, before anything is shown). */
  async checkStoredSecrets(): Promise<void> {
    for (const runtime of this.runtimes.values()) await this.storedSecrets(runtime);
  }

  list(): AccountView[] {
    return [...this.runtimes.values()].map((runtime) => this.view(runtime));
  }

  /** Connects every enabled account (at start-up). */
  startAll(): void {
    for (const runtime of this.runtimes.values()) {
      if (runtime.account.enabled) void this.connectNow(runtime);
    }
  }

  async add(pluginId: string, input: Readonly<Record<string, AccountFieldValue>>): Promise<AccountView> {
    const plugin = this.plugin(pluginId);
    const { settings, secrets } = validateAccountSettings(plugin.manifest.accountFields, input);
    const id = randomUUID();
    for (const [key, value] of Object.entries(secrets)) await this.deps.secrets.set(accountSecretKey(id, key), value);
    const account: StoredAccount = { id, pluginId, settings, secretKeys: Object.keys(secrets), enabled: true, createdAt: Date.now() };
    this.deps.accounts.insert(account);
    const runtime: Runtime = { account, secretsStored: [], state: 'offline', attempt: 0, generation: 0 };
    this.runtimes.set(id, runtime);
    await this.storedSecrets(runtime);
    this.changed(runtime);
    void this.connectNow(runtime);
    return this.view(runtime);
  }

  /** An account another part of the core stored (a history import makes disabled ones): known from now on, and shown. */
  adoptStored(accountId: string): void {
    if (this.runtimes.has(accountId)) return;
    const account = this.deps.accounts.list().find((a) => a.id === accountId);
    if (!account) return;
    const runtime: Runtime = { account, secretsStored: [], state: 'offline', attempt: 0, generation: 0 };
    this.runtimes.set(accountId, runtime);
    this.changed(runtime);
  }

  async update(accountId: string, input: Readonly<Record<string, AccountFieldValue>>): Promise<AccountView> {
    const runtime = this.runtime(accountId);
    const plugin = this.plugin(runtime.account.pluginId);
    const { settings, secrets } = validateAccountSettings(plugin.manifest.accountFields, input);
    for (const [key, value] of Object.entries(secrets)) await this.deps.secrets.set(accountSecretKey(accountId, key), value);
    const secretKeys = [...new Set([...runtime.account.secretKeys, ...Object.keys(secrets)])];
    this.deps.accounts.saveSettings(accountId, settings, secretKeys);
    this.deps.accounts.setEnabled(accountId, true);
    runtime.account = { ...runtime.account, settings, secretKeys, enabled: true };
    await this.storedSecrets(runtime);
    await this.disconnectConnection(runtime);
    void this.connectNow(runtime);
    return this.view(runtime);
  }

  /**
   * Pins the certificate the last connection attempt was refused for. Plugins that support
   * pinning declare a text field named {@link TRUSTED_FINGERPRINT_FIELD}; only the
   * fingerprint the account's own certificate error reported can be trusted this way.
   */
  trustCertificate(accountId: string, fingerprint256: string): AccountView {
    const runtime = this.runtime(accountId);
    const manifest = this.plugin(runtime.account.pluginId).manifest;
    if (!manifest.accountFields.some((field) => field.key === TRUSTED_FINGERPRINT_FIELD && field.kind === 'text')) {
      throw new BridgeFault({ kind: 'not-supported', message: `${manifest.name} cannot pin a certificate.` });
    }
    if (runtime.error?.kind !== 'certificate' || runtime.error.certificate?.fingerprint256 !== fingerprint256) {
      throw new BridgeFault({ kind: 'invalid-request', message: 'That is not the certificate this account was refused for; connect again to see the current one.' });
    }
    const settings = { ...runtime.account.settings, [TRUSTED_FINGERPRINT_FIELD]: fingerprint256 };
    this.deps.accounts.saveSettings(accountId, settings, runtime.account.secretKeys);
    runtime.account = { ...runtime.account, settings };
    void this.connectNow(runtime);
    return this.view(runtime);
  }

  async remove(accountId: string): Promise<void> {
    const runtime = this.runtime(accountId);
    runtime.account = { ...runtime.account, enabled: false };
    await this.disconnectConnection(runtime);
    this.plugins.get(runtime.account.pluginId)?.host.destroyConnection(accountId);
    for (const key of secretFieldKeys(this.plugins.get(runtime.account.pluginId)?.manifest.accountFields, runtime.account.secretKeys)) {
      await this.deps.secrets.delete(accountSecretKey(accountId, key));
    }
    await this.deps.forgetPluginSecrets(accountId);
    await rm(this.deps.dataDirOf(accountId), { recursive: true, force: true });
    this.deps.accounts.remove(accountId);
    this.runtimes.delete(accountId);
    this.deps.events.emit({ type: 'account.removed', payload: { accountId } });
  }

  /**
   * The user's status changed whether the account is held offline: disconnect it (it stays
   * enabled), or connect it again when it is enabled and was held.
   */
  async applyHold(accountId: string): Promise<void> {
    const runtime = this.runtimes.get(accountId);
    if (!runtime) return;
    if (this.deps.heldOffline?.(accountId) === true) {
      if (runtime.state !== 'offline') await this.disconnectConnection(runtime);
    } else if (runtime.account.enabled && runtime.state === 'offline') {
      void this.connectNow(runtime);
    }
  }

  /**
   * Puts the accounts in the order the user chose (every account once), stored so that the
   * buddy list, the Accounts dialog and every window list them so after a restart too.
   */
  reorder(accountIds: readonly string[]): void {
    const known = [...this.runtimes.keys()];
    if (accountIds.length !== known.length || new Set(accountIds).size !== known.length || !accountIds.every((id) => this.runtimes.has(id))) {
      throw new BridgeFault({ kind: 'invalid-request', message: 'The new order must name every account once; the accounts changed meanwhile, try again.' });
    }
    this.deps.accounts.setOrder(accountIds);
    const runtimes = accountIds.map((id) => [id, this.runtime(id)] as const);
    this.runtimes.clear();
    for (const [id, runtime] of runtimes) this.runtimes.set(id, runtime);
    this.deps.events.emit({ type: 'accounts.reordered', payload: { accountIds: [...accountIds] } });
  }

  /** Connects now (also "reconnect now" while waiting for a retry) and keeps the account enabled. */
  connect(accountId: string): void {
    const runtime = this.runtime(accountId);
    if (this.deps.heldOffline?.(accountId) === true) {
      throw new BridgeFault({ kind: 'invalid-request', message: 'Your status is Offline: choose another status (for every account, or for this one) to connect.' });
    }
    if (!runtime.account.enabled) {
      this.deps.accounts.setEnabled(accountId, true);
      runtime.account = { ...runtime.account, enabled: true };
    }
    if (runtime.state === 'online' || runtime.state === 'connecting') return;
    void this.connectNow(runtime);
  }

  async disconnect(accountId: string): Promise<void> {
    const runtime = this.runtime(accountId);
    this.deps.accounts.setEnabled(accountId, false);
    runtime.account = { ...runtime.account, enabled: false };
    await this.disconnectConnection(runtime);
  }

  /**
   * Calls a connection method of an online account, failing clearly when it is not online;
   * `timeoutMs` for long ones (a big download), else the host's default.
   */
  async call(accountId: string, method: ConnectionMethod, args: readonly unknown[], timeoutMs?: number): Promise<unknown> {
    const runtime = this.runtime(accountId);
    if (runtime.state !== 'online') throw new AccountOfflineError(`${this.view(runtime).label} is not connected.`);
    const plugin = this.plugin(runtime.account.pluginId);
    try {
      return await plugin.host.call(accountId, method, args, ...(timeoutMs !== undefined ? [timeoutMs] : []));
    } catch (error) {
      if (error instanceof PluginCallError) throw new CoreError(error.data);
      throw error;
    }
  }

  /** The capabilities of the account's plugin, or undefined when the plugin is missing. */
  capabilitiesOf(accountId: string): PluginManifest['capabilities'] | undefined {
    const runtime = this.runtimes.get(accountId);
    return runtime ? this.plugins.get(runtime.account.pluginId)?.manifest.capabilities : undefined;
  }

  manifestOf(accountId: string): PluginManifest {
    return this.plugin(this.runtime(accountId).account.pluginId).manifest;
  }

  /** The id of the plugin an account runs on, or undefined for no such account. */
  pluginOf(accountId: string): string | undefined {
    return this.runtimes.get(accountId)?.account.pluginId;
  }

  has(accountId: string): boolean {
    return this.runtimes.has(accountId);
  }

  selfId(accountId: string): string | undefined {
    return this.runtimes.get(accountId)?.selfId;
  }

  /** What a plugin reported about its connection. */
  connectionEvent(accountId: string, event: ConnectionStateEvent): void {
    const runtime = this.runtimes.get(accountId);
    if (!runtime) return;
    if (event.selfId !== undefined && event.selfId !== runtime.selfId) {
      runtime.selfId = event.selfId;
      this.changed(runtime);
    }
    if (runtime.state !== 'online') return; // connect() is in charge until it resolves
    if (event.state === 'failed' || event.state === 'offline') {
      delete runtime.resuming;
      this.failed(runtime, event.error ?? { kind: 'network', message: 'The server closed the connection.' });
    } else if (event.state === 'reconnecting' || event.state === 'connecting') {
      // The plugin resumes by itself (XEP-0198): shown, but the core does not take over.
      runtime.resuming = event.error ?? { kind: 'network', message: 'The connection dropped; resuming the session.' };
      this.changed(runtime);
    } else if (runtime.resuming) {
      delete runtime.resuming;
      this.changed(runtime);
    }
  }

  /** A plugin worker crashed, restarted or was disabled. */
  pluginStateChanged(pluginId: string, state: PluginHostState): void {
    for (const runtime of this.runtimes.values()) {
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

  /** A plugin was enabled, restarted or updated (Plugins dialog): its enabled accounts connect again. */
  pluginAvailable(pluginId: string): void {
    for (const runtime of this.runtimes.values()) {
      if (runtime.account.pluginId === pluginId && runtime.account.enabled) void this.connectNow(runtime);
    }
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((runtime) => this.disconnectConnection(runtime)));
  }

  private async connectNow(runtime: Runtime): Promise<void> {
    clearTimeout(runtime.timer);
    const generation = ++runtime.generation;
    const plugin = this.plugins.get(runtime.account.pluginId);
    if (!plugin) {
      this.setState(runtime, 'failed', { kind: 'not-supported', message: `The ${runtime.account.pluginId} plugin is not installed.` });
      return;
    }
    if (plugin.host.currentState.kind === 'disabled') {
      this.setState(runtime, 'failed', plugin.host.currentState.error);
      return;
    }
    if (this.deps.heldOffline?.(runtime.account.id) === true) {
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

  private failed(runtime: Runtime, error: ProtocolErrorData, minimumDelayMs = 0): void {
    clearTimeout(runtime.timer);
    if (!runtime.account.enabled || !isRetriable(error.kind)) {
      this.setState(runtime, 'failed', error);
      return;
    }
    const delay = reconnectDelayMs(runtime.attempt++, Math.random, Math.max(minimumDelayMs, error.retryAfterMs ?? 0));
    runtime.retryAt = Date.now() + delay;
    this.setState(runtime, 'reconnecting', error);
    runtime.timer = setTimeout(() => void this.connectNow(runtime), delay);
  }

  private async disconnectConnection(runtime: Runtime): Promise<void> {
    clearTimeout(runtime.timer);
    runtime.generation++;
    const wasConnected = runtime.state === 'online' || runtime.state === 'connecting';
    runtime.attempt = 0;
    this.setState(runtime, 'offline');
    const plugin = this.plugins.get(runtime.account.pluginId);
    if (!plugin || !wasConnected) return;
    try {
      await plugin.host.call(runtime.account.id, 'disconnect', [], 10_000);
    } catch (error) {
      this.deps.log(`disconnect of ${runtime.account.id} failed: ${String(error)}`);
    }
  }

  /** The account's secrets as the store holds them now; notes which are stored for the view. */
  private async storedSecrets(runtime: Runtime): Promise<Record<string, AccountFieldValue>> {
    const { account } = runtime;
    const keys = secretFieldKeys(this.plugins.get(account.pluginId)?.manifest.accountFields, account.secretKeys);
    const secrets = await readAccountSecrets(this.deps.secrets, account.id, keys);
    runtime.secretsStored = Object.keys(secrets);
    return secrets;
  }

  private setState(runtime: Runtime, state: ConnectionStateView, error?: ProtocolErrorData): void {
    const was = runtime.state;
    runtime.state = state;
    if (error) runtime.error = error;
    else delete runtime.error;
    if (state !== 'reconnecting') delete runtime.retryAt;
    delete runtime.resuming;
    if (state !== 'online') delete runtime.selfId;
    this.changed(runtime);
    if (was === 'online' && state !== 'online') this.deps.hub?.emit('account.offline', { accountId: runtime.account.id });
    if (was !== 'online' && state === 'online') this.deps.hub?.emit('account.online', { accountId: runtime.account.id });
  }

  /** What the server allows (upload size…), as the plugin learned it after login. */
  noteLimits(accountId: string, limits: NonNullable<AccountView['limits']>): void {
    const runtime = this.runtimes.get(accountId);
    if (!runtime) return;
    runtime.limits = limits;
    this.changed(runtime);
  }

  /** Records the presence the network was last given (the user's status), for the UI. */
  notePresence(accountId: string, presence: PresenceView): void {
    const runtime = this.runtime(accountId);
    runtime.presence = presence;
    this.changed(runtime);
  }

  isOnline(accountId: string): boolean {
    return this.runtimes.get(accountId)?.state === 'online';
  }

  /** Reconnects every enabled account that is waiting to retry, now (network up, resume from sleep). */
  retryAllNow(): void {
    for (const runtime of this.runtimes.values()) {
      if (runtime.account.enabled && runtime.state === 'reconnecting') void this.connectNow(runtime);
    }
  }

  private changed(runtime: Runtime): void {
    this.deps.events.emit({ type: 'account.changed', payload: { account: this.view(runtime) } });
  }

  private view(runtime: Runtime): AccountView {
    return accountView(runtime, this.plugins.get(runtime.account.pluginId)?.manifest);
  }

  private runtime(accountId: string): Runtime {
    const runtime = this.runtimes.get(accountId);
    if (!runtime) throw notFound('There is no such account.');
    return runtime;
  }

  private plugin(pluginId: string): LoadedPlugin {
    const plugin = this.plugins.get(pluginId);
    if (!plugin) throw notFound(`The ${pluginId} plugin is not installed.`);
    return plugin;
  }

  private get plugins(): PluginRegistry {
    return this.deps.plugins;
  }
}
