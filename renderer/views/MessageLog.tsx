/**
 * A conversation's messages, newest at the bottom. Network content is rendered only as
 * text or through the sanitizer (see MessageParts). The log is windowed (react-virtuoso):
 * only the rows near the viewport are in the DOM, however long the conversation. The view
 * stays at the bottom when it was there, and keeps its place when older messages are
 * added above (Virtuoso's firstItemIndex, worked out in logWindow.ts).
 */
import { forwardRef, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Virtuoso, type ItemProps, type ListProps, type VirtuosoHandle } from 'react-virtuoso';
import type { ConversationView, HistoryGapView, MessageView } from '../../electron/bridge/schemas.js';
import { conversationCapabilities } from '../state/capabilities.js';
import { placeGaps } from '../state/historyGaps.js';
import { messageLabel } from '../state/messageLabel.js';
import { messagePermissions, type MessagePermissions } from '../state/messageRules.js';
import { EMPTY_LOG_WINDOW, logEntryKey, nextLogWindow } from '../state/logWindow.js';
import { historyEdge } from '../state/messages.js';
import { interleave, type LocalNotice, type LogEntry } from '../state/notices.js';
import { firstUnread } from '../state/readMarker.js';
import { threadReplyCounts } from '../state/threads.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { HistoryGapMarker } from './HistoryGapMarker.js';
import { MessageActions } from './MessageActions.js';
import { MessageFoot } from './MessageFoot.js';
import { Attachments, MessageBody, Reactions, ReplyQuote, messageElementId } from './MessageParts.js';
import { IsolatedText } from './VisibleText.js';
import { SenderAvatar } from './SenderAvatar.js';
import { ThreadButton } from './ThreadPanel.js';
import { useShownMessages } from './useShownMessages.js';
import { useTimeFormats } from './useTimeFormats.js';
import { useT } from '../i18n/index.js';

/** Rendered beyond each edge of the viewport (px), so that scrolling finds rows ready. */
const OVERSCAN_PX = 120;
/** How close to the bottom (px) still counts as at the bottom: new messages follow. */
const AT_BOTTOM_PX = 32;
/** How many frames a requested message (a search result) is waited for before giving up (~5 s). */
const FOCUS_FRAMES = 300;
/** Every so many frames without it, the scroll to it is asked for again. */
const SCROLL_AGAIN_FRAMES = 20;

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
  /** Replies in its thread, where the conversation has threads (undefined: no thread button). */
  readonly threadReplies: number | undefined;
  readonly onOpenThread: (message: MessageView) => void;
}

const MessageLine = memo(function MessageLine({ message, permissions, replyTarget, focused, threadReplies, onOpenThread }: MessageLineProps) {
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
      {threadReplies !== undefined ? <ThreadButton message={message} replies={threadReplies} onOpen={onOpenThread} /> : null}
      {message.kind !== 'event' ? <MessageFoot message={message} /> : null}
      <MessageActions message={message} permissions={permissions} />
    </div>
  );
});

/** Where the unread messages begin (readMarker.ts). */
function NewMessagesLine() {
  const t = useT();
  // In a list item of its own: the log's list owns only list items (WAI-ARIA 1.2 "list").
  return (
    <div role="listitem" className="new-messages">
      <div role="separator" aria-label={t('log.newMessages')}><span aria-hidden="true">{t('log.newMessages')}</span></div>
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
const NO_GAPS_BEFORE: ReadonlyMap<number, readonly HistoryGapView[]> = new Map();

/** Files dragged over the log (not text or links). */
function carriesFiles(event: DragEvent<HTMLElement>): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

/** What every row and the log's header need: handed to Virtuoso as its context. */
interface LogContext {
  readonly capabilities: ReturnType<typeof conversationCapabilities>;
  readonly byId: ReadonlyMap<number, MessageView>;
  readonly gapsBefore: ReadonlyMap<number, readonly HistoryGapView[]>;
  readonly firstUnreadId: number | 'older' | undefined;
  readonly focusedId: number | undefined;
  readonly edge: ReturnType<typeof historyEdge>;
  readonly loading: boolean;
  readonly loaded: boolean;
  readonly loadOlder: () => void;
  readonly rows: number;
  /** Replies per thread (by its first message's network id), when the conversation has threads. */
  readonly threadCounts: ReadonlyMap<string, number> | undefined;
  readonly openThread: (message: MessageView) => void;
}

/** Above the oldest row: more to load, or where the conversation begins. */
function LogHeader({ context }: { readonly context: LogContext }) {
  const t = useT();
  return (
    <div className="log-head">
      {context.edge === 'more' ? (
        <button type="button" className="load-older" disabled={context.loading} onClick={context.loadOlder}>
          {context.loading && context.loaded ? t('log.loadingOlder') : t('log.loadOlder')}
        </button>
      ) : null}
      {context.edge === 'beginning' ? <p className="log-start">{t('log.beginning')}</p> : null}
      {context.edge === 'nothing-stored' ? <p className="log-start">{t('log.nothingStored')}</p> : null}
    </div>
  );
}

/** The rows' container: the log's list (no list role while empty: a list owns at least one item, WAI-ARIA 1.2 "list"). */
const LogList = forwardRef<HTMLDivElement, ListProps & { readonly context: LogContext }>(function LogList({ context, ...props }, ref) {
  return <div {...props} ref={ref} role={context.rows > 0 ? 'list' : undefined} className="log" />;
});

/** Virtuoso's wrapper of a row, which it measures: no role of its own, so the list owns the rows' list items. */
function LogItem({ item: _item, context: _context, ...props }: ItemProps<LogEntry> & { readonly context: LogContext }) {
  return <div {...props} role="none" className="log-row" />;
}

function LogRow(_index: number, entry: LogEntry, context: LogContext) {
  if (entry.kind === 'notice') return <NoticeLine notice={entry.notice} />;
  const { message } = entry;
  return (
    <>
      {context.gapsBefore.get(message.id)?.map((gap) => <div role="listitem" key={`gap-${gap.id}`}><HistoryGapMarker gap={gap} /></div>)}
      {message.id === context.firstUnreadId ? <NewMessagesLine /> : null}
      <MessageLine message={message} permissions={messagePermissions(message, context.capabilities)}
        replyTarget={message.replyTo?.messageId === undefined ? undefined : context.byId.get(message.replyTo.messageId)}
        focused={context.focusedId === message.id} threadReplies={threadRepliesOf(message, context)} onOpenThread={context.openThread} />
    </>
  );
}

/** A message of the main log that can hold a thread: one the network has, a text or action (with a count, also when retracted). */
function threadRepliesOf(message: MessageView, context: LogContext): number | undefined {
  if (!context.threadCounts || message.networkId === undefined) return undefined;
  const count = context.threadCounts.get(message.networkId) ?? 0;
  if (count > 0) return count;
  return messagePermissions(message, context.capabilities).reply ? 0 : undefined;
}

const LOG_COMPONENTS = { Header: LogHeader, List: LogList, Item: LogItem };
const rowKey = (_index: number, entry: LogEntry): string => logEntryKey(entry);
/** New rows keep the view at the bottom only when it was there. */
const follow = (atBottom: boolean): 'auto' | false => (atBottom ? 'auto' : false);

const NO_THREAD = (): void => undefined;

export function MessageLog({ conversation, onOpenThread }: { readonly conversation: ConversationView; readonly onOpenThread?: (message: MessageView) => void }) {
  const conversationId = conversation.id;
  const { stores } = useApp();
  const actions = useActions();
  const t = useT();
  const entry = useShownMessages(conversationId);
  const allItems = useAppStore('messages', (state) => state.byConversation.get(conversationId)?.items);
  const notices = useAppStore('notices', (state) => state.byConversation.get(conversationId)) ?? NO_NOTICES;
  const gaps = useAppStore('historyGaps', (state) => state.byConversation.get(conversationId)) ?? NO_GAPS;
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const capabilities = useMemo(() => conversationCapabilities(conversation, accounts, plugins), [conversation, accounts, plugins]);
  const focused = useAppStore('ui', (state) => (state.focusedMessage?.conversationId === conversationId ? state.focusedMessage : null));
  const [dragging, setDragging] = useState(false);
  const unreadAtOpen = useAppStore('ui', (state) => state.readMarkers.byConversation.get(conversationId));
  const firstUnreadId = firstUnread(entry.items, unreadAtOpen);
  /** The "New messages" line is above what the log shows (or not loaded): offer to jump there. */
  const [lineAbove, setLineAbove] = useState(false);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const revealed = useRef<typeof focused>(null);
  const byId = useMemo(() => new Map(entry.items.map((message) => [message.id, message])), [entry.items]);
  const entries = useMemo(() => interleave(entry.items, notices), [entry.items, notices]);
  const gapsBefore = useMemo(() => (gaps.length > 0 ? placeGaps(entry.items, gaps) : NO_GAPS_BEFORE), [entry.items, gaps]);
  // Adjusting state while rendering (React's "storing information from previous renders"):
  // Virtuoso must get the lowered index in the same render as the prepended rows.
  const [start, setStart] = useState(EMPTY_LOG_WINDOW);
  const windowStart = nextLogWindow(start, entries);
  if (windowStart !== start) setStart(windowStart);
  useEffect(() => {
    void actions.loadGaps(conversationId);
  }, [actions, conversationId]);
  const edge = historyEdge(entry, capabilities.history === true);

  // This log is what the user sees of the conversation now: not scrolled up, until they do.
  useEffect(() => {
    stores.ui.setState({ logScrolledUp: false });
  }, [stores, conversationId]);

  // Checked as the user scrolls and whenever Virtuoso renders other rows; the line is not
  // in the DOM when it is scrolled far away or not loaded.
  const checkLine = useCallback((): void => {
    if (!scroller) return;
    const line = scroller.querySelector('.new-messages');
    setLineAbove(!line || line.getBoundingClientRect().bottom < scroller.getBoundingClientRect().top);
  }, [scroller]);
  useEffect(() => {
    if (!scroller) return undefined;
    scroller.addEventListener('scroll', checkLine, { passive: true });
    return () => scroller.removeEventListener('scroll', checkLine);
  }, [scroller, checkLine]);

  const onBottom = useCallback((atBottom: boolean): void => {
    // Compared with the store: other steps (opening the conversation) set it too.
    if (stores.ui.getState().logScrolledUp !== atBottom) return;
    stores.ui.setState({ logScrolledUp: !atBottom });
    // Scrolled down to what arrived meanwhile: seen now.
    if (atBottom) actions.markActiveRead('shown');
  }, [stores, actions]);

  // A search result (or the first unread): scroll its row into view, then focus it once
  // Virtuoso has rendered it, once per request.
  const focusedIndex = focused ? entries.findIndex((item) => item.kind === 'message' && item.message.id === focused.messageId) : -1;
  useEffect(() => {
    if (!focused || revealed.current === focused || focusedIndex === -1) return undefined;
    virtuoso.current?.scrollToIndex({ index: focusedIndex, align: 'center' });
    let frame = 0;
    let handle = 0;
    const reveal = (): void => {
      const element = document.getElementById(messageElementId({ conversationId, id: focused.messageId }));
      if (!element) {
        // Not rendered yet: on a busy machine Virtuoso may take longer than a few frames, or
        // lay out again with measured heights; ask again now and then (rows prepended meanwhile
        // change the index, which runs this effect anew).
        frame++;
        if (frame % SCROLL_AGAIN_FRAMES === 0) virtuoso.current?.scrollToIndex({ index: focusedIndex, align: 'center' });
        if (frame < FOCUS_FRAMES) handle = requestAnimationFrame(reveal);
        return;
      }
      revealed.current = focused;
      // Heights above it were estimates: centre it again now that it is measured.
      if (typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
    };
    handle = requestAnimationFrame(reveal);
    return () => cancelAnimationFrame(handle);
  }, [focused, focusedIndex, conversationId]);

  // Opened (or its first page in): at the newest message. Not Virtuoso's
  // initialTopMostItemIndex, which hides the rows until the browser reports a scroll
  // (none comes where nothing is laid out, as in jsdom).
  useLayoutEffect(() => {
    if (entry.loaded) virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  // Only when the conversation or its first page changes: later rows follow by followOutput.
  }, [conversationId, entry.loaded]);

  const loadOlder = useCallback((): void => {
    void actions.loadOlderMessages(conversationId);
  }, [actions, conversationId]);

  const threadCounts = useMemo(() => (capabilities.threads === true ? threadReplyCounts(allItems ?? []) : undefined), [capabilities.threads, allItems]);
  const openThread = onOpenThread ?? NO_THREAD;

  const context = useMemo<LogContext>(() => ({
    capabilities, byId, gapsBefore, firstUnreadId, focusedId: focused?.messageId, edge,
    loading: entry.loading, loaded: entry.loaded, loadOlder, rows: entries.length, threadCounts, openThread,
  }), [capabilities, byId, gapsBefore, firstUnreadId, focused, edge, entry.loading, entry.loaded, loadOlder, entries.length, threadCounts, openThread]);

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
    <div className={dragging ? 'log-pane dragging' : 'log-pane'} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      {dragging ? <p className="drop-hint" aria-hidden="true">{t('log.dropFiles', { name: conversation.title })}</p> : null}
      {entry.error !== undefined ? <p role="alert" className="form-error">{t('log.notLoaded', { error: entry.error })}</p> : null}
      {firstUnreadId !== undefined && lineAbove ? (
        <button type="button" className="jump-unread" onClick={() => { void actions.jumpToFirstUnread(conversationId); }}>
          {t('log.jumpUnread')}
        </button>
      ) : null}
      {/* One list item per message, named like "Alice, 6:53 PM: hello" (messageLabel.ts). Mounted
          again once the first page is in, to open at the newest message (the effect above). */}
      <Virtuoso<LogEntry, LogContext> key={`${conversationId}-${entry.loaded}`} ref={virtuoso} scrollerRef={(element) => setScroller(element instanceof HTMLElement ? element : null)}
        className="log-scroll" role="log" aria-label={t('log.messagesIn', { name: conversation.title })}
        data={entries} context={context} components={LOG_COMPONENTS} itemContent={LogRow} computeItemKey={rowKey}
        firstItemIndex={windowStart.firstItemIndex}
        followOutput={follow} atBottomThreshold={AT_BOTTOM_PX} atBottomStateChange={onBottom}
        increaseViewportBy={OVERSCAN_PX} itemsRendered={checkLine} />
      {!entry.loaded && entry.loading ? <p className="log-loading">{t('log.loading')}</p> : null}
    </div>
  );
}
