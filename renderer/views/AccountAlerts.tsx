/**
 * The buddy list column's only word about accounts: one compact line for each account
 * that is failing or waiting to reconnect, its state and last error in words, with
 * "Reconnect now" and "Edit". Everything else is in the Accounts dialog.
 */
import { memo, useState } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { accountStatusText, accountsNeedingAttention, canReconnectNow } from '../state/accountAttention.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import { useNow } from './useNow.js';
import { useT } from '../i18n/index.js';

export function AccountAlerts() {
  const accounts = useAppStore('accounts', (state) => state.list);
  const t = useT();
  const failing = accountsNeedingAttention(accounts);
  if (failing.length === 0) return null;
  return (
    <ul aria-label={t('alerts.list')} className="account-alerts">
      {failing.map((account) => <AccountAlert key={account.id} account={account} />)}
    </ul>
  );
}

const AccountAlert = memo(function AccountAlert({ account }: { readonly account: AccountView }) {
  const actions = useActions();
  const { stores } = useApp();
  const t = useT();
  const now = useNow(account.state === 'reconnecting' && account.retryAt !== undefined);
  const [error, setError] = useState<string | null>(null);
  const labelId = `account-alert-${account.id}`.replace(/[^\w-]/g, '_');
  const badgeId = badgeDescriptionId(labelId);
  const problem = account.error?.message;
  return (
    <li className={`account-alert state-${account.state}`} aria-labelledby={labelId} aria-describedby={badgeId}>
      <div className="account-alert-line">
        <NetworkBadge accountId={account.id} descriptionId={badgeId} />
        <span id={labelId} className="account-alert-label">{account.label}</span>
        <span className="account-alert-state">{accountStatusText(account, now)}</span>
      </div>
      {problem !== undefined ? <p className="account-alert-error" title={problem}>{problem}</p> : null}
      <div className="account-alert-actions">
        {canReconnectNow(account) ? (
          <button type="button" className="small-button"
            onClick={() => { setError(null); actions.connectAccount(account.id).catch((caught: unknown) => setError(errorMessage(caught))); }}>
            {t('alerts.reconnect')}
          </button>
        ) : null}
        <button type="button" className="small-button" aria-label={t('alerts.editNamed', { name: account.label })}
          onClick={() => stores.ui.setState({ dialog: { kind: 'account', accountId: account.id } })}>
          {t('alerts.edit')}
        </button>
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
});
