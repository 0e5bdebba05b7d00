/**
 * Messages per conversation, oldest first. Live events, pages of history and the reply to
 * a send all go through the same merge, which ignores a message it already has by id.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageCursor, MessageView } from '../../electron/bridge/schemas.js';

export interface ConversationMessages {
  readonly items: readonly MessageView[];
  /** The first page was fetched (messages from live events may be here before that). */
  readonly loaded: boolean;
  /** A page request is in flight. */
  readonly loading: boolean;
  /** The core may have older messages stored than the oldest one here. */
  readonly hasOlder: boolean;
  /** The network said there is no history older than what is stored (`messages.fetchOlder`). */
  readonly complete: boolean;
  readonly error?: string;
}

export interface MessagesState {
  readonly byConversation: ReadonlyMap<number, ConversationMessages>;
}

export type MessageEvent =
  | { readonly type: 'message.added'; readonly payload: { readonly message: MessageView } }
  | { readonly type: 'message.updated'; readonly payload: { readonly message: MessageView } }
  | { readonly type: 'message.removed'; readonly payload: { readonly conversationId: number; readonly messageId: number } }
  | { readonly type: 'conversation.removed'; readonly payload: { readonly conversationId: number } };

export const PAGE_SIZE = 100;

export const emptyConversationMessages: ConversationMessages = { items: [], loaded: false, loading: false, hasOlder: true, complete: false };

export function createMessagesStore(): StoreApi<MessagesState> {
  return createStore<MessagesState>()(() => ({ byConversation: new Map() }));
}

/** The core's conversation order (arrival, with history placed by server time), never the clocks' times. */
function compareMessages(a: MessageView, b: MessageView): number {
  return a.order - b.order || a.id - b.id;
}

type Merge = 'add' | 'update' | 'add-if-absent';

/**
 * Merges messages into an ascending list. `add` ignores a known id, `update` replaces a
 * known id (and adds an unknown one only if it falls inside the loaded window, so an edit
 * of an old message does not leave a stray line above a gap), `add-if-absent` is `add`.
 */
export function mergeMessages(
  items: readonly MessageView[],
  incoming: readonly { readonly message: MessageView; readonly merge: Merge }[],
): readonly MessageView[] {
  if (incoming.length === 0) return items;
  const next = [...items];
  const indexById = new Map<number, number>();
  next.forEach((message, index) => indexById.set(message.id, index));
  let unordered = false;
  for (const { message, merge } of incoming) {
    const index = indexById.get(message.id);
    if (index !== undefined) {
      if (merge === 'update') next[index] = message;
      continue;
    }
    const oldest = next[0];
    if (merge === 'update' && oldest !== undefined && compareMessages(message, oldest) < 0) continue;
    const last = next[next.length - 1];
    if (last !== undefined && compareMessages(message, last) < 0) unordered = true;
    indexById.set(message.id, next.length);
    next.push(message);
  }
  if (unordered) next.sort(compareMessages);
  return next;
}

type PendingChange = { readonly message: MessageView; readonly merge: Merge } | { readonly removeId: number };

/** Applies a conversation's changes in order: runs of merges go through one merge each, removals filter. */
function applyChanges(items: readonly MessageView[], changes: readonly PendingChange[]): readonly MessageView[] {
  let next = items;
  let run: { message: MessageView; merge: Merge }[] = [];
  for (const change of changes) {
    if ('removeId' in change) {
      next = mergeMessages(next, run);
      run = [];
      if (next.some((message) => message.id === change.removeId)) next = next.filter((message) => message.id !== change.removeId);
    } else {
      run.push(change);
    }
  }
  return mergeMessages(next, run);
}

/** One pass over a batch: messages grouped by conversation, one new entry per conversation touched. */
export function applyMessageEvents(state: MessagesState, events: readonly MessageEvent[]): MessagesState {
  if (events.length === 0) return state;
  const pending = new Map<number, PendingChange[]>();
  const removed = new Set<number>();
  const push = (conversationId: number, change: PendingChange): void => {
    const list = pending.get(conversationId);
    if (list) list.push(change);
    else pending.set(conversationId, [change]);
  };
  for (const event of events) {
    switch (event.type) {
      case 'conversation.removed':
        removed.add(event.payload.conversationId);
        pending.delete(event.payload.conversationId);
        break;
      case 'message.removed':
        push(event.payload.conversationId, { removeId: event.payload.messageId });
        break;
      default: {
        const message = event.payload.message;
        removed.delete(message.conversationId);
        push(message.conversationId, { message, merge: event.type === 'message.added' ? 'add' : 'update' });
      }
    }
  }
  const byConversation = new Map(state.byConversation);
  for (const id of removed) byConversation.delete(id);
  for (const [id, changes] of pending) {
    const entry = byConversation.get(id);
    if (!entry && changes.every((change) => 'removeId' in change)) continue;
    const current = entry ?? emptyConversationMessages;
    const items = applyChanges(current.items, changes);
    if (items !== current.items) byConversation.set(id, { ...current, items });
  }
  return { byConversation };
}

/** Drops one message (a cancelled one), if it is loaded. */
export function removeMessage(state: MessagesState, conversationId: number, messageId: number): MessagesState {
  return applyMessageEvents(state, [{ type: 'message.removed', payload: { conversationId, messageId } }]);
}

/** Marks a conversation's page request as started. */
export function startLoading(state: MessagesState, conversationId: number): MessagesState {
  const entry = state.byConversation.get(conversationId) ?? emptyConversationMessages;
  const byConversation = new Map(state.byConversation);
  const { error: _dropped, ...rest } = entry;
  byConversation.set(conversationId, { ...rest, loading: true });
  return { byConversation };
}

/** Merges a page from `messages.list` (oldest first); a short page means there is nothing older. */
export function applyPage(state: MessagesState, conversationId: number, page: readonly MessageView[], limit: number): MessagesState {
  const entry = state.byConversation.get(conversationId) ?? emptyConversationMessages;
  const byConversation = new Map(state.byConversation);
  byConversation.set(conversationId, {
    items: mergeMessages(entry.items, page.map((message) => ({ message, merge: 'add' as const }))),
    loaded: true,
    loading: false,
    hasOlder: page.length >= limit,
    complete: entry.complete,
  });
  return { byConversation };
}

export function pageFailed(state: MessagesState, conversationId: number, error: string): MessagesState {
  const entry = state.byConversation.get(conversationId) ?? emptyConversationMessages;
  const byConversation = new Map(state.byConversation);
  byConversation.set(conversationId, { ...entry, loading: false, error });
  return { byConversation };
}

/** Records what `messages.fetchOlder` said (the page that follows clears `loading`). */
export function fetchedOlder(state: MessagesState, conversationId: number, complete: boolean): MessagesState {
  const entry = state.byConversation.get(conversationId) ?? emptyConversationMessages;
  const byConversation = new Map(state.byConversation);
  byConversation.set(conversationId, { ...entry, complete: entry.complete || complete });
  return { byConversation };
}

export type HistoryEdge = 'more' | 'beginning' | 'nothing-stored';

/**
 * What the top of the log says: "Load older messages" while the store or the network may
 * have more, "Beginning of the conversation" only when the network said so, and for a
 * network without server history, that nothing older is stored here.
 */
export function historyEdge(entry: ConversationMessages, serverHistory: boolean): HistoryEdge | null {
  if (!entry.loaded) return null;
  if (entry.hasOlder || (serverHistory && !entry.complete)) return 'more';
  return entry.complete ? 'beginning' : 'nothing-stored';
}

/** The message the user just sent, unless an event already brought it (maybe in a newer state). */
export function addSent(state: MessagesState, message: MessageView): MessagesState {
  const entry = state.byConversation.get(message.conversationId) ?? emptyConversationMessages;
  const items = mergeMessages(entry.items, [{ message, merge: 'add-if-absent' }]);
  if (items === entry.items) return state;
  const byConversation = new Map(state.byConversation);
  byConversation.set(message.conversationId, { ...entry, items });
  return { byConversation };
}

/** Where the next older page ends: the oldest message we have. */
export function findMessage(state: MessagesState, conversationId: number, messageId: number): MessageView | undefined {
  return state.byConversation.get(conversationId)?.items.find((message) => message.id === messageId);
}

export function olderCursor(entry: ConversationMessages): MessageCursor | undefined {
  const oldest = entry.items[0];
  return oldest ? { timestamp: oldest.timestamp, id: oldest.id } : undefined;
}
