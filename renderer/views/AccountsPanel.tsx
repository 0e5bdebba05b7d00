/** The left column's account list: state in words, the last error, and what can be done. */
import { useState } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { accountStateText, findPlugin } from '../state/accounts.js';
import { errorMessage } from '../state/actions.js';
import { trustableCertificate } from '../state/certificateTrust.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { NotificationToggle } from './NotificationToggle.js';
import { PresenceControl } from './PresenceControl.js';
import { useNow } from './useNow.js';

export function AccountsPanel() {
  const accounts = useAppStore('accounts', (state) => state.list);
  const { stores } = useApp();
  return (
    <section className="panel" aria-labelledby="accounts-heading">
      <div className="panel-head">
        <h2 id="accounts-heading">Accounts</h2>
        <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'account' } })}>Add account</button>
      </div>
      <ul aria-label="Accounts" className="account-list">
        {accounts.map((account) => <AccountItem key={account.id} account={account} />)}
      </ul>
      {accounts.length === 0 ? <p className="empty">No accounts yet.</p> : null}
      <NotificationToggle />
    </section>
  );
}

function AccountItem({ account }: { readonly account: AccountView }) {
  const actions = useActions();
  const { stores } = useApp();
  const plugin = useAppStore('plugins', (state) => findPlugin(state.list, account.pluginId));
  const pluginName = plugin?.name ?? account.pluginId;
  const counting = account.state === 'reconnecting' && account.retryAt !== undefined;
  const now = useNow(counting);
  const consoleOpen = useAppStore('ui', (state) => state.serverConsole === account.id);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const run = (action: () => Promise<void>): void => {
    setActionError(null);
    action().catch((error: unknown) => setActionError(errorMessage(error)));
  };
  const canConnect = account.state !== 'online' && account.state !== 'connecting';
  const canDisconnect = account.enabled || account.state !== 'offline';
  const certificate = account.error?.certificate;
  const trustable = trustableCertificate(account, plugin);

  return (
    <li className={`account state-${account.state}`}>
      <div className="account-head">
        <span className="status-dot" aria-hidden="true" />
        <span className="account-label">{account.label}</span>
      </div>
      <div className="account-meta">
        <span className="account-state" title={account.resuming?.message}>{accountStateText(account, now)}</span>
        <span className="account-network"> · {pluginName}</span>
      </div>
      {account.error ? (
        <div className="account-error">
          <p>{account.error.message}</p>
          {certificate ? (
            <p className="certificate">SHA-256 fingerprint: <code>{certificate.fingerprint256}</code></p>
          ) : null}
          {trustable ? (
            <button type="button" className="small-button"
              onClick={() => stores.ui.setState({ dialog: { kind: 'trust-certificate', accountId: account.id, certificate: trustable } })}>
              Trust this certificate
            </button>
          ) : null}
        </div>
      ) : null}
      {plugin?.capabilities.presence === true ? <PresenceControl account={account} /> : null}
      {actionError !== null ? <p role="alert" className="form-error">{actionError}</p> : null}
      {confirming ? (
        <div className="account-actions confirm">
          <span>Remove this account and its history?</span>
          <button type="button" className="danger" onClick={() => { setConfirming(false); run(() => actions.removeAccount(account.id)); }}>
            Yes, remove account
          </button>
          <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : (
        <div className="account-actions">
          {canConnect ? <button type="button" onClick={() => run(() => actions.connectAccount(account.id))}>
              {account.state === 'reconnecting' ? 'Reconnect now' : 'Connect'}
            </button> : null}
          {canDisconnect ? <button type="button" onClick={() => run(() => actions.disconnectAccount(account.id))}>Disconnect</button> : null}
          <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'account', accountId: account.id } })}>Edit account</button>
          <button type="button" aria-pressed={consoleOpen} onClick={() => (consoleOpen ? actions.closeServerConsole() : actions.openServerConsole(account.id))}>
            Server messages
          </button>
          <button type="button" onClick={() => setConfirming(true)}>Remove account</button>
        </div>
      )}
    </li>
  );
}
