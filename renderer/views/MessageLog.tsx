/**
 * A conversation's messages, newest at the bottom. Everything from the network is rendered
 * as text. The view stays at the bottom when it was there, and keeps its place when older
 * messages are added above.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { emptyConversationMessages } from '../state/messages.js';
import { useActions, useAppStore } from './AppContext.js';

/** How many of the newest messages are in the DOM at first; more are shown on demand. */
const RENDERED = 300;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function MessageStatusText({ message }: { readonly message: MessageView }) {
  if (message.direction !== 'out') return null;
  if (message.status === 'sending') return <span className="message-status">sending…</span>;
  if (message.status === 'failed') {
    return <span className="message-status failed">failed: {message.error?.message ?? 'not sent'}</span>;
  }
  return null;
}

function MessageLine({ message }: { readonly message: MessageView }) {
  const time = new Date(message.timestamp);
  const stamp = <time className="message-time" dateTime={time.toISOString()} title={fullFormat.format(time)}>{timeFormat.format(time)}</time>;
  const classes = `message kind-${message.kind} ${message.direction === 'out' ? 'outgoing' : 'incoming'} status-${message.status}`;
  switch (message.kind) {
    case 'action':
      return <div className={classes}>{stamp}<span className="message-body">* {message.senderName} {message.body}</span><MessageStatusText message={message} /></div>;
    case 'event':
      return <div className={classes}>{stamp}<span className="message-body">{message.body}</span></div>;
    case 'notice':
      return (
        <div className={classes}>
          {stamp}<span className="message-sender">-{message.senderName}-</span>
          <span className="message-body">{message.body}</span><MessageStatusText message={message} />
        </div>
      );
    case 'text':
      return (
        <div className={classes}>
          {stamp}<span className="message-sender">{message.senderName}</span>
          <span className="message-body">{message.body}</span><MessageStatusText message={message} />
        </div>
      );
  }
}

export function MessageLog({ conversationId, title }: { readonly conversationId: number; readonly title: string }) {
  const actions = useActions();
  const entry = useAppStore('messages', (state) => state.byConversation.get(conversationId)) ?? emptyConversationMessages;
  const [rendered, setRendered] = useState(RENDERED);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstId: number | undefined; height: number }>({ firstId: undefined, height: 0 });
  const hiddenLocally = Math.max(0, entry.items.length - rendered);
  const visible = hiddenLocally > 0 ? entry.items.slice(hiddenLocally) : entry.items;
  const firstId = visible[0]?.id;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (atBottom.current) element.scrollTop = element.scrollHeight;
    else if (previous.current.firstId !== firstId) element.scrollTop += element.scrollHeight - previous.current.height;
    previous.current = { firstId, height: element.scrollHeight };
  }, [visible, firstId]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 32;
  };

  const loadOlder = (): void => {
    atBottom.current = false;
    if (hiddenLocally > 0) setRendered((count) => count + 100);
    else void actions.loadOlderMessages(conversationId);
  };

  return (
    <div className="log-scroll" ref={scroller} onScroll={onScroll}>
      {hiddenLocally > 0 || (entry.loaded && entry.hasOlder) ? (
        <button type="button" className="load-older" disabled={entry.loading} onClick={loadOlder}>Load older messages</button>
      ) : null}
      {entry.loaded && !entry.hasOlder && hiddenLocally === 0 ? <p className="log-start">Beginning of the conversation</p> : null}
      {entry.error !== undefined ? <p role="alert" className="form-error">Could not load messages: {entry.error}</p> : null}
      <div role="log" aria-label={`Messages in ${title}`} className="log">
        {visible.map((message) => <MessageLine key={message.id} message={message} />)}
      </div>
      {!entry.loaded && entry.loading ? <p className="log-loading">Loading messages…</p> : null}
    </div>
  );
}
