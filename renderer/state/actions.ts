/**
 * What the user can do, as functions over the stores and the current bridge client. Views
 * call these and render the stores; they hold no business logic of their own.
 */
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { AccountView, ConversationView, FieldValue, MessageView } from '../../electron/bridge/schemas.js';
import { upsertAccount } from './accounts.js';
import { parseComposerText } from './composer.js';
import type { BridgeApi } from './connection.js';
import { removeConversation, upsertConversation } from './conversations.js';
import { setRoomMembers } from './members.js';
import { PAGE_SIZE, addSent, applyPage, olderCursor, pageFailed, startLoading } from './messages.js';
import type { Stores } from './stores.js';

export type Settings = Record<string, FieldValue>;

export interface Actions {
  addAccount(pluginId: string, settings: Settings): Promise<AccountView>;
  updateAccount(accountId: string, settings: Settings): Promise<AccountView>;
  removeAccount(accountId: string): Promise<void>;
  connectAccount(accountId: string): Promise<void>;
  disconnectAccount(accountId: string): Promise<void>;
  joinRoom(accountId: string, room: string, password?: string): Promise<ConversationView>;
  openDirect(accountId: string, contactId: string): Promise<ConversationView>;
  /** Shows a conversation's tab, fetching its first page (and members) the first time. */
  activateConversation(conversationId: number): void;
  closeConversation(conversationId: number): Promise<void>;
  loadOlderMessages(conversationId: number): Promise<void>;
  /** Sends the composer's text; rejects (with the core's message) when the core refuses. */
  sendComposerText(conversationId: number, text: string): Promise<MessageView | null>;
  /** Resets the active conversation's unread count if it has any. */
  markActiveRead(): void;
  /** After a (re)connect: forget cached pages and members, and fetch the active tab's again. */
  reloadActive(): void;
}

/** Turns any rejection into a sentence for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof BridgeRequestError) return error.detail.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function createActions(stores: Stores): Actions {
  const client = (): BridgeApi => {
    const current = stores.connection.getState().client;
    if (!current) throw new BridgeRequestError({ kind: 'network', message: 'Not connected to Switchboard core' });
    return current;
  };
  const markingRead = new Set<number>();

  const loadPage = async (conversationId: number, older: boolean): Promise<void> => {
    const entry = stores.messages.getState().byConversation.get(conversationId);
    if (entry?.loading) return;
    const before = older && entry ? olderCursor(entry) : undefined;
    stores.messages.setState(startLoading(stores.messages.getState(), conversationId));
    try {
      const page = await client().request('messages.list', before ? { conversationId, before, limit: PAGE_SIZE } : { conversationId, limit: PAGE_SIZE });
      stores.messages.setState(applyPage(stores.messages.getState(), conversationId, page, PAGE_SIZE));
    } catch (error) {
      stores.messages.setState(pageFailed(stores.messages.getState(), conversationId, errorMessage(error)));
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

  const markRead = (conversationId: number): void => {
    const conversation = stores.conversations.getState().byId.get(conversationId);
    if (!conversation || conversation.unread === 0 || markingRead.has(conversationId)) return;
    const current = stores.connection.getState().client;
    if (!current) return;
    markingRead.add(conversationId);
    stores.conversations.setState(upsertConversation(stores.conversations.getState(), { ...conversation, unread: 0 }));
    current.request('conversations.markRead', { conversationId })
      .catch((error: unknown) => console.warn('conversations.markRead failed', errorMessage(error)))
      .finally(() => markingRead.delete(conversationId));
  };

  const activateConversation = (conversationId: number): void => {
    const conversation = stores.conversations.getState().byId.get(conversationId);
    if (!conversation) return;
    if (stores.conversations.getState().activeId !== conversationId) {
      stores.conversations.setState({ activeId: conversationId });
    }
    if (!stores.connection.getState().client) return;
    const entry = stores.messages.getState().byConversation.get(conversationId);
    if (!entry?.loaded && !entry?.loading) void loadPage(conversationId, false);
    if (conversation.kind === 'room' && !stores.members.getState().byRoom.get(conversationId)?.loaded) void loadMembers(conversationId);
    markRead(conversationId);
  };

  const opened = (conversation: ConversationView): ConversationView => {
    stores.conversations.setState(upsertConversation(stores.conversations.getState(), conversation));
    activateConversation(conversation.id);
    return conversation;
  };

  const accountSaved = (account: AccountView): AccountView => {
    stores.accounts.setState({ list: upsertAccount(stores.accounts.getState().list, account) });
    return account;
  };

  return {
    addAccount: async (pluginId, settings) => accountSaved(await client().request('accounts.add', { pluginId, settings })),
    updateAccount: async (accountId, settings) => accountSaved(await client().request('accounts.update', { accountId, settings })),
    removeAccount: async (accountId) => {
      await client().request('accounts.remove', { accountId });
      stores.accounts.setState({ list: stores.accounts.getState().list.filter((account) => account.id !== accountId) });
    },
    connectAccount: async (accountId) => { await client().request('accounts.connect', { accountId }); },
    disconnectAccount: async (accountId) => { await client().request('accounts.disconnect', { accountId }); },
    joinRoom: async (accountId, room, password) =>
      opened(await client().request('conversations.joinRoom', password === undefined ? { accountId, room } : { accountId, room, password })),
    openDirect: async (accountId, contactId) => opened(await client().request('conversations.openDirect', { accountId, contactId })),
    activateConversation,
    closeConversation: async (conversationId) => {
      await client().request('conversations.leave', { conversationId });
      stores.conversations.setState(removeConversation(stores.conversations.getState(), conversationId));
      const nextActive = stores.conversations.getState().activeId;
      if (nextActive !== null) activateConversation(nextActive);
    },
    loadOlderMessages: (conversationId) => loadPage(conversationId, true),
    sendComposerText: async (conversationId, text) => {
      const outgoing = parseComposerText(text);
      if (!outgoing) return null;
      const message = await client().request('messages.send', { conversationId, body: outgoing.body, kind: outgoing.kind });
      stores.messages.setState(addSent(stores.messages.getState(), message));
      return message;
    },
    markActiveRead: () => {
      const activeId = stores.conversations.getState().activeId;
      if (activeId !== null) markRead(activeId);
    },
    reloadActive: () => {
      stores.messages.setState({ byConversation: new Map() });
      stores.members.setState({ byRoom: new Map() });
      stores.typing.setState({ byConversation: new Map() });
      const activeId = stores.conversations.getState().activeId;
      if (activeId !== null) activateConversation(activeId);
    },
  };
}
