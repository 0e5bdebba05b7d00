/**
 * The message box: Enter sends, Shift+Enter is a new line, `/me` sends an action, `/help`
 * lists the commands and `/name …` runs the plugin's. Above it, the message being replied
 * to or edited; Escape ends that, and Up in an empty box edits the last own message.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { draftOf } from '../state/drafts.js';
import { excerpt } from '../state/messageRules.js';
import { offlineNotice } from '../state/outbox.js';
import { createTypingNotifier } from '../state/typingNotifier.js';
import { useActions, useAppStore } from './AppContext.js';
import { AttachFileButton, FileUploads } from './FileAttach.js';
import { useConversationAccount, useConversationCapabilities } from './useConversation.js';

function useTypingNotifier(conversationId: number) {
  const actions = useActions();
  const notifier = useMemo(() => createTypingNotifier({ send: (state) => actions.setOwnTyping(conversationId, state) }), [actions, conversationId]);
  useEffect(() => () => notifier.dispose(), [notifier]);
  return notifier;
}

export function Composer({ conversationId }: { readonly conversationId: number }) {
  const actions = useActions();
  const draft = useAppStore('drafts', (state) => draftOf(state, conversationId));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const notifier = useTypingNotifier(conversationId);
  const offline = offlineNotice(useConversationAccount(conversationId));
  const canAttach = useConversationCapabilities(conversationId).fileUpload === true;
  const target = draft.target;
  const editing = target?.kind === 'edit';
  const targetKey = target ? `${target.kind}-${target.message.id}` : '';

  // Reply or Edit chosen on a message: the composer takes the focus.
  useEffect(() => {
    if (targetKey !== '') textarea.current?.focus();
  }, [targetKey]);

  const submit = async (): Promise<void> => {
    if (busy || (draft.text.trim() === '' && !editing)) return;
    setBusy(true);
    setError(null);
    notifier.stop();
    const outcome = await actions.submitComposer(conversationId, draft.text);
    setBusy(false);
    if (outcome.status === 'error') setError(outcome.message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && target) {
      event.preventDefault();
      setError(null);
      actions.cancelComposerTarget(conversationId);
    } else if (event.key === 'ArrowUp' && draft.text === '' && !target) {
      if (actions.editLastOwn(conversationId)) event.preventDefault();
    }
  };

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {/* Never a reason not to send: the core keeps what is written in the outbox. */}
      {offline !== null ? <p className="composer-offline" role="status">{offline}</p> : null}
      <FileUploads conversationId={conversationId} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      {target ? (
        <div className="composer-target">
          <span className="composer-target-text">
            {target.kind === 'edit' ? 'Editing your message' : <>Replying to <strong>{target.message.senderName}</strong>: {excerpt(target.message.body, 80)}</>}
          </span>
          <button type="button" className="small-button" onClick={() => { setError(null); actions.cancelComposerTarget(conversationId); }}>
            {target.kind === 'edit' ? 'Cancel editing' : 'Cancel reply'}
          </button>
        </div>
      ) : null}
      <div className="composer-row">
        <textarea ref={textarea} aria-label="Message" rows={2} value={draft.text}
          placeholder={editing ? 'Edit your message; Enter saves, Escape cancels' : 'Write a message; /me for an action, /help for commands'}
          onChange={(event) => { actions.setDraft(conversationId, event.target.value); notifier.input(event.target.value.trim() !== ''); }}
          onKeyDown={onKeyDown} onBlur={() => notifier.stop()} />
        {canAttach ? <AttachFileButton conversationId={conversationId} /> : null}
        <button type="submit" className="primary" disabled={busy || (draft.text.trim() === '' && !editing)}>{editing ? 'Save' : 'Send'}</button>
      </div>
    </form>
  );
}
