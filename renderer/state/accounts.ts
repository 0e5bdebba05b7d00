/** Accounts and protocol plugins as the core reports them. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountView, ConnectionStateView, PluginView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export interface AccountsState {
  /** In the order the core listed them; new accounts go last. */
  readonly list: readonly AccountView[];
}

export interface PluginsState {
  readonly list: readonly PluginView[];
}

export type AccountEvent =
  | { readonly type: 'account.changed'; readonly payload: { readonly account: AccountView } }
  | { readonly type: 'account.removed'; readonly payload: { readonly accountId: string } }
  | { readonly type: 'accounts.reordered'; readonly payload: { readonly accountIds: readonly string[] } };

export function createAccountsStore(): StoreApi<AccountsState> {
  return createStore<AccountsState>()(() => ({ list: [] }));
}

export function createPluginsStore(): StoreApi<PluginsState> {
  return createStore<PluginsState>()(() => ({ list: [] }));
}

/** Inserts or replaces one account by id, keeping the list order. */
export function upsertAccount(list: readonly AccountView[], account: AccountView): AccountView[] {
  const index = list.findIndex((item) => item.id === account.id);
  if (index === -1) return [...list, account];
  const next = [...list];
  next[index] = account;
  return next;
}

/** Applies a run of account events in order, returning a new state (or the same one if nothing changed). */
export function applyAccountEvents(state: AccountsState, events: readonly AccountEvent[]): AccountsState {
  if (events.length === 0) return state;
  const byId = new Map<string, AccountView>(state.list.map((account) => [account.id, account]));
  for (const event of events) {
    if (event.type === 'account.changed') byId.set(event.payload.account.id, event.payload.account);
    else if (event.type === 'account.removed') byId.delete(event.payload.accountId);
    else {
      const ordered = inOrder([...byId.values()], event.payload.accountIds);
      byId.clear();
      for (const account of ordered) byId.set(account.id, account);
    }
  }
  // Map keeps insertion order: existing accounts keep their place, new ones go last.
  return { list: [...byId.values()] };
}

/** The accounts in the given order; any the order does not name keep their place after those it does. */
export function inOrder(list: readonly AccountView[], accountIds: readonly string[]): AccountView[] {
  const rank = new Map(accountIds.map((id, index) => [id, index]));
  const at = (account: AccountView, index: number): number => rank.get(account.id) ?? accountIds.length + index;
  return list.map((account, index) => ({ account, index })).sort((a, b) => at(a.account, a.index) - at(b.account, b.index)).map(({ account }) => account);
}

/** The ids in order with one moved by `step` places (−1 up, +1 down); the same order at either end. */
export function moveAccount(accountIds: readonly string[], accountId: string, step: number): string[] {
  const from = accountIds.indexOf(accountId);
  const to = from + step;
  if (from === -1 || to < 0 || to >= accountIds.length) return [...accountIds];
  const next = [...accountIds];
  next.splice(from, 1);
  next.splice(to, 0, accountId);
  return next;
}

export function connectionStateWords(state: ConnectionStateView): string {
  return i18n.t(`accountState.${state}`);
}

/** Whole seconds until the next attempt (at least 1 while it is ahead), or null when none is due. */
export function secondsUntilRetry(account: AccountView, now: number): number | null {
  if (account.state !== 'reconnecting' || account.retryAt === undefined) return null;
  const remaining = account.retryAt - now;
  return remaining > 0 ? Math.ceil(remaining / 1000) : null;
}

/** "Online", "Reconnecting in 12 s…", "Online, resuming the session…", "Failed", … */
export function accountStateText(account: AccountView, now: number): string {
  if (account.state === 'online' && account.resuming) return i18n.t('accountState.resuming');
  const seconds = secondsUntilRetry(account, now);
  return seconds === null ? connectionStateWords(account.state) : i18n.t('accountState.reconnectingIn', { seconds });
}

export function findPlugin(plugins: readonly PluginView[], pluginId: string): PluginView | undefined {
  return plugins.find((plugin) => plugin.id === pluginId);
}

/** Accounts whose plugin declares the capability (absent means "no", as in the plugin API). */
export function accountsWithCapability(
  accounts: readonly AccountView[],
  plugins: readonly PluginView[],
  capability: keyof PluginView['capabilities'],
): AccountView[] {
  return accounts.filter((account) => findPlugin(plugins, account.pluginId)?.capabilities[capability] === true);
}
