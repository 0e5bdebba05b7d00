/**
 * In place of the composer for a room the user is not in (left long ago and opened from a
 * search result, or one that refused the rejoin): its history reads, nothing is sent, and
 * joining again is the user's own choice.
 */
import { useState } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function NotJoinedBar({ conversation }: { readonly conversation: ConversationView }) {
  const actions = useActions();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const join = (): void => {
    setBusy(true);
    setError(null);
    actions.joinRoom(conversation.accountId, conversation.networkId).catch((caught: unknown) => setError(errorMessage(caught)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="composer not-joined">
      <p className="note">{t('notJoined.note')}</p>
      <button type="button" className="small-button" disabled={busy} onClick={join}>{t('notJoined.join')}</button>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
