/** The user's choice of desktop notifications (a compact switch in the buddy list's toolbar), and why it cannot be on when the platform blocks them. */
import { useState } from 'react';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function NotificationToggle() {
  const actions = useActions();
  const t = useT();
  const setting = useAppStore('notifications', (state) => state.setting);
  const [busy, setBusy] = useState(false);
  if (setting === 'unsupported') return null;
  const choose = (on: boolean): void => {
    setBusy(true);
    void actions.setDesktopNotifications(on).finally(() => setBusy(false));
  };
  const name = t('notifications.toggleName');
  return (
    <div className="notification-toggle">
      <label title={name}>
        <input type="checkbox" aria-label={name} checked={setting === 'on'} disabled={busy || setting === 'blocked'} onChange={(event) => choose(event.target.checked)} />
        {' '}{t('notifications.toggle')}
      </label>
      {setting === 'blocked' ? (
        <p role="status">{t('notifications.blocked')}</p>
      ) : null}
    </div>
  );
}
