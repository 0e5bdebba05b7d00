/**
 * An account's own status, instead of the global one (the Status control): "Same as
 * Status" follows it; any other choice overrides it on this account, with a message.
 */
import { useState } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { FOLLOW_GLOBAL, STATUS_CHOICES, isUserStatus } from '../state/globalStatus.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function PresenceControl({ account }: { readonly account: AccountView }) {
  const actions = useActions();
  const t = useT();
  const own = useAppStore('status', (state) => state.view?.overrides[account.id]);
  const hasStatus = useAppStore('status', (state) => state.view !== null);
  const [message, setMessage] = useState(own?.message ?? '');
  const [error, setError] = useState<string | null>(null);
  if (!hasStatus) return null;

  const apply = (value: string, nextMessage: string): void => {
    setError(null);
    const choice = isUserStatus(value) ? { status: value, message: nextMessage } : null;
    actions.setAccountStatus(account.id, choice).catch((caught: unknown) => setError(t('status.notChanged', { error: errorMessage(caught) })));
  };
  const commitMessage = (): void => {
    if (own && message.trim() !== (own.message ?? '')) apply(own.status, message);
  };

  return (
    <div className="presence-control">
      <select aria-label={t('presence.statusOf', { name: account.label })} value={own?.status ?? FOLLOW_GLOBAL}
        onChange={(event) => apply(event.target.value, message)}>
        <option value={FOLLOW_GLOBAL}>{t('presence.sameAsStatus')}</option>
        {STATUS_CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{t(`status.${choice.value}`)}</option>)}
      </select>
      {own ? (
        <input type="text" className="presence-message" aria-label={t('presence.messageOf', { name: account.label })} placeholder={t('status.message')}
          value={message} maxLength={1024} onChange={(event) => setMessage(event.target.value)} onBlur={commitMessage}
          onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); commitMessage(); } }} />
      ) : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
