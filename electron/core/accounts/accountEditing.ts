/**
 * The user's changes to their accounts: add one (its secrets to the secret store, the rest
 * to the database), edit it, pin the certificate it was refused for, put the accounts in
 * order, remove one with everything it left behind. Each change is stored first, then
 * shown, then (where it matters) the account connects again.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { AccountFieldValue } from '../../../protocols/api/index.js';
import type { AccountView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import { CoreError } from '../model/coreError.js';
import type { AccountsRepository, StoredAccount } from '../store/accountsRepository.js';
import { accountSecretKey, type SecretStore } from '../secrets/secretStore.js';
import type { AccountConnections } from './accountConnections.js';
import type { AccountRuntimes } from './accountRuntimes.js';
import { secretFieldKeys } from './accountSecrets.js';
import { validateAccountSettings } from './accountSettings.js';

/** The account field through which plugins accept a pinned certificate. */
export const TRUSTED_FINGERPRINT_FIELD = 'trustedFingerprint';

export interface AccountEditingDeps {
  readonly accounts: AccountsRepository;
  readonly secrets: SecretStore;
  readonly runtimes: AccountRuntimes;
  readonly connections: AccountConnections;
  readonly events: EventBatcher;
  readonly dataDirOf: (accountId: string) => string;
  /** Deletes what the account's plugin stored in the secret store. */
  readonly forgetPluginSecrets: (accountId: string) => Promise<void>;
}

export class AccountEditing {
  constructor(private readonly deps: AccountEditingDeps) {}

  async add(pluginId: string, input: Readonly<Record<string, AccountFieldValue>>): Promise<AccountView> {
    const { runtimes, connections } = this.deps;
    const plugin = runtimes.plugin(pluginId);
    const { settings, secrets } = validateAccountSettings(plugin.manifest.accountFields, input);
    const id = randomUUID();
    for (const [key, value] of Object.entries(secrets)) await this.deps.secrets.set(accountSecretKey(id, key), value);
    const account: StoredAccount = { id, pluginId, settings, secretKeys: Object.keys(secrets), enabled: true, createdAt: Date.now() };
    this.deps.accounts.insert(account);
    const runtime = runtimes.track(account);
    await connections.storedSecrets(runtime);
    runtimes.changed(runtime);
    void connections.connect(runtime);
    return runtimes.view(runtime);
  }

  /** An account another part of the core stored (a history import makes disabled ones): known from now on, and shown. */
  adoptStored(accountId: string): void {
    if (this.deps.runtimes.get(accountId)) return;
    const account = this.deps.accounts.list().find((a) => a.id === accountId);
    if (!account) return;
    this.deps.runtimes.changed(this.deps.runtimes.track(account));
  }

  async update(accountId: string, input: Readonly<Record<string, AccountFieldValue>>): Promise<AccountView> {
    const { runtimes, connections } = this.deps;
    const runtime = runtimes.require(accountId);
    const plugin = runtimes.plugin(runtime.account.pluginId);
    const { settings, secrets } = validateAccountSettings(plugin.manifest.accountFields, input);
    for (const [key, value] of Object.entries(secrets)) await this.deps.secrets.set(accountSecretKey(accountId, key), value);
    const secretKeys = [...new Set([...runtime.account.secretKeys, ...Object.keys(secrets)])];
    this.deps.accounts.saveSettings(accountId, settings, secretKeys);
    this.deps.accounts.setEnabled(accountId, true);
    runtime.account = { ...runtime.account, settings, secretKeys, enabled: true };
    await connections.storedSecrets(runtime);
    await connections.disconnect(runtime);
    void connections.connect(runtime);
    return runtimes.view(runtime);
  }

  /**
   * Pins the certificate the last connection attempt was refused for. Plugins that support
   * pinning declare a text field named {@link TRUSTED_FINGERPRINT_FIELD}; only the
   * fingerprint the account's own certificate error reported can be trusted this way.
   */
  trustCertificate(accountId: string, fingerprint256: string): AccountView {
    const { runtimes } = this.deps;
    const runtime = runtimes.require(accountId);
    const manifest = runtimes.plugin(runtime.account.pluginId).manifest;
    if (!manifest.accountFields.some((field) => field.key === TRUSTED_FINGERPRINT_FIELD && field.kind === 'text')) {
      throw new CoreError({ kind: 'not-supported', message: `${manifest.name} cannot pin a certificate.` });
    }
    if (runtime.error?.kind !== 'certificate' || runtime.error.certificate?.fingerprint256 !== fingerprint256) {
      throw new CoreError({ kind: 'invalid-request', message: 'That is not the certificate this account was refused for; connect again to see the current one.' });
    }
    const settings = { ...runtime.account.settings, [TRUSTED_FINGERPRINT_FIELD]: fingerprint256 };
    this.deps.accounts.saveSettings(accountId, settings, runtime.account.secretKeys);
    runtime.account = { ...runtime.account, settings };
    void this.deps.connections.connect(runtime);
    return runtimes.view(runtime);
  }

  /** Removes the account with its secrets, its plugin's secrets and data folder, and its stored settings. */
  async remove(accountId: string): Promise<void> {
    const { runtimes } = this.deps;
    const runtime = runtimes.require(accountId);
    runtime.account = { ...runtime.account, enabled: false };
    await this.deps.connections.disconnect(runtime);
    runtimes.loaded(runtime.account.pluginId)?.host.destroyConnection(accountId);
    for (const key of secretFieldKeys(runtimes.manifestOf(runtime)?.accountFields, runtime.account.secretKeys)) {
      await this.deps.secrets.delete(accountSecretKey(accountId, key));
    }
    await this.deps.forgetPluginSecrets(accountId);
    await rm(this.deps.dataDirOf(accountId), { recursive: true, force: true });
    this.deps.accounts.remove(accountId);
    runtimes.forget(accountId);
    this.deps.events.emit({ type: 'account.removed', payload: { accountId } });
  }

  /**
   * Puts the accounts in the order the user chose (every account once), stored so that the
   * buddy list, the Accounts dialog and every window list them so after a restart too.
   */
  reorder(accountIds: readonly string[]): void {
    const known = this.deps.runtimes.ids();
    if (accountIds.length !== known.length || new Set(accountIds).size !== known.length || !accountIds.every((id) => known.includes(id))) {
      throw new CoreError({ kind: 'invalid-request', message: 'The new order must name every account once; the accounts changed meanwhile, try again.' });
    }
    this.deps.accounts.setOrder(accountIds);
    this.deps.runtimes.setOrder(accountIds);
    this.deps.events.emit({ type: 'accounts.reordered', payload: { accountIds: [...accountIds] } });
  }
}
