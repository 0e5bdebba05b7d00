/**
 * The message box: Enter sends, Shift+Enter is a new line (the box grows with its lines),
 * `/me` sends an action, `/help` lists the commands and `/name …` runs the plugin's;
 * *bold*, _italic_, `code`, quotes and links are sent formatted (protocols/api/markup.ts).
 * Above it, the message being replied to or edited; Escape ends that, and Up in an empty
 * box edits the last own message. "Emoji" opens the picker; `:sho` completes emoji and Tab
 * names (useComposerCompletion.ts); a pasted or dropped file waits for "Send file".
 */
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type SyntheticEvent } from 'react';
import { draftOf } from '../state/drafts.js';
import { excerpt } from '../state/messageRules.js';
import { offlineNotice } from '../state/outbox.js';
import { createTypingNotifier } from '../state/typingNotifier.js';
import { useActions, useAppStore } from './AppContext.js';
import { EmojiPicker } from './EmojiPicker.js';
import { AttachFileButton, FileUploads } from './FileAttach.js';
import { PendingFiles } from './PendingFiles.js';
import { useComposerCompletion } from './useComposerCompletion.js';
import { useConversationAccount, useConversationCapabilities } from './useConversation.js';
import { useT } from '../i18n/index.js';
import { PART, splitAround } from '../i18n/splitAround.js';

function useTypingNotifier(conversationId: number) {
  const actions = useActions();
  const notifier = useMemo(() => createTypingNotifier({ send: (state) => actions.setOwnTyping(conversationId, state) }), [actions, conversationId]);
  useEffect(() => () => notifier.dispose(), [notifier]);
  return notifier;
}

/** "Replying to <name>: excerpt", the name in bold wherever the language puts it (splitAround). */
function ReplyingTo({ name, excerpt: text }: { readonly name: string; readonly excerpt: string }) {
  const t = useT();
  const [before, after] = splitAround(t('composer.replyingTo', { name: PART, excerpt: text }));
  return <>{before}<strong>{name}</strong>{after}</>;
}

export function Composer({ conversationId }: { readonly conversationId: number }) {
  const actions = useActions();
  const t = useT();
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
  const [pickingEmoji, setPickingEmoji] = useState(false);
  const [pending, setPending] = useState<readonly File[]>([]);
  const setText = (text: string): void => actions.setDraft(conversationId, text);
  const completion = useComposerCompletion(conversationId, textarea, draft.text, setText);

  const insertEmoji = (emoji: string): void => {
    const element = textarea.current;
    const start = element?.selectionStart ?? draft.text.length;
    const end = element?.selectionEnd ?? start;
    setText(draft.text.slice(0, start) + emoji + draft.text.slice(end));
    setPickingEmoji(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const takeFiles = (files: readonly File[]): boolean => {
    if (files.length === 0) return false;
    if (!canAttach) setError(t('composer.noFiles'));
    else setPending((current) => [...current, ...files]);
    return true;
  };
  const sendPending = (): void => {
    for (const file of pending) void actions.sendFile(conversationId, file);
    setPending([]);
    textarea.current?.focus();
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    if (takeFiles([...event.clipboardData.files])) event.preventDefault();
  };
  const onDragOver = (event: DragEvent<HTMLFormElement>): void => {
    if (event.dataTransfer.types.includes('Files')) event.preventDefault();
  };
  const onDrop = (event: DragEvent<HTMLFormElement>): void => {
    if (takeFiles([...event.dataTransfer.files])) event.preventDefault();
  };

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
    if (completion.onKeyDown(event)) {
      event.preventDefault();
    } else if (event.key === 'Enter' && !event.shiftKey) {
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
    <form className="composer" onSubmit={onSubmit} onDragOver={onDragOver} onDrop={onDrop}>
      {/* Never a reason not to send: the core keeps what is written in the outbox. */}
      {offline !== null ? <p className="composer-offline" role="status">{offline}</p> : null}
      <FileUploads conversationId={conversationId} />
      <PendingFiles files={pending} onSend={sendPending} onCancel={() => { setPending([]); textarea.current?.focus(); }} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      {target ? (
        <div className="composer-target">
          <span className="composer-target-text">
            {target.kind === 'edit' ? t('composer.editing') : <ReplyingTo name={target.message.senderName} excerpt={excerpt(target.message.body, 80)} />}
          </span>
          <button type="button" className="small-button" onClick={() => { setError(null); actions.cancelComposerTarget(conversationId); }}>
            {target.kind === 'edit' ? t('composer.cancelEditing') : t('composer.cancelReply')}
          </button>
        </div>
      ) : null}
      {pickingEmoji ? <EmojiPicker label={t('composer.emoji')} onPick={insertEmoji} onClose={() => { setPickingEmoji(false); textarea.current?.focus(); }} /> : null}
      {completion.suggestions.length > 0 ? (
        <ul id={completion.listId} className="emoji-completion" role="listbox" aria-label={t('composer.emojiSuggestions')}>
          {completion.suggestions.map((entry, index) => (
            <li key={entry.shortcode} id={`${completion.listId}-${index}`} role="option" aria-selected={index === completion.active}
              onMouseDown={(event) => { event.preventDefault(); completion.choose(entry); }}>
              <span className="emoji-glyph">{entry.emoji}</span> :{entry.shortcode}:
            </li>
          ))}
        </ul>
      ) : null}
      <div className="composer-row">
        <textarea ref={textarea} aria-label={t('composer.message')} rows={1} value={draft.text}
          placeholder={editing ? t('composer.editPlaceholder') : t('composer.writePlaceholder')}
          aria-autocomplete="list"
          aria-controls={completion.suggestions.length > 0 ? completion.listId : undefined}
          aria-activedescendant={completion.suggestions.length > 0 ? `${completion.listId}-${completion.active}` : undefined}
          onChange={(event) => {
            const value = event.target.value;
            const replaced = completion.onInput(value, event.target.selectionStart);
            actions.setDraft(conversationId, replaced ?? value);
            notifier.input(value.trim() !== '');
          }}
          onKeyDown={onKeyDown} onPaste={onPaste} onBlur={() => notifier.stop()} />
        <button type="button" className="emoji-toggle" aria-expanded={pickingEmoji} onClick={() => setPickingEmoji((open) => !open)}>{t('composer.emoji')}</button>
        {canAttach ? <AttachFileButton conversationId={conversationId} /> : null}
        <button type="submit" className="primary" disabled={busy || (draft.text.trim() === '' && !editing)}>{editing ? t('composer.save') : t('composer.send')}</button>
      </div>
    </form>
  );
}
