/** "Delete message": confirms retracting one of the user's own messages. */
import { useState } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { excerpt } from '../state/messageRules.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

export function DeleteMessageDialog({ message, onClose }: { readonly message: MessageView; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = (): void => {
    setBusy(true);
    setError(null);
    actions.deleteMessage(message).then(onClose, (caught: unknown) => {
      setError(errorMessage(caught));
      setBusy(false);
    });
  };
  return (
    <Dialog title={t('message.deleteTitle')} onClose={onClose}>
      <p>{t('message.deleteQuestion')}</p>
      <blockquote className="reply-quote">{excerpt(message.body, 200)}</blockquote>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="danger" disabled={busy} onClick={confirm}>{t('message.deleteTitle')}</button>
      </div>
    </Dialog>
  );
}
