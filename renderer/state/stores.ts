/** Every store of the renderer, created together by the composition root (or by a test). */
import type { StoreApi } from 'zustand/vanilla';
import { createAccountsStore, createPluginsStore, type AccountsState, type PluginsState } from './accounts.js';
import { createConnectionStore, type ConnectionState } from './connection.js';
import { createConversationsStore, type ConversationsState } from './conversations.js';
import { createMembersStore, type MembersState } from './members.js';
import { createMessagesStore, type MessagesState } from './messages.js';
import { createTypingStore, type TypingState } from './typing.js';
import { createUiStore, type UiState } from './ui.js';

export interface Stores {
  readonly connection: StoreApi<ConnectionState>;
  readonly plugins: StoreApi<PluginsState>;
  readonly accounts: StoreApi<AccountsState>;
  readonly conversations: StoreApi<ConversationsState>;
  readonly messages: StoreApi<MessagesState>;
  readonly members: StoreApi<MembersState>;
  readonly typing: StoreApi<TypingState>;
  readonly ui: StoreApi<UiState>;
}

export function createStores(): Stores {
  return {
    connection: createConnectionStore(),
    plugins: createPluginsStore(),
    accounts: createAccountsStore(),
    conversations: createConversationsStore(),
    messages: createMessagesStore(),
    members: createMembersStore(),
    typing: createTypingStore(),
    ui: createUiStore(),
  };
}
