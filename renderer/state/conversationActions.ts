/** Opening, showing, paging and closing conversations. */
import type { ContactView, ConversationView, RoomDirectoryEntry } from '../../electron/bridge/schemas.js';
import { errorMessage, type ActionContext } from './actionContext.js';
import { closeTab, removeConversation, showTab, upsertConversation } from './conversations.js';
import { firstUnread, keepOnly, withMarker } from './readMarker.js';
import { setRoomMembers } from './members.js';
import { PAGE_SIZE, applyPage, fetchedOlder, findMessage, olderCursor, pageFailed, startLoading } from './messages.js';

export interface ConversationActions {
  joinRoom(accountId: string, room: string, password?: string): Promise<ConversationView>;
  openDirect(accountId: string, contactId: string): Promise<ConversationView>;
  /** Shows the direct conversation with a buddy-list contact, opening it if needed. */
  openContact(contact: ContactView): Promise<ConversationView>;
  /** Shows a conversation the core opened (adds it to the list, activates its tab). */
  showOpened(conversation: ConversationView): ConversationView;
  /** Shows a conversation's tab, fetching its first page (and members) the first time. */
  activateConversation(conversationId: number): void;
  /**
   * Shows a conversation and brings one of its stored messages into view (a search result),
   * paging back through stored history for it a few pages at most. False when not found.
   */
  showMessage(conversationId: number, messageId: number): Promise<boolean>;
  /** Closes the conversation's tab only: it stays in the list, a room stays joined. */
  closeTab(conversationId: number): void;
  /** Leaves a room for real (others see it) or drops a chat from the list; its history stays. */
  leaveConversation(conversationId: number): Promise<void>;
  /**
   * Pages back through stored history; when the store runs out and the conversation has
   * server history, asks the network for more (`messages.fetchOlder`) and pages again.
   */
  loadOlderMessages(conversationId: number): Promise<void>;
  /**
   * Resets the active conversation's unread count if it has any: 'arrived' for messages
   * that came while it is shown (not while its log is scrolled up: they are not seen yet),
   * 'shown' when the user comes back to it (the window shown again, the log scrolled down),
   * which marks where the unread ones begin with a "New messages" line.
   */
  markActiveRead(reason?: 'arrived' | 'shown'): void;
  /** Brings the first unread message (below the "New messages" line) into view, loading older stored pages if needed; false when there is none. */
  jumpToFirstUnread(conversationId: number): Promise<boolean>;
  /** After a (re)connect: forget cached pages and members, and fetch the active tab's again. */
  reloadActive(): void;
  /** The room directory; with `scope`, another server's (`server`) or a space's rooms (`space`, its network id). */
  searchRooms(accountId: string, query: string, scope?: { readonly server?: string; readonly space?: string }): Promise<readonly RoomDirectoryEntry[]>;
}

/** How many directory entries a search shows. */
export const DIRECTORY_LIMIT = 50;

/** How many stored pages `showMessage` reads back, at most, looking for the message. */
export const REVEAL_PAGES = 10;

export function createConversationActions(context: ActionContext): ConversationActions {
  const { stores, client } = context;
  const markingRead = new Set<number>();
  const messages = stores.messages;

  /** One `messages.list` page before the oldest loaded message (or the newest page); how many came. */
  const listPage = async (conversationId: number, older: boolean): Promise<number> => {
    const entry = messages.getState().byConversation.get(conversationId);
    const before = older && entry ? olderCursor(entry) : undefined;
    const page = await client().request('messages.list', before ? { conversationId, before, limit: PAGE_SIZE } : { conversationId, limit: PAGE_SIZE });
    messages.setState(applyPage(messages.getState(), conversationId, page, PAGE_SIZE));
    return page.length;
  };

  const firstPages = new Map<number, Promise<void>>();
  /** Older pages on their way, per conversation. */
  const olderPages = new Map<number, Promise<void>>();
  /** The page being loaded for a conversation: a caller that must go on from it waits for it. */
  const pageOnItsWay = (conversationId: number): Promise<void> =>
    firstPages.get(conversationId) ?? olderPages.get(conversationId) ?? Promise.resolve();
  /** The first page, fetched once: a second caller waits for the same request. */
  const loadFirstPage = (conversationId: number): Promise<void> => {
    const inFlight = firstPages.get(conversationId);
    if (inFlight) return inFlight;
    if (messages.getState().byConversation.get(conversationId)?.loading) return Promise.resolve();
    messages.setState(startLoading(messages.getState(), conversationId));
    const request = listPage(conversationId, false).then(() => undefined, (error: unknown) => {
      messages.setState(pageFailed(messages.getState(), conversationId, errorMessage(error)));
    }).finally(() => firstPages.delete(conversationId));
    firstPages.set(conversationId, request);
    return request;
  };

  /** One more page of stored history, without asking the network. */
  const loadStoredOlder = (conversationId: number): Promise<void> => {
    // A page already on its way (the log's own scroll-back, the first page) is waited for, so
    // that a caller walking back page by page (showMessage) does not run out of pages at once.
    if (messages.getState().byConversation.get(conversationId)?.loading) return pageOnItsWay(conversationId);
    messages.setState(startLoading(messages.getState(), conversationId));
    const request = listPage(conversationId, true).then(() => undefined, (error: unknown) => {
      messages.setState(pageFailed(messages.getState(), conversationId, errorMessage(error)));
    }).finally(() => olderPages.delete(conversationId));
    olderPages.set(conversationId, request);
    return request;
  };

  /** Older messages, stored or else from the network (the log's scroll-back); one at a time per conversation. */
  const loadOlderMessages = (conversationId: number): Promise<void> => {
    if (messages.getState().byConversation.get(conversationId)?.loading) return pageOnItsWay(conversationId);
    const request = fetchOlder(conversationId).finally(() => olderPages.delete(conversationId));
    olderPages.set(conversationId, request);
    return request;
  };

  const fetchOlder = async (conversationId: number): Promise<void> => {
    const entry = messages.getState().byConversation.get(conversationId);
    const serverHistory = context.capabilities(conversationId).history === true;
    messages.setState(startLoading(messages.getState(), conversationId));
    try {
      if (entry?.hasOlder !== false) {
        const count = await listPage(conversationId, true);
        if (count >= PAGE_SIZE) return;
      }
      if (!serverHistory || messages.getState().byConversation.get(conversationId)?.complete === true) {
        messages.setState(applyPage(messages.getState(), conversationId, [], PAGE_SIZE));
        return;
      }
      messages.setState(startLoading(messages.getState(), conversationId));
      const fetched = await client().request('messages.fetchOlder', { conversationId, limit: PAGE_SIZE });
      messages.setState(fetchedOlder(messages.getState(), conversationId, fetched.complete));
      await listPage(conversationId, true);
    } catch (error) {
      messages.setState(pageFailed(messages.getState(), conversationId, errorMessage(error)));
    }
  };

  const loadMembers = async (conversationId: number): Promise<void> => {
    try {
      const members = await client().request('members.list', { conversationId });
      stores.members.setState(setRoomMembers(stores.members.getState(), conversationId, members));
    } catch (error) {
      console.warn('members.list failed', errorMessage(error));
    }
  };

  const markRead = (conversationId: number, line: boolean): void => {
    const conversation = context.conversation(conversationId);
    if (!conversation || conversation.unread === 0 || markingRead.has(conversationId)) return;
    const current = stores.connection.getState().client;
    if (!current) return;
    markingRead.add(conversationId);
    const { readMarkers } = stores.ui.getState();
    // A line already shown keeps its place as more arrive; a new one only where the user was away.
    if (line || readMarkers.byConversation.has(conversationId)) {
      stores.ui.setState({ readMarkers: withMarker(readMarkers, conversationId, conversation.unread) });
    }
    stores.conversations.setState(upsertConversation(stores.conversations.getState(), { ...conversation, unread: 0 }));
    current.request('conversations.markRead', { conversationId })
      .catch((error: unknown) => console.warn('conversations.markRead failed', errorMessage(error)))
      .finally(() => markingRead.delete(conversationId));
  };

  const activate = (conversationId: number): void => {
    const conversation = context.conversation(conversationId);
    if (!conversation) return;
    // Read (with its "New messages" line) before the tab shows: showing it marks the active
    // conversation read as seen live, which would leave no line.
    const { readMarkers } = stores.ui.getState();
    const kept = keepOnly(readMarkers, conversationId);
    if (kept !== readMarkers) stores.ui.setState({ readMarkers: kept });
    markRead(conversationId, true);
    const shown = showTab(stores.conversations.getState(), conversationId);
    if (shown !== stores.conversations.getState()) stores.conversations.setState(shown);
    if (!stores.connection.getState().client) return;
    const entry = messages.getState().byConversation.get(conversationId);
    if (!entry?.loaded && !entry?.loading) void loadFirstPage(conversationId);
    if (conversation.kind === 'room' && !stores.members.getState().byRoom.get(conversationId)?.loaded) void loadMembers(conversationId);
  };

  /** The user chose a conversation: it replaces a server messages view, if one is shown. */
  const activateConversation = (conversationId: number): void => {
    if (stores.ui.getState().serverConsole !== null && context.conversation(conversationId)) stores.ui.setState({ serverConsole: null });
    activate(conversationId);
  };

  const showMessage = async (conversationId: number, messageId: number): Promise<boolean> => {
    if (!context.conversation(conversationId)) {
      // Closed, or a room left long ago: the core opens its tab again without joining anything.
      if (!stores.connection.getState().client) return false;
      const shown = await client().request('conversations.show', { conversationId });
      stores.conversations.setState(upsertConversation(stores.conversations.getState(), shown));
    }
    activateConversation(conversationId);
    if (!stores.connection.getState().client) return false;
    if (!messages.getState().byConversation.get(conversationId)?.loaded) await loadFirstPage(conversationId);
    for (let pages = 0; ; pages++) {
      if (findMessage(messages.getState(), conversationId, messageId)) {
        stores.ui.setState({ focusedMessage: { conversationId, messageId } });
        return true;
      }
      const entry = messages.getState().byConversation.get(conversationId);
      if (pages >= REVEAL_PAGES || !entry?.loaded || !entry.hasOlder || entry.error !== undefined) return false;
      await loadStoredOlder(conversationId);
    }
  };

  const opened = (conversation: ConversationView): ConversationView => {
    stores.conversations.setState(upsertConversation(stores.conversations.getState(), conversation));
    // A space joined is no chat: it shows as its group in the buddy list, with no tab.
    if (conversation.space !== true) activateConversation(conversation.id);
    return conversation;
  };

  const openDirect = async (accountId: string, contactId: string): Promise<ConversationView> =>
    opened(await client().request('conversations.openDirect', { accountId, contactId }));

  return {
    joinRoom: async (accountId, room, password) =>
      opened(await client().request('conversations.joinRoom', password === undefined ? { accountId, room } : { accountId, room, password })),
    openDirect,
    showOpened: opened,
    openContact: async (contact) => {
      const existing = [...stores.conversations.getState().byId.values()].find((conversation) =>
        conversation.kind === 'direct' && conversation.accountId === contact.accountId && conversation.networkId === contact.id);
      if (!existing) return openDirect(contact.accountId, contact.id);
      activateConversation(existing.id);
      return existing;
    },
    activateConversation,
    showMessage,
    closeTab: (conversationId) => {
      stores.conversations.setState(closeTab(stores.conversations.getState(), conversationId));
      const nextActive = stores.conversations.getState().activeId;
      if (nextActive !== null) activate(nextActive);
    },
    leaveConversation: async (conversationId) => {
      await client().request('conversations.leave', { conversationId });
      stores.conversations.setState(removeConversation(stores.conversations.getState(), conversationId));
      const nextActive = stores.conversations.getState().activeId;
      if (nextActive !== null) activate(nextActive);
    },
    loadOlderMessages,
    markActiveRead: (reason = 'arrived') => {
      const activeId = stores.conversations.getState().activeId;
      if (activeId === null || (reason === 'arrived' && stores.ui.getState().logScrolledUp)) return;
      markRead(activeId, reason === 'shown');
    },
    jumpToFirstUnread: async (conversationId) => {
      for (let pages = 0; ; pages++) {
        const entry = messages.getState().byConversation.get(conversationId);
        const first = firstUnread(entry?.items ?? [], stores.ui.getState().readMarkers.byConversation.get(conversationId));
        if (first === undefined) return false;
        if (first !== 'older') {
          stores.ui.setState({ focusedMessage: { conversationId, messageId: first } });
          return true;
        }
        if (pages >= REVEAL_PAGES || !entry?.loaded || !entry.hasOlder || entry.error !== undefined) return false;
        await loadStoredOlder(conversationId);
      }
    },
    reloadActive: () => {
      messages.setState({ byConversation: new Map() });
      stores.members.setState({ byRoom: new Map() });
      stores.typing.setState({ byConversation: new Map() });
      const activeId = stores.conversations.getState().activeId;
      if (activeId !== null) activate(activeId);
    },
    searchRooms: async (accountId, query, scope = {}) => client().request('rooms.directory', {
      accountId, query: query.trim(), limit: DIRECTORY_LIMIT,
      ...(scope.server !== undefined && scope.server.trim() !== '' ? { server: scope.server.trim() } : {}),
      ...(scope.space !== undefined ? { space: scope.space } : {}),
    }),
  };
}
