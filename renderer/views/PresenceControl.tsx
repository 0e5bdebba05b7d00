/** The user's presence on one account: Available / Away / Busy, with an optional status message. */
import { useState } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { PRESENCE_CHOICES, isOwnPresenceStatus, ownPresence, type OwnPresenceStatus } from '../state/presence.js';
import { useActions, useAppStore } from './AppContext.js';

export function PresenceControl({ account }: { readonly account: AccountView }) {
  const actions = useActions();
  const presence = useAppStore('ownPresence', (state) => ownPresence(state, account.id, account.presence));
  const status: OwnPresenceStatus = isOwnPresenceStatus(presence.status) ? presence.status : 'available';
  const [message, setMessage] = useState(presence.message ?? '');
  const [error, setError] = useState<string | null>(null);
  const selectId = `presence-${account.id}`.replace(/[^\w-]/g, '_');

  const apply = (nextStatus: OwnPresenceStatus, nextMessage: string): void => {
    setError(null);
    actions.setPresence(account.id, nextStatus, nextMessage).catch((caught: unknown) => setError(`Presence not changed: ${errorMessage(caught)}`));
  };
  const commitMessage = (): void => {
    if (message.trim() !== (presence.message ?? '')) apply(status, message);
  };

  return (
    <div className="presence-control">
      <select id={selectId} aria-label={`Presence of ${account.label}`} value={status}
        onChange={(event) => { if (isOwnPresenceStatus(event.target.value)) apply(event.target.value, message); }}>
        {PRESENCE_CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
      </select>
      <input type="text" className="presence-message" aria-label={`Status message of ${account.label}`} placeholder="Status message"
        value={message} maxLength={512} onChange={(event) => setMessage(event.target.value)} onBlur={commitMessage}
        onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); commitMessage(); } }} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
