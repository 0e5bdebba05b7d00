/**
 * The row under the global status: "Accounts" (the Accounts dialog; it counts the
 * accounts with problems), "Settings", "Plugins" and the desktop-notifications switch.
 */
import { useT } from '../i18n/index.js';
import { accountsNeedingAttention } from '../state/accountAttention.js';
import { useApp, useAppStore } from './AppContext.js';
import { NotificationToggle } from './NotificationToggle.js';

export function SidebarToolbar() {
  const { stores } = useApp();
  const t = useT();
  const problems = useAppStore('accounts', (state) => accountsNeedingAttention(state.list).length);
  return (
    <div role="toolbar" aria-label={t('toolbar.name')} className="sidebar-toolbar">
      <button type="button" aria-haspopup="dialog" aria-describedby={problems > 0 ? 'accounts-problem-count' : undefined}
        onClick={() => stores.ui.setState({ dialog: { kind: 'accounts' } })}>
        {t('toolbar.accounts')}
        {/* The count is the button's description, not its name: the button stays "Accounts". */}
        {problems > 0 ? <span className="badge badge-warn" aria-hidden="true">{problems}<span id="accounts-problem-count" hidden>{t('toolbar.accountProblems', { count: problems })}</span></span> : null}
      </button>
      <button type="button" aria-haspopup="dialog" onClick={() => stores.ui.setState({ dialog: { kind: 'settings' } })}>{t('toolbar.settings')}</button>
      <button type="button" aria-haspopup="dialog" onClick={() => stores.ui.setState({ dialog: { kind: 'plugins' } })}>{t('toolbar.plugins')}</button>
      <NotificationToggle />
    </div>
  );
}
