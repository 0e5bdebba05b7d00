/**
 * Which accounts the buddy list's column mentions (the rest live in the Accounts dialog),
 * and how an account's state reads there: only one that is failing or waiting to
 * reconnect needs the user; a disabled one is off by choice.
 */
import type { AccountView } from '../../electron/bridge/schemas.js';
import { accountStateText } from './accounts.js';
import { i18n } from '../i18n/index.js';

export function needsAttention(account: AccountView): boolean {
  return account.state === 'failed' || account.state === 'reconnecting';
}

export function accountsNeedingAttention(accounts: readonly AccountView[]): AccountView[] {
  return accounts.filter(needsAttention);
}

/** "Disabled" for an account switched off by the user, else its connection state in words. */
export function accountStatusText(account: AccountView, now: number): string {
  if (!account.enabled && account.state === 'offline') return i18n.t('accountState.disabled');
  return accountStateText(account, now);
}

/** "Reconnect now" is offered while an enabled account is failing or waiting for its next attempt. */
export function canReconnectNow(account: AccountView): boolean {
  return account.enabled && needsAttention(account);
}
