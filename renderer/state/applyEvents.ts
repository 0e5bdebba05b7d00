/**
 * Applies one event batch from the core to every store in a single pass: the events are
 * sorted into one run per store (keeping their order), and each store is set at most
 * once, so a batch of thousands of messages is one render, not thousands.
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { applyAccountEvents, type AccountEvent } from './accounts.js';
import { applyAttachmentProgress, type AttachmentProgressEvent } from './attachments.js';
import { applyContactEvents, type ContactEvent } from './contacts.js';
import { applyConversationEvents, type ConversationEvent } from './conversations.js';
import { forgetDrafts } from './drafts.js';
import { forgetUploads } from './fileUploads.js';
import { applyHistoryArchiveEvents } from './historyArchive.js';
import { applyHistoryGapEvents } from './historyGaps.js';
import { applyMembersEvents, type MembersEvent } from './members.js';
import { applyMessageEvents, type MessageEvent } from './messages.js';
import { dropNotices } from './notices.js';
import { applyPersonEvents, type PersonEvent } from './people.js';
import { applyPreferencesEvents } from './preferences.js';
import { applyStatusEvents } from './globalStatus.js';
import { applyBuddyGroupEvents } from './buddyGroups.js';
import { applyRequestEvents, type RequestEvent } from './requests.js';
import { applyServerNoticeEvents, type ServerNoticeEvent } from './serverNotices.js';
import { applyStorageEvents } from './storage.js';
import type { Stores } from './stores.js';
import { applyTypingEvents, type TypingEvent } from './typing.js';
import { applyUploadProgressEvents, type UploadProgressEvent } from './uploadProgress.js';

export interface SortedEvents {
  readonly accounts: AccountEvent[];
  readonly contacts: ContactEvent[];
  readonly people: PersonEvent[];
  readonly requests: RequestEvent[];
  readonly conversations: ConversationEvent[];
  readonly messages: MessageEvent[];
  readonly members: MembersEvent[];
  readonly typing: TypingEvent[];
  readonly serverNotices: ServerNoticeEvent[];
  readonly uploadProgress: UploadProgressEvent[];
  readonly attachmentProgress: AttachmentProgressEvent[];
  /** Conversations closed in this batch (their drafts and local notices go too). */
  readonly closed: number[];
}

export function sortEvents(events: readonly BridgeEvent[]): SortedEvents {
  const sorted: SortedEvents = { accounts: [], contacts: [], people: [], requests: [], conversations: [], messages: [], members: [], typing: [], serverNotices: [], uploadProgress: [], attachmentProgress: [], closed: [] };
  for (const event of events) {
    switch (event.type) {
      case 'account.changed':
      case 'accounts.reordered':
        sorted.accounts.push(event);
        break;
      case 'account.removed':
        sorted.accounts.push(event);
        sorted.conversations.push(event);
        sorted.contacts.push(event);
        sorted.requests.push(event);
        sorted.serverNotices.push(event);
        break;
      case 'conversation.changed':
        sorted.conversations.push(event);
        break;
      case 'conversation.removed':
        sorted.conversations.push(event);
        sorted.messages.push(event);
        sorted.members.push(event);
        sorted.typing.push(event);
        sorted.uploadProgress.push(event);
        sorted.closed.push(event.payload.conversationId);
        break;
      case 'message.added':
        sorted.messages.push(event);
        sorted.typing.push(event);
        sorted.uploadProgress.push(event);
        break;
      case 'message.updated':
      case 'message.removed':
        sorted.messages.push(event);
        sorted.uploadProgress.push(event);
        break;
      case 'message.progress':
        sorted.uploadProgress.push(event);
        break;
      case 'attachment.progress':
        sorted.attachmentProgress.push(event);
        break;
      case 'members.changed':
        sorted.members.push(event);
        break;
      case 'typing':
        sorted.typing.push(event);
        break;
      case 'contact.changed':
      case 'contact.removed':
        sorted.contacts.push(event);
        break;
      case 'person.changed':
      case 'person.removed':
        sorted.people.push(event);
        break;
      case 'request.raised':
      case 'request.closed':
        sorted.requests.push(event);
        break;
      case 'server.notice':
        sorted.serverNotices.push(event);
        break;
    }
  }
  return sorted;
}

export function applyEventBatch(stores: Stores, events: readonly BridgeEvent[], now: number = Date.now()): void {
  const sorted = sortEvents(events);
  if (sorted.accounts.length > 0) stores.accounts.setState(applyAccountEvents(stores.accounts.getState(), sorted.accounts));
  if (sorted.contacts.length > 0) stores.contacts.setState(applyContactEvents(stores.contacts.getState(), sorted.contacts));
  if (sorted.people.length > 0) stores.people.setState(applyPersonEvents(stores.people.getState(), sorted.people));
  if (sorted.requests.length > 0) stores.requests.setState(applyRequestEvents(stores.requests.getState(), sorted.requests));
  if (sorted.conversations.length > 0) {
    stores.conversations.setState(applyConversationEvents(stores.conversations.getState(), sorted.conversations));
  }
  if (sorted.messages.length > 0) stores.messages.setState(applyMessageEvents(stores.messages.getState(), sorted.messages));
  if (sorted.members.length > 0) stores.members.setState(applyMembersEvents(stores.members.getState(), sorted.members));
  if (sorted.typing.length > 0) {
    const before = stores.typing.getState();
    const after = applyTypingEvents(before, sorted.typing, now);
    if (after !== before) stores.typing.setState(after);
  }
  if (sorted.serverNotices.length > 0) {
    stores.serverNotices.setState(applyServerNoticeEvents(stores.serverNotices.getState(), sorted.serverNotices));
  }
  if (sorted.uploadProgress.length > 0) {
    const before = stores.uploadProgress.getState();
    const after = applyUploadProgressEvents(before, sorted.uploadProgress);
    if (after !== before) stores.uploadProgress.setState(after);
  }
  if (sorted.attachmentProgress.length > 0) {
    const before = stores.attachments.getState();
    const after = applyAttachmentProgress(before, sorted.attachmentProgress);
    if (after !== before) stores.attachments.setState(after);
  }
  const storageBefore = stores.storage.getState();
  const storageAfter = applyStorageEvents(storageBefore, events);
  if (storageAfter !== storageBefore) stores.storage.setState(storageAfter, true);
  const preferencesBefore = stores.preferences.getState();
  const preferencesAfter = applyPreferencesEvents(preferencesBefore, events);
  if (preferencesAfter !== preferencesBefore) stores.preferences.setState(preferencesAfter, true);
  const statusBefore = stores.status.getState();
  const statusAfter = applyStatusEvents(statusBefore, events);
  if (statusAfter !== statusBefore) stores.status.setState(statusAfter, true);
  const groupsBefore = stores.groups.getState();
  const groupsAfter = applyBuddyGroupEvents(groupsBefore, events);
  if (groupsAfter !== groupsBefore) stores.groups.setState(groupsAfter, true);
  const gapsBefore = stores.historyGaps.getState();
  const gapsAfter = applyHistoryGapEvents(gapsBefore, events);
  if (gapsAfter !== gapsBefore) stores.historyGaps.setState(gapsAfter);
  const archiveBefore = stores.historyArchive.getState();
  const archiveAfter = applyHistoryArchiveEvents(archiveBefore, events);
  if (archiveAfter !== archiveBefore) stores.historyArchive.setState(archiveAfter);
  if (sorted.accounts.some((event) => event.type === 'account.removed' && event.payload.accountId === stores.ui.getState().serverConsole)) {
    stores.ui.setState({ serverConsole: null });
  }
  for (const conversationId of sorted.closed) {
    stores.drafts.setState(forgetDrafts(stores.drafts.getState(), conversationId));
    stores.notices.setState(dropNotices(stores.notices.getState(), conversationId));
    stores.fileUploads.setState(forgetUploads(stores.fileUploads.getState(), conversationId));
  }
}
