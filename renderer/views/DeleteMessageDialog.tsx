/** "Delete message": confirms retracting one of the user's own messages. */
import { useState } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { excerpt } from '../state/messageRules.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';

export function DeleteMessageDialog({ message, onClose }: { readonly message: MessageView; readonly onClose: () => void }) {
  const actions = useActions();
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
    <Dialog title="Delete message" onClose={onClose}>
      <p>Delete this message for everyone? The network may keep a copy, and some clients may have shown it already.</p>
      <blockquote className="reply-quote">{excerpt(message.body, 200)}</blockquote>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="danger" disabled={busy} onClick={confirm}>Delete message</button>
      </div>
    </Dialog>
  );
}
