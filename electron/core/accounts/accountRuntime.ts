/**
 * What the account manager knows of one account while the core runs (settings, connection
 * state, the last error, what the user set), and the view of it the UI is sent.
 */
import type { PluginManifest, ProtocolErrorData } from '../../../protocols/api/index.js';
import type { AccountView, ConnectionStateView, PresenceView } from '../../bridge/schemas.js';
import type { StoredAccount } from '../store/accountsRepository.js';

export interface AccountRuntime {
  account: StoredAccount;
  /** The secret fields the secret store held when last asked (not what the database remembers). */
  secretsStored: readonly string[];
  state: ConnectionStateView;
  error?: ProtocolErrorData;
  retryAt?: number;
  /** The plugin is resuming its session by itself while the account stays online. */
  resuming?: ProtocolErrorData;
  selfId?: string;
  /** The presence the network was last given for the user's status. */
  presence?: PresenceView;
  limits?: AccountView['limits'];
  attempt: number;
  /** Bumped on every connect/disconnect so that a stale attempt's outcome is ignored. */
  generation: number;
  timer?: NodeJS.Timeout;
}

/** The account as the UI shows it; `manifest` undefined when its plugin is not loaded. */
export function accountView(runtime: AccountRuntime, manifest: PluginManifest | undefined): AccountView {
  return {
    id: runtime.account.id,
    pluginId: runtime.account.pluginId,
    label: accountLabel(runtime, manifest),
    settings: { ...runtime.account.settings },
    secretsStored: [...runtime.secretsStored],
    enabled: runtime.account.enabled,
    state: runtime.state,
    ...(runtime.error ? { error: runtime.error } : {}),
    ...(runtime.retryAt !== undefined ? { retryAt: runtime.retryAt } : {}),
    ...(runtime.resuming ? { resuming: runtime.resuming } : {}),
    ...(runtime.selfId !== undefined ? { selfId: runtime.selfId } : {}),
    ...(runtime.presence !== undefined ? { presence: runtime.presence } : {}),
    ...(runtime.limits !== undefined ? { limits: runtime.limits } : {}),
  };
}

/** "alice (IRC)": the plugin's label field and name. */
function accountLabel(runtime: AccountRuntime, manifest: PluginManifest | undefined): string {
  const name = manifest?.name ?? runtime.account.pluginId;
  const labelValue = manifest ? runtime.account.settings[manifest.accountLabelField] : undefined;
  return labelValue === undefined ? name : `${String(labelValue)} (${name})`;
}
