/**
 * A conversation's messages, newest at the bottom. Network content is rendered only as
 * text or through the sanitizer (see MessageParts). The view stays at the bottom when it
 * was there, and keeps its place when older messages are added above.
 */
import { Fragment, memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ConversationView, HistoryGapView, MessageView } from '../../electron/bridge/schemas.js';
import { conversationCapabilities } from '../state/capabilities.js';
import { placeGaps } from '../state/historyGaps.js';
import { messageLabel } from '../state/messageLabel.js';
import { messagePermissions, type MessagePermissions } from '../state/messageRules.js';
import { historyEdge } from '../state/messages.js';
import { interleave, type LocalNotice } from '../state/notices.js';
import { firstUnread } from '../state/readMarker.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { HistoryGapMarker } from './HistoryGapMarker.js';
import { MessageActions } from './MessageActions.js';
import { MessageFoot } from './MessageFoot.js';
import { Attachments, MessageBody, Reactions, ReplyQuote, messageElementId } from './MessageParts.js';
import { IsolatedText } from './VisibleText.js';
import { SenderAvatar } from './SenderAvatar.js';
import { useShownMessages } from './useShownMessages.js';
import { useTimeFormats } from './useTimeFormats.js';

/**
 * How many of the newest messages are in the DOM when a conversation opens: more than a
 * tall window shows, few enough to open a long conversation at once. Older ones already
 * loaded are added a step at a time as the user scrolls near the top (or the window is
 * not yet full), and kept in the DOM from then on.
 */
const FIRST_RENDERED = 40;
const REVEAL_STEP = 60;

function Stamp({ timestamp }: { readonly timestamp: number }) {
  const formats = useTimeFormats();
  const time = new Date(timestamp);
  return <time className="message-time" dateTime={time.toISOString()} title={formats.fullDateTime(time)}>{formats.time(time)}</time>;
}

interface MessageLineProps {
  readonly message: MessageView;
  readonly permissions: MessagePermissions;
  /** The message this one replies to, when it is loaded. */
  readonly replyTarget: MessageView | undefined;
  /** Brought into view from a search result. */
  readonly focused: boolean;
}

const MessageLine = memo(function MessageLine({ message, permissions, replyTarget, focused }: MessageLineProps) {
  const classes = [
    'message', `kind-${message.kind}`, message.direction === 'out' ? 'outgoing' : 'incoming', `status-${message.status}`,
    message.deleted === true ? 'deleted' : '', focused ? 'focused' : '',
  ].filter(Boolean).join(' ');
  // The name says the time as the log shows it (the user's clock setting).
  const formats = useTimeFormats();
  const sender = message.kind === 'text' ? <span className="message-sender"><SenderAvatar message={message} /><IsolatedText text={message.senderName} /></span>
    : message.kind === 'notice' ? <span className="message-sender">-<IsolatedText text={message.senderName} />-</span> : null;
  return (
    <div role="listitem" aria-label={messageLabel(message, formats.time(new Date(message.timestamp)), replyTarget)}
      className={classes} id={messageElementId(message)} tabIndex={-1}>
      <Stamp timestamp={message.timestamp} />
      {sender}
      {message.replyTo ? <ReplyQuote message={message} target={replyTarget} /> : null}
      <MessageBody message={message} />
      <Attachments message={message} />
      <Reactions message={message} canReact={permissions.react} />
      {message.kind !== 'event' ? <MessageFoot message={message} /> : null}
      <MessageActions message={message} permissions={permissions} />
    </div>
  );
});

/** Where the unread messages begin (readMarker.ts). */
function NewMessagesLine() {
  // In a list item of its own: the log's list owns only list items (WAI-ARIA 1.2 "list").
  return (
    <div role="listitem" className="new-messages">
      <div role="separator" aria-label="New messages"><span aria-hidden="true">New messages</span></div>
    </div>
  );
}

function NoticeLine({ notice }: { readonly notice: LocalNotice }) {
  return (
    <div role="listitem" className="message kind-local">
      <Stamp timestamp={notice.timestamp} />
      <span className="message-body">{notice.lines.join('\n')}</span>
    </div>
  );
}

const NO_NOTICES: readonly LocalNotice[] = [];
const NO_GAPS: readonly HistoryGapView[] = [];

/** Files dragged over the log (not text or links). */
function carriesFiles(event: DragEvent<HTMLElement>): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

export function MessageLog({ conversation }: { readonly conversation: ConversationView }) {
  const conversationId = conversation.id;
  const { stores } = useApp();
  const actions = useActions();
  const entry = useShownMessages(conversationId);
  const notices = useAppStore('notices', (state) => state.byConversation.get(conversationId)) ?? NO_NOTICES;
  const gaps = useAppStore('historyGaps', (state) => state.byConversation.get(conversationId)) ?? NO_GAPS;
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const capabilities = useMemo(() => conversationCapabilities(conversation, accounts, plugins), [conversation, accounts, plugins]);
  const focused = useAppStore('ui', (state) => (state.focusedMessage?.conversationId === conversationId ? state.focusedMessage : null));
  const [rendered, setRendered] = useState(FIRST_RENDERED);
  const [dragging, setDragging] = useState(false);
  const unreadAtOpen = useAppStore('ui', (state) => state.readMarkers.byConversation.get(conversationId));
  const firstUnreadId = firstUnread(entry.items, unreadAtOpen);
  /** The "New messages" line is above what the log shows (or not loaded): offer to jump there. */
  const [lineAbove, setLineAbove] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstId: number | undefined; height: number }>({ firstId: undefined, height: 0 });
  const revealed = useRef<typeof focused>(null);
  const focusedIndex = focused ? entry.items.findIndex((message) => message.id === focused.messageId) : -1;
  // A focused message older than the rendered window widens it (a few lines above it too).
  const renderedCount = focusedIndex === -1 ? rendered : Math.max(rendered, entry.items.length - focusedIndex + 20);
  const hiddenLocally = Math.max(0, entry.items.length - renderedCount);
  const visible = hiddenLocally > 0 ? entry.items.slice(hiddenLocally) : entry.items;
  const firstId = visible[0]?.id;
  const byId = useMemo(() => new Map(entry.items.map((message) => [message.id, message])), [entry.items]);
  const entries = useMemo(() => interleave(visible, notices), [visible, notices]);
  const gapsBefore = useMemo(() => placeGaps(visible, gaps), [visible, gaps]);
  useEffect(() => {
    void actions.loadGaps(conversationId);
  }, [actions, conversationId]);
  const edge = hiddenLocally > 0 ? 'more' : historyEdge(entry, capabilities.history === true);

  // This log is what the user sees of the conversation now: not scrolled up, until they do.
  useEffect(() => {
    stores.ui.setState({ logScrolledUp: false });
  }, [stores, conversationId]);

  const checkLine = (): void => {
    const element = scroller.current;
    if (!element || firstUnreadId === undefined) {
      setLineAbove(false);
      return;
    }
    const line = element.querySelector('.new-messages');
    setLineAbove(!line || line.getBoundingClientRect().bottom < element.getBoundingClientRect().top);
  };

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (atBottom.current) element.scrollTop = element.scrollHeight;
    else if (previous.current.firstId !== firstId) element.scrollTop += element.scrollHeight - previous.current.height;
    previous.current = { firstId, height: element.scrollHeight };
    // Not enough to fill the window (no scrollbar to reach the top with): show more now.
    if (hiddenLocally > 0 && element.clientHeight > 0 && element.scrollHeight <= element.clientHeight) setRendered(renderedCount + REVEAL_STEP);
    checkLine();
  // checkLine reads the DOM this effect just laid out; it changes with firstUnreadId only.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entries, firstId, hiddenLocally, renderedCount, firstUnreadId]);

  // A search result: scroll it into view and focus it, once per request.
  useLayoutEffect(() => {
    if (!focused || revealed.current === focused || focusedIndex === -1) return;
    const element = document.getElementById(messageElementId({ conversationId, id: focused.messageId }));
    if (!element) return;
    revealed.current = focused;
    atBottom.current = false;
    if (typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center' });
    element.focus();
  }, [focused, focusedIndex, conversationId, entries]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 32;
    // Compared with the store, not with atBottom: other steps (a jump, loading older) set that one.
    if (stores.ui.getState().logScrolledUp === atBottom.current) {
      stores.ui.setState({ logScrolledUp: !atBottom.current });
      // Scrolled down to what arrived meanwhile: seen now.
      if (atBottom.current) actions.markActiveRead('shown');
    }
    checkLine();
    // Near the top with older messages already loaded: add them before the user gets there.
    if (hiddenLocally > 0 && element.scrollTop < element.clientHeight) setRendered(renderedCount + REVEAL_STEP);
  };

  const loadOlder = (): void => {
    atBottom.current = false;
    if (hiddenLocally > 0) {
      setRendered(renderedCount + REVEAL_STEP);
      return;
    }
    // What the user asks the core and the network for is shown whole when it comes.
    setRendered(Number.POSITIVE_INFINITY);
    void actions.loadOlderMessages(conversationId);
  };

  const canDrop = capabilities.fileUpload === true;
  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = canDrop ? 'copy' : 'none';
    if (canDrop && !dragging) setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>): void => {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    // Handled here either way: a file dropped where it cannot be sent must not open in the window.
    event.preventDefault();
    setDragging(false);
    if (!canDrop) return;
    for (const file of [...event.dataTransfer.files]) void actions.sendFile(conversationId, file);
  };

  return (
    <div className={dragging ? 'log-scroll dragging' : 'log-scroll'} ref={scroller} onScroll={onScroll}
      onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      {dragging ? <p className="drop-hint" aria-hidden="true">Drop files to send them to {conversation.title}</p> : null}
      {edge === 'more' ? (
        <button type="button" className="load-older" disabled={entry.loading} onClick={loadOlder}>
          {entry.loading && entry.loaded ? 'Loading older messages…' : 'Load older messages'}
        </button>
      ) : null}
      {edge === 'beginning' ? <p className="log-start">Beginning of the conversation</p> : null}
      {edge === 'nothing-stored' ? <p className="log-start">No older messages stored</p> : null}
      {entry.error !== undefined ? <p role="alert" className="form-error">Could not load messages: {entry.error}</p> : null}
      {lineAbove ? (
        <button type="button" className="jump-unread" onClick={() => { atBottom.current = false; void actions.jumpToFirstUnread(conversationId); }}>
          Jump to first unread
        </button>
      ) : null}
      {/* One list item per message, named like "Alice, 6:53 PM: hello" (messageLabel.ts). */}
      <div role="log" aria-label={`Messages in ${conversation.title}`}>
        {/* No list role while empty: a list owns at least one item (WAI-ARIA 1.2 "list"). */}
        <div role={entries.length > 0 ? 'list' : undefined} className="log">
          {entries.map((item) => (item.kind === 'notice'
            ? <NoticeLine key={item.notice.id} notice={item.notice} />
            : (
              <Fragment key={item.message.id}>
                {gapsBefore.get(item.message.id)?.map((gap) => <div role="listitem" key={`gap-${gap.id}`}><HistoryGapMarker gap={gap} /></div>)}
                {item.message.id === firstUnreadId ? <NewMessagesLine /> : null}
                <MessageLine message={item.message} permissions={messagePermissions(item.message, capabilities)}
                  replyTarget={item.message.replyTo?.messageId === undefined ? undefined : byId.get(item.message.replyTo.messageId)}
                  focused={focused?.messageId === item.message.id} />
              </Fragment>
            )))}
        </div>
      </div>
      {!entry.loaded && entry.loading ? <p className="log-loading">Loading messages…</p> : null}
    </div>
  );
}
