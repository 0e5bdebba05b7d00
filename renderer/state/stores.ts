/** Every store of the renderer, created together by the composition root (or by a test). */
import type { StoreApi } from 'zustand/vanilla';
import { createAttachmentsStore, type AttachmentsState } from './attachments.js';
import { createBuddyGroupsStore, type BuddyGroupsState } from './buddyGroups.js';
import { createAccountsStore, createPluginsStore, type AccountsState, type PluginsState } from './accounts.js';
import { createConnectionStore, type ConnectionState } from './connection.js';
import { createContactsStore, type ContactsState } from './contacts.js';
import { createConversationsStore, type ConversationsState } from './conversations.js';
import { createDraftsStore, type DraftsState } from './drafts.js';
import { createFileUploadsStore, type FileUploadsState } from './fileUploads.js';
import { createHistoryArchiveStore, type HistoryArchiveState } from './historyArchive.js';
import { createHistoryGapsStore, type HistoryGapsState } from './historyGaps.js';
import { createMembersStore, type MembersState } from './members.js';
import { createMessagesStore, type MessagesState } from './messages.js';
import { createNoticesStore, type NoticesState } from './notices.js';
import { createNotificationsStore, type NotificationsState } from './notifications.js';
import { createPeopleStore, type PeopleState } from './people.js';
import { createPreferencesStore, type PreferencesState } from './preferences.js';
import { createStatusStore, type StatusState } from './globalStatus.js';
import { createRequestsStore, type RequestsState } from './requests.js';
import { createSearchStore, type SearchState } from './search.js';
import { createServerNoticesStore, type ServerNoticesState } from './serverNotices.js';
import { createStorageStore, type StorageState } from './storage.js';
import { createTypingStore, type TypingState } from './typing.js';
import { createUiStore, type UiState } from './ui.js';
import { createUploadProgressStore, type UploadProgressState } from './uploadProgress.js';

export interface Stores {
  readonly connection: StoreApi<ConnectionState>;
  readonly plugins: StoreApi<PluginsState>;
  readonly accounts: StoreApi<AccountsState>;
  readonly contacts: StoreApi<ContactsState>;
  readonly people: StoreApi<PeopleState>;
  readonly requests: StoreApi<RequestsState>;
  readonly conversations: StoreApi<ConversationsState>;
  readonly messages: StoreApi<MessagesState>;
  readonly members: StoreApi<MembersState>;
  readonly typing: StoreApi<TypingState>;
  readonly drafts: StoreApi<DraftsState>;
  readonly notices: StoreApi<NoticesState>;
  readonly notifications: StoreApi<NotificationsState>;
  readonly ui: StoreApi<UiState>;
  readonly serverNotices: StoreApi<ServerNoticesState>;
  readonly search: StoreApi<SearchState>;
  readonly fileUploads: StoreApi<FileUploadsState>;
  readonly uploadProgress: StoreApi<UploadProgressState>;
  readonly attachments: StoreApi<AttachmentsState>;
  readonly historyGaps: StoreApi<HistoryGapsState>;
  readonly historyArchive: StoreApi<HistoryArchiveState>;
  readonly storage: StoreApi<StorageState>;
  readonly preferences: StoreApi<PreferencesState>;
  readonly status: StoreApi<StatusState>;
  readonly groups: StoreApi<BuddyGroupsState>;
}

export function createStores(): Stores {
  return {
    connection: createConnectionStore(),
    plugins: createPluginsStore(),
    accounts: createAccountsStore(),
    contacts: createContactsStore(),
    people: createPeopleStore(),
    requests: createRequestsStore(),
    conversations: createConversationsStore(),
    messages: createMessagesStore(),
    members: createMembersStore(),
    typing: createTypingStore(),
    drafts: createDraftsStore(),
    notices: createNoticesStore(),
    notifications: createNotificationsStore(),
    ui: createUiStore(),
    serverNotices: createServerNoticesStore(),
    search: createSearchStore(),
    fileUploads: createFileUploadsStore(),
    uploadProgress: createUploadProgressStore(),
    attachments: createAttachmentsStore(),
    historyGaps: createHistoryGapsStore(),
    historyArchive: createHistoryArchiveStore(),
    storage: createStorageStore(),
    preferences: createPreferencesStore(),
    status: createStatusStore(),
    groups: createBuddyGroupsStore(),
  };
}
