/**
 * Owns the accounts: the one object the rest of the core asks about them. It holds three
 * parts with one job each and answers for them:
 * - accountRuntimes.ts: the accounts known while the core runs, their views and changes;
 * - accountEditing.ts: the user's changes (add, edit, pin a certificate, order, remove);
 * - accountConnections.ts: connecting, reconnecting with backoff, disconnecting, and what
 *   plugins report; the one place an account's connection state changes.
 * Here remain the questions about an account and the calls into its connection.
 */
import { remoteConnection, type AccountFieldValue, type ConnectionArgs, type ConnectionMethod, type ConnectionResult, type ConnectionStateEvent, type PluginManifest, type RemoteConnection } from '../../../protocols/api/index.js';
import type { AccountView, PresenceView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { CoreEvents } from '../coreEvents.js';
import type { EventHub } from '../lifecycle/eventHub.js';
import { AccountOfflineError, CoreError } from '../model/coreError.js';
import type { PluginHostState } from '../plugins/pluginHost.js';
import { PluginCallError } from '../plugins/pluginCallError.js';
import type { PluginRegistry } from '../plugins/pluginRegistry.js';
import type { AccountsRepository } from '../store/accountsRepository.js';
import type { SecretStore } from '../secrets/secretStore.js';
import { AccountConnections } from './accountConnections.js';
import { AccountEditing } from './accountEditing.js';
import { AccountRuntimes } from './accountRuntimes.js';

export { TRUSTED_FINGERPRINT_FIELD } from './accountEditing.js';

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
  private readonly runtimes: AccountRuntimes;
  private readonly connections: AccountConnections;
  private readonly editing: AccountEditing;
  private readonly accounts: AccountsRepository;

  constructor(deps: AccountManagerDeps) {
    this.runtimes = new AccountRuntimes(deps.plugins, deps.events);
    for (const account of deps.accounts.list()) this.runtimes.track(account);
    this.connections = new AccountConnections({
      runtimes: this.runtimes, plugins: deps.plugins, secrets: deps.secrets, log: deps.log, dataDirOf: deps.dataDirOf,
      ...(deps.hub ? { hub: deps.hub } : {}), ...(deps.heldOffline ? { heldOffline: deps.heldOffline } : {}),
    });
    this.editing = new AccountEditing({
      accounts: deps.accounts, secrets: deps.secrets, runtimes: this.runtimes, connections: this.connections, events: deps.events,
      dataDirOf: deps.dataDirOf, forgetPluginSecrets: deps.forgetPluginSecrets,
    });
    this.accounts = deps.accounts;
  }

  /** Asks the secret store which secrets each account has (at start-up, before anything is shown). */
  async checkStoredSecrets(): Promise<void> {
    for (const runtime of this.runtimes.all()) await this.connections.storedSecrets(runtime);
  }

  list(): AccountView[] {
    return this.runtimes.all().map((runtime) => this.runtimes.view(runtime));
  }

  /** Connects every enabled account (at start-up). */
  startAll(): void {
    for (const runtime of this.runtimes.all()) {
      if (runtime.account.enabled) void this.connections.connect(runtime);
    }
  }

  // --- the user's changes (accountEditing.ts) ---

  add(pluginId: string, input: Readonly<Record<string, AccountFieldValue>>): Promise<AccountView> {
    return this.editing.add(pluginId, input);
  }

  adoptStored(accountId: string): void {
    this.editing.adoptStored(accountId);
  }

  update(accountId: string, input: Readonly<Record<string, AccountFieldValue>>): Promise<AccountView> {
    return this.editing.update(accountId, input);
  }

  trustCertificate(accountId: string, fingerprint256: string): AccountView {
    return this.editing.trustCertificate(accountId, fingerprint256);
  }

  remove(accountId: string): Promise<void> {
    return this.editing.remove(accountId);
  }

  reorder(accountIds: readonly string[]): void {
    this.editing.reorder(accountIds);
  }

  // --- connections (accountConnections.ts) ---

  /** Connects now (also "reconnect now" while waiting for a retry) and keeps the account enabled. */
  connect(accountId: string): void {
    const runtime = this.runtimes.require(accountId);
    if (this.connections.isHeldOffline(accountId)) {
      throw new CoreError({ kind: 'invalid-request', message: 'Your status is Offline: choose another status (for every account, or for this one) to connect.' });
    }
    if (!runtime.account.enabled) {
      this.accounts.setEnabled(accountId, true);
      runtime.account = { ...runtime.account, enabled: true };
    }
    if (runtime.state === 'online' || runtime.state === 'connecting') return;
    void this.connections.connect(runtime);
  }

  async disconnect(accountId: string): Promise<void> {
    const runtime = this.runtimes.require(accountId);
    this.accounts.setEnabled(accountId, false);
    runtime.account = { ...runtime.account, enabled: false };
    await this.connections.disconnect(runtime);
  }

  /** The user's status changed whether the account is held offline (see AccountConnections.applyHold). */
  async applyHold(accountId: string): Promise<void> {
    const runtime = this.runtimes.get(accountId);
    if (runtime) await this.connections.applyHold(runtime);
  }

  /** Reconnects every enabled account that is waiting to retry, now (network up, resume from sleep). */
  retryAllNow(): void {
    this.connections.retryAllNow();
  }

  /** What a plugin reported about its connection. */
  connectionEvent(accountId: string, event: ConnectionStateEvent): void {
    const runtime = this.runtimes.get(accountId);
    if (runtime) this.connections.connectionEvent(runtime, event);
  }

  /** A plugin worker crashed, restarted or was disabled. */
  pluginStateChanged(pluginId: string, state: PluginHostState): void {
    this.connections.pluginStateChanged(pluginId, state);
  }

  /** A plugin was enabled, restarted or updated (Plugins dialog): its enabled accounts connect again. */
  pluginAvailable(pluginId: string): void {
    for (const runtime of this.runtimes.all()) {
      if (runtime.account.pluginId === pluginId && runtime.account.enabled) void this.connections.connect(runtime);
    }
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.runtimes.all().map((runtime) => this.connections.disconnect(runtime)));
  }

  /**
   * Calls a connection method of an online account, failing clearly when it is not online;
   * `timeoutMs` for long ones (a big download), else the host's default.
   */
  async call<M extends ConnectionMethod>(accountId: string, method: M, args: ConnectionArgs<M>, timeoutMs?: number): Promise<ConnectionResult<M>> {
    const runtime = this.runtimes.require(accountId);
    if (runtime.state !== 'online') throw new AccountOfflineError(`${this.runtimes.view(runtime).label} is not connected.`);
    const plugin = this.runtimes.plugin(runtime.account.pluginId);
    try {
      return await plugin.host.call(accountId, method, args, ...(timeoutMs !== undefined ? [timeoutMs] : []));
    } catch (error) {
      if (error instanceof PluginCallError) throw new CoreError(error.data);
      throw error;
    }
  }

  /** The account's connection as a typed proxy: `connection(id).joinRoom({ room })` is {@link call} with `'joinRoom'`. */
  connection(accountId: string): RemoteConnection {
    return remoteConnection((method, args) => this.call(accountId, method, args));
  }

  // --- questions about an account ---

  /** The capabilities of the account's plugin, or undefined when the plugin is missing. */
  capabilitiesOf(accountId: string): PluginManifest['capabilities'] | undefined {
    const runtime = this.runtimes.get(accountId);
    return runtime ? this.runtimes.manifestOf(runtime)?.capabilities : undefined;
  }

  manifestOf(accountId: string): PluginManifest {
    return this.runtimes.plugin(this.runtimes.require(accountId).account.pluginId).manifest;
  }

  /** The id of the plugin an account runs on, or undefined for no such account. */
  pluginOf(accountId: string): string | undefined {
    return this.runtimes.get(accountId)?.account.pluginId;
  }

  has(accountId: string): boolean {
    return this.runtimes.get(accountId) !== undefined;
  }

  selfId(accountId: string): string | undefined {
    return this.runtimes.get(accountId)?.selfId;
  }

  isOnline(accountId: string): boolean {
    return this.runtimes.get(accountId)?.state === 'online';
  }

  /** What the server allows (upload size…), as the plugin learned it after login. */
  noteLimits(accountId: string, limits: NonNullable<AccountView['limits']>): void {
    const runtime = this.runtimes.get(accountId);
    if (!runtime) return;
    runtime.limits = limits;
    this.runtimes.changed(runtime);
  }

  /** Records the presence the network was last given (the user's status), for the UI. */
  notePresence(accountId: string, presence: PresenceView): void {
    const runtime = this.runtimes.require(accountId);
    runtime.presence = presence;
    this.runtimes.changed(runtime);
  }
}
