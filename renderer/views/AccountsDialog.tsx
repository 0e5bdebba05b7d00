/**
 * The Accounts dialog (Pidgin's Accounts window): every account in the user's order with
 * its network, state and last error; add, edit, remove, enable or disable, move up or
 * down (buttons, or Alt+↑ / Alt+↓ on a row), trust a refused certificate, server messages.
 */
import { useActions, useApp, useAppStore } from './AppContext.js';
import { AccountsDialogRow } from './AccountsDialogRow.js';
import { Dialog } from './Dialog.js';

export function AccountsDialog({ onClose }: { readonly onClose: () => void }) {
  const { stores } = useApp();
  const actions = useActions();
  const accounts = useAppStore('accounts', (state) => state.list);
  return (
    <Dialog title="Accounts" onClose={onClose}>
      <div className="accounts-dialog">
        {accounts.length === 0 ? <p className="empty">No accounts yet: add one to connect to a network.</p> : (
          <ul aria-label="Accounts" className="accounts-table">
            {accounts.map((account, index) => (
              <AccountsDialogRow key={account.id} account={account} first={index === 0} last={index === accounts.length - 1}
                onOpenConsole={() => { actions.openServerConsole(account.id); onClose(); }} />
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'account', returnTo: 'accounts' } })}>Add account</button>
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </Dialog>
  );
}
