/**
 * Under one of the user's messages: its status ("Sending… 42 %" with a bar while a file goes
 * out), and for one that has not gone out (queued or failed) Retry and Cancel.
 */
import { useState } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { outgoingStatus } from '../state/messageRules.js';
import { outboxChoices } from '../state/outbox.js';
import { progressPercent, progressText, uploadName, type UploadProgress } from '../state/uploadProgress.js';
import { useActions, useAppStore } from './AppContext.js';
import { MessageStatusText } from './MessageParts.js';
import { useT } from '../i18n/index.js';

export function MessageFoot({ message }: { readonly message: MessageView }) {
  const progress = useAppStore('uploadProgress', (state) => state.byMessage.get(message.id));
  const choices = outboxChoices(message);
  if (outgoingStatus(message) === null && !choices.retry && !choices.cancel) return null;
  const uploading = progress !== undefined && message.direction === 'out' && message.status === 'sending' && message.deleted !== true;
  return (
    <div className="message-foot">
      {uploading ? <UploadProgressText message={message} progress={progress} /> : <MessageStatusText message={message} />}
      <OutboxButtons message={message} />
    </div>
  );
}

/** "Sending… 42 %" and a progress bar while the core reports a file of this message going out. */
function UploadProgressText({ message, progress }: { readonly message: MessageView; readonly progress: UploadProgress }) {
  const percent = progressPercent(progress);
  const t = useT();
  return (
    <span className="upload-progress">
      <span className="message-status muted">{progressText(progress)}</span>
      <progress max={100} value={percent} aria-label={t('message.uploadProgress', { name: uploadName(message) })} />
    </span>
  );
}

export function OutboxButtons({ message }: { readonly message: MessageView }) {
  const actions = useActions();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choices = outboxChoices(message);
  if (!choices.retry && !choices.cancel) return null;
  const run = (what: 'message.notRetried' | 'message.notCancelled', action: (message: MessageView) => Promise<void>): void => {
    setBusy(true);
    setError(null);
    action(message).catch((caught: unknown) => setError(t(what, { error: errorMessage(caught) }))).finally(() => setBusy(false));
  };
  return (
    <div className="outbox-buttons" role="group" aria-label={t('message.unsent')}>
      {choices.retry ? <button type="button" className="small-button" disabled={busy} onClick={() => run('message.notRetried', (item) => actions.retryMessage(item))}>{t('message.retry')}</button> : null}
      {choices.cancel ? <button type="button" className="small-button" disabled={busy} onClick={() => run('message.notCancelled', (item) => actions.cancelMessage(item))}>{t('common.cancel')}</button> : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
