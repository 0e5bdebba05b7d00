/**
 * The accounts the core knows while it runs, in the user's order: one AccountRuntime each
 * (accountRuntime.ts), looked up by id, with the view the UI is sent and the one place an
 * account's change is announced (`account.changed`).
 */
import type { PluginManifest } from '../../../protocols/api/index.js';
import type { AccountView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import { notFound } from '../model/coreError.js';
import type { LoadedPlugin, PluginRegistry } from '../plugins/pluginRegistry.js';
import type { StoredAccount } from '../store/accountsRepository.js';
import { accountView, type AccountRuntime } from './accountRuntime.js';

export class AccountRuntimes {
  private readonly byId = new Map<string, AccountRuntime>();

  constructor(private readonly plugins: PluginRegistry, private readonly events: EventBatcher) {}

  /** Starts knowing a stored account: offline, nothing tried yet. */
  track(account: StoredAccount): AccountRuntime {
    const runtime: AccountRuntime = { account, secretsStored: [], state: 'offline', attempt: 0, generation: 0 };
    this.byId.set(account.id, runtime);
    return runtime;
  }

  forget(accountId: string): void {
    this.byId.delete(accountId);
  }

  get(accountId: string): AccountRuntime | undefined {
    return this.byId.get(accountId);
  }

  /** The account, or the "no such account" error the UI shows. */
  require(accountId: string): AccountRuntime {
    const runtime = this.byId.get(accountId);
    if (!runtime) throw notFound('There is no such account.');
    return runtime;
  }

  all(): AccountRuntime[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Puts the accounts in this order (the caller checked it names each once). */
  setOrder(accountIds: readonly string[]): void {
    const ordered = accountIds.map((id) => this.require(id));
    this.byId.clear();
    for (const runtime of ordered) this.byId.set(runtime.account.id, runtime);
  }

  /** The loaded plugin, or undefined when it is not loaded. */
  loaded(pluginId: string): LoadedPlugin | undefined {
    return this.plugins.get(pluginId);
  }

  /** The loaded plugin, or the "not installed" error the UI shows. */
  plugin(pluginId: string): LoadedPlugin {
    const plugin = this.plugins.get(pluginId);
    if (!plugin) throw notFound(`The ${pluginId} plugin is not installed.`);
    return plugin;
  }

  /** The manifest of the account's plugin, or undefined when it is not loaded. */
  manifestOf(runtime: AccountRuntime): PluginManifest | undefined {
    return this.loaded(runtime.account.pluginId)?.manifest;
  }

  view(runtime: AccountRuntime): AccountView {
    return accountView(runtime, this.manifestOf(runtime));
  }

  changed(runtime: AccountRuntime): void {
    this.events.emit({ type: 'account.changed', payload: { account: this.view(runtime) } });
  }
}
