/**
 * "Attach file" beside the composer (a hidden file input behind a button; its title says the
 * largest file the account takes), and the files
 * being sent: "Sending <name>…" until the core has stored the message, or why not.
 */
import { useId, useRef, type ChangeEvent } from 'react';
import { uploadLimit, uploadLimitHint, type FileUpload } from '../state/fileUploads.js';
import { useActions, useAppStore } from './AppContext.js';
import { useConversationAccount } from './useConversation.js';
import { useT } from '../i18n/index.js';

const NO_UPLOADS: readonly FileUpload[] = [];

export function AttachFileButton({ conversationId }: { readonly conversationId: number }) {
  const actions = useActions();
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hint = uploadLimitHint(uploadLimit(useConversationAccount(conversationId)));
  const onChange = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = [...(event.target.files ?? [])];
    // Cleared so that picking the same file again is a change too.
    event.target.value = '';
    for (const file of files) void actions.sendFile(conversationId, file);
  };
  return (
    <>
      <input ref={input} id={inputId} type="file" className="visually-hidden" aria-label={t('files.attach')} tabIndex={-1} multiple onChange={onChange} />
      <button type="button" className="attach-button" aria-controls={inputId} title={hint} onClick={() => input.current?.click()}>{t('files.attach')}</button>
    </>
  );
}

export function FileUploads({ conversationId }: { readonly conversationId: number }) {
  const actions = useActions();
  const t = useT();
  const uploads = useAppStore('fileUploads', (state) => state.byConversation.get(conversationId)) ?? NO_UPLOADS;
  if (uploads.length === 0) return null;
  return (
    <ul className="uploads" aria-label={t('files.beingSent')}>
      {uploads.map((upload) => (
        <li key={upload.id} className={`upload ${upload.status}`}>
          {upload.status === 'sending'
            ? <span role="status">{t('files.sending', { name: upload.name })}</span>
            : (
              <>
                <span role="alert" className="form-error">{upload.error}</span>
                <button type="button" className="small-button" onClick={() => actions.dismissUpload(conversationId, upload.id)}>{t('files.dismiss')}</button>
              </>
            )}
        </li>
      ))}
    </ul>
  );
}
