/**
 * The user's conversations (every joined room and open chat: the conversation list), which of
 * them have a tab in this window, the tab strip's order, and which one is shown. A tab is a UI
 * state of one window; being in a room is the network's (`conversations.leave` ends it).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationView } from '../../electron/bridge/schemas.js';

export interface ConversationsState {
  readonly byId: ReadonlyMap<number, ConversationView>;
  /** Tab order: the conversations that have a tab, in the order they were opened. */
  readonly tabs: readonly number[];
  readonly activeId: number | null;
  /**
   * A window a tab was moved into (windowPlace.ts): it shows only the tabs put in it or opened
   * in it; conversations that appear meanwhile get their tab in the main window.
   */
  readonly detached?: boolean;
}

export type ConversationEvent =
  | { readonly type: 'conversation.changed'; readonly payload: { readonly conversation: ConversationView } }
  | { readonly type: 'conversation.removed'; readonly payload: { readonly conversationId: number } }
  | { readonly type: 'account.removed'; readonly payload: { readonly accountId: string } };

export function emptyConversations(): ConversationsState {
  return { byId: new Map(), tabs: [], activeId: null };
}

export function createConversationsStore(): StoreApi<ConversationsState> {
  return createStore<ConversationsState>()(() => emptyConversations());
}

/**
 * The state after a (re)load: a conversation this window has not seen gets a tab; one whose
 * tab the user closed stays without; the active tab survives if it still exists.
 */
export function resetConversations(previous: ConversationsState, list: readonly ConversationView[]): ConversationsState {
  const byId = new Map(list.map((conversation) => [conversation.id, conversation]));
  const kept = previous.tabs.filter((id) => byId.has(id));
  // A space is no chat (spaceGroups.ts): it gets no tab.
  const added = previous.detached === true ? [] : list.filter((conversation) => conversation.space !== true).map((conversation) => conversation.id)
    .filter((id) => !kept.includes(id) && !previous.byId.has(id));
  const tabs = [...kept, ...added];
  const activeId = previous.activeId !== null && tabs.includes(previous.activeId) ? previous.activeId : (tabs[0] ?? null);
  return { ...previous, byId, tabs, activeId };
}

/** Shows a conversation of the list, giving it a tab (at the end) if it has none. */
export function showTab(state: ConversationsState, conversationId: number): ConversationsState {
  if (!state.byId.has(conversationId)) return state;
  const tabs = state.tabs.includes(conversationId) ? state.tabs : [...state.tabs, conversationId];
  if (tabs === state.tabs && state.activeId === conversationId) return state;
  return { ...state, tabs, activeId: conversationId };
}

/**
 * Closes a tab and only the tab: the conversation stays in the list (a room stays joined,
 * its unread count keeps counting). The right neighbour (or else the left one) is shown.
 */
export function closeTab(state: ConversationsState, conversationId: number): ConversationsState {
  if (!state.tabs.includes(conversationId)) return state;
  const activeId = state.activeId === conversationId ? neighbourOf(state.tabs, conversationId) : state.activeId;
  return { ...state, tabs: state.tabs.filter((id) => id !== conversationId), activeId };
}

/** After closing the active tab, its right neighbour (or else its left one) becomes active. */
function neighbourOf(tabs: readonly number[], id: number): number | null {
  const index = tabs.indexOf(id);
  if (index === -1) return tabs[0] ?? null;
  return tabs[index + 1] ?? tabs[index - 1] ?? null;
}

export function upsertConversation(state: ConversationsState, conversation: ConversationView): ConversationsState {
  return applyConversationEvents(state, [{ type: 'conversation.changed', payload: { conversation } }]);
}

export function removeConversation(state: ConversationsState, conversationId: number): ConversationsState {
  return applyConversationEvents(state, [{ type: 'conversation.removed', payload: { conversationId } }]);
}

export function applyConversationEvents(state: ConversationsState, events: readonly ConversationEvent[]): ConversationsState {
  if (events.length === 0) return state;
  const byId = new Map(state.byId);
  let tabs = [...state.tabs];
  let activeId = state.activeId;
  const drop = (id: number): void => {
    if (!byId.delete(id)) return;
    if (activeId === id) activeId = neighbourOf(tabs, id);
    tabs = tabs.filter((tab) => tab !== id);
  };
  for (const event of events) {
    switch (event.type) {
      case 'conversation.changed': {
        const conversation = event.payload.conversation;
        if (state.detached !== true && conversation.space !== true && !byId.has(conversation.id) && !tabs.includes(conversation.id)) tabs.push(conversation.id);
        byId.set(conversation.id, conversation);
        break;
      }
      case 'conversation.removed':
        drop(event.payload.conversationId);
        break;
      case 'account.removed':
        for (const conversation of [...byId.values()]) {
          if (conversation.accountId === event.payload.accountId) drop(conversation.id);
        }
        break;
    }
  }
  return { ...state, byId, tabs, activeId };
}

/** Conversations grouped by account, each group sorted rooms first, then by title. */
export function groupByAccount(state: ConversationsState): Map<string, ConversationView[]> {
  const groups = new Map<string, ConversationView[]>();
  for (const conversation of state.byId.values()) {
    const group = groups.get(conversation.accountId);
    if (group) group.push(conversation);
    else groups.set(conversation.accountId, [conversation]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => (a.kind === b.kind ? a.title.localeCompare(b.title) : a.kind === 'room' ? -1 : 1));
  }
  return groups;
}
