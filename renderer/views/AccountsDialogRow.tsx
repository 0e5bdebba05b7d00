/** One account in the Accounts dialog: what it is, how it is, and everything that can be done to it. */
import { useState, type KeyboardEvent } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { accountStatusText, canReconnectNow } from '../state/accountAttention.js';
import { findPlugin } from '../state/accounts.js';
import { errorMessage } from '../state/actions.js';
import { trustableCertificate } from '../state/certificateTrust.js';
import { offersRecovery } from '../state/recoveryActions.js';
import { offersProfile } from '../state/ownProfile.js';
import { AccountColour } from './AccountColour.js';
import { AccountRecovery } from './AccountRecovery.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import { PresenceControl } from './PresenceControl.js';
import { useNow } from './useNow.js';
import { NotifyRuleMenu } from './NotifyRuleMenu.js';
import { useT } from '../i18n/index.js';

export interface AccountsDialogRowProps {
  readonly account: AccountView;
  readonly first: boolean;
  readonly last: boolean;
  readonly onOpenConsole: () => void;
}

export function AccountsDialogRow({ account, first, last, onOpenConsole }: AccountsDialogRowProps) {
  const actions = useActions();
  const t = useT();
  const { stores } = useApp();
  const plugin = useAppStore('plugins', (state) => findPlugin(state.list, account.pluginId));
  const now = useNow(account.state === 'reconnecting' && account.retryAt !== undefined);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const run = (action: () => Promise<void>): void => {
    setActionError(null);
    action().catch((error: unknown) => setActionError(errorMessage(error)));
  };
  // The box follows the click at once; the core's account.changed then confirms it (a refusal puts it back).
  const [wanted, setWanted] = useState<boolean | null>(null);
  // Once the core's value moved, it is shown again (React's "adjusting state while rendering").
  if (wanted !== null && wanted === account.enabled) setWanted(null);
  const enable = (on: boolean): void => {
    setWanted(on);
    setActionError(null);
    (on ? actions.connectAccount(account.id) : actions.disconnectAccount(account.id)).catch((error: unknown) => {
      setWanted(null);
      setActionError(errorMessage(error));
    });
  };
  const move = (step: number): void => run(() => actions.moveAccount(account.id, step));
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>): void => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(event.key === 'ArrowUp' ? -1 : 1);
  };
  const certificate = account.error?.certificate;
  const trustable = trustableCertificate(account, plugin);
  const labelId = `accounts-row-${account.id}`.replace(/[^\w-]/g, '_');
  const badgeId = badgeDescriptionId(labelId);

  return (
    <li className={`accounts-row state-${account.state}${account.enabled ? '' : ' disabled'}`} aria-labelledby={labelId} aria-describedby={badgeId} onKeyDown={onKeyDown}>
      <div className="accounts-row-head">
        <NetworkBadge accountId={account.id} descriptionId={badgeId} />
        <span id={labelId} className="account-label">{account.label}</span>
        <span className="account-network">{plugin?.name ?? account.pluginId}</span>
        <AccountColour accountId={account.id} label={account.label} />
        <label className="account-enabled">
          <input type="checkbox" checked={wanted ?? account.enabled} onChange={(event) => enable(event.target.checked)} />
          {' '}{t('accountRow.enabled')}
        </label>
      </div>
      <p className="account-state" title={account.resuming?.message}>
        <span className="status-dot" aria-hidden="true" />{accountStatusText(account, now)}
      </p>
      {account.error ? (
        <div className="account-error">
          <p>{account.error.message}</p>
          {certificate ? <p className="certificate">{t('accountRow.fingerprint')} <code>{certificate.fingerprint256}</code></p> : null}
          {trustable ? (
            <button type="button" className="small-button"
              onClick={() => stores.ui.setState({ dialog: { kind: 'trust-certificate', accountId: account.id, certificate: trustable, returnTo: 'accounts' } })}>
              {t('accountRow.trust')}
            </button>
          ) : null}
        </div>
      ) : null}
      {plugin?.capabilities.presence === true && account.state === 'online' ? <PresenceControl account={account} /> : null}
      <NotifyRuleMenu accountId={account.id} name={account.label} />
      {offersRecovery(account, plugin) ? <AccountRecovery account={account} /> : null}
      {actionError !== null ? <p role="alert" className="form-error">{actionError}</p> : null}
      {confirming ? (
        <div className="account-actions confirm">
          <span>{t('accountRow.removeQuestion', { name: account.label })}</span>
          <button type="button" className="danger" onClick={() => { setConfirming(false); run(() => actions.removeAccount(account.id)); }}>{t('accountRow.yesRemove')}</button>
          <button type="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
        </div>
      ) : (
        <div className="account-actions">
          {canReconnectNow(account) ? <button type="button" onClick={() => run(() => actions.connectAccount(account.id))}>{t('alerts.reconnect')}</button> : null}
          {offersProfile(account, plugin) ? (
            <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'own-profile', accountId: account.id, returnTo: 'accounts' } })}>{t('ownProfile.open')}</button>
          ) : null}
          <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'account', accountId: account.id, returnTo: 'accounts' } })}>{t('accountDialog.edit')}</button>
          <button type="button" onClick={onOpenConsole}>{t('accountRow.serverMessages')}</button>
          {/* aria-disabled, not disabled: the button keyed to a row keeps the focus as the row moves to an end. */}
          <button type="button" aria-label={t('accountRow.moveUpNamed', { name: account.label })} title={t('accountRow.moveUpKey')} aria-disabled={first} onClick={() => { if (!first) move(-1); }}>↑</button>
          <button type="button" aria-label={t('accountRow.moveDownNamed', { name: account.label })} title={t('accountRow.moveDownKey')} aria-disabled={last} onClick={() => { if (!last) move(1); }}>↓</button>
          <button type="button" onClick={() => setConfirming(true)}>{t('accountRow.remove')}</button>
        </div>
      )}
    </li>
  );
}
