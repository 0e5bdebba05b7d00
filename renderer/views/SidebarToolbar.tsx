/**
 * The row under the global status: "Accounts" (the Accounts dialog; it counts the
 * accounts with problems), "Settings", "Plugins" and the desktop-notifications switch.
 */
import { accountsNeedingAttention } from '../state/accountAttention.js';
import { useApp, useAppStore } from './AppContext.js';
import { NotificationToggle } from './NotificationToggle.js';

export function SidebarToolbar() {
  const { stores } = useApp();
  const problems = useAppStore('accounts', (state) => accountsNeedingAttention(state.list).length);
  return (
    <div role="toolbar" aria-label="Buddy list tools" className="sidebar-toolbar">
      <button type="button" aria-haspopup="dialog" aria-describedby={problems > 0 ? 'accounts-problem-count' : undefined}
        onClick={() => stores.ui.setState({ dialog: { kind: 'accounts' } })}>
        Accounts
        {/* The count is the button's description, not its name: the button stays "Accounts". */}
        {problems > 0 ? <span className="badge badge-warn" aria-hidden="true">{problems}<span id="accounts-problem-count" hidden>{problems} with problems</span></span> : null}
      </button>
      <button type="button" aria-haspopup="dialog" onClick={() => stores.ui.setState({ dialog: { kind: 'settings' } })}>Settings</button>
      <button type="button" aria-haspopup="dialog" onClick={() => stores.ui.setState({ dialog: { kind: 'plugins' } })}>Plugins</button>
      <NotificationToggle />
    </div>
  );
}
