/**
 * The Accounts dialog (Pidgin's Accounts window): every account in the user's order with
 * its network, state and last error; add, edit, remove, enable or disable, move up or
 * down (buttons, or Alt+↑ / Alt+↓ on a row), trust a refused certificate, server messages.
 */
import { useActions, useApp, useAppStore } from './AppContext.js';
import { AccountsDialogRow } from './AccountsDialogRow.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

export function AccountsDialog({ onClose }: { readonly onClose: () => void }) {
  const { stores } = useApp();
  const actions = useActions();
  const t = useT();
  const accounts = useAppStore('accounts', (state) => state.list);
  return (
    <Dialog title={t('accounts.title')} onClose={onClose}>
      <div className="accounts-dialog">
        {accounts.length === 0 ? <p className="empty">{t('accounts.none')}</p> : (
          <ul aria-label={t('accounts.list')} className="accounts-table">
            {accounts.map((account, index) => (
              <AccountsDialogRow key={account.id} account={account} first={index === 0} last={index === accounts.length - 1}
                onOpenConsole={() => { actions.openServerConsole(account.id); onClose(); }} />
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'account', returnTo: 'accounts' } })}>{t('accounts.add')}</button>
          <button type="button" className="primary" onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </Dialog>
  );
}
