/**
 * A thread beside the log (Matrix `m.thread`): its first message, the replies in it, and a
 * box to reply in it. The replies are the thread's stored ones (`messages.thread`) and those
 * arriving while it is open; reading them tells the network how far the user read the
 * thread (`conversations.markRead` with `threadRoot`: a threaded receipt).
 */
import { useEffect, useMemo, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { useT } from '../i18n/index.js';
import { errorMessage } from '../state/actionContext.js';
import { messageLabel } from '../state/messageLabel.js';
import { threadReplies } from '../state/threads.js';
import { useActions, useAppStore } from './AppContext.js';
import { Attachments, MessageBody } from './MessageParts.js';
import { IsolatedText } from './VisibleText.js';
import { useTimeFormats } from './useTimeFormats.js';

/** How many of a thread's newest messages the panel loads. */
const THREAD_PAGE = 200;
const NO_MESSAGES: readonly MessageView[] = [];

/** Under a message of the log: its thread's replies ("3 replies"), or a way to begin one. */
export function ThreadButton({ message, replies, onOpen }: { readonly message: MessageView; readonly replies: number; readonly onOpen: (message: MessageView) => void }) {
  const t = useT();
  return (
    <button type="button" className={replies > 0 ? 'small-button thread-summary' : 'small-button thread-start'}
      title={t('thread.open', { name: message.senderName })} onClick={() => onOpen(message)}>
      {replies > 0 ? t('thread.replies', { count: replies }) : t('thread.start')}
    </button>
  );
}

function ThreadMessage({ message }: { readonly message: MessageView }) {
  const formats = useTimeFormats();
  const time = new Date(message.timestamp);
  return (
    <div role="listitem" className={`message kind-${message.kind} ${message.direction === 'out' ? 'outgoing' : 'incoming'}`}
      aria-label={messageLabel(message, formats.time(time))}>
      <time className="message-time" dateTime={time.toISOString()}>{formats.time(time)}</time>
      <span className="message-sender"><IsolatedText text={message.senderName} /></span>
      <MessageBody message={message} />
      <Attachments message={message} />
    </div>
  );
}

export function ThreadPanel({ root, onClose }: { readonly root: MessageView; readonly onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const rootId = root.networkId ?? '';
  const live = useAppStore('messages', (state) => state.byConversation.get(root.conversationId)?.items) ?? NO_MESSAGES;
  const [fetched, setFetched] = useState<readonly MessageView[]>(NO_MESSAGES);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const replies = useMemo(() => threadReplies(rootId, fetched, live), [rootId, fetched, live]);
  const newest = replies[replies.length - 1]?.id;

  useEffect(() => {
    // Keyed by its root (ConversationPanel): a panel loads one thread only.
    let current = true;
    actions.loadThread(root.conversationId, root.id, THREAD_PAGE)
      .then((page) => { if (current) setFetched(page); })
      .catch((caught: unknown) => { if (current) setError(t('thread.failed', { error: errorMessage(caught) })); });
    return () => { current = false; };
  }, [actions, root.conversationId, root.id, t]);

  // Shown means read: the thread's receipt follows its newest reply.
  useEffect(() => {
    if (newest === undefined) return;
    actions.markThreadRead(root.conversationId, root.id);
  }, [actions, root.conversationId, root.id, newest]);

  const send = async (): Promise<void> => {
    const outcome = await actions.sendInThread(root.conversationId, root.id, text);
    if (outcome.status === 'error') setSendError(outcome.message);
    else {
      setSendError(null);
      setText('');
    }
  };
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape') {
      onClose();
    }
  };

  return (
    <aside className="thread-panel" aria-label={t('thread.panel')}>
      <header className="thread-head">
        <h2>{t('thread.panel')}</h2>
        <button type="button" className="small-button" onClick={onClose}>{t('thread.close')}</button>
      </header>
      <div className="thread-root"><ThreadMessage message={root} /></div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      {replies.length > 0 ? (
        <div role="list" className="thread-replies" aria-label={t('thread.list')}>
          {replies.map((message) => <ThreadMessage key={message.id} message={message} />)}
        </div>
      ) : <p className="thread-empty">{t('thread.none')}</p>}
      <form className="thread-composer" onSubmit={onSubmit}>
        <textarea aria-label={t('thread.compose')} rows={2} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} />
        <button type="submit" disabled={text.trim() === ''}>{t('thread.send')}</button>
      </form>
      {sendError !== null ? <p role="alert" className="form-error">{sendError}</p> : null}
    </aside>
  );
}
