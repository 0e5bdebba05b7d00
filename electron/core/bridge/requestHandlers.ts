/**
 * Every bridge request, mapped to the service that does the work. The compiler checks that
 * no request of the contract is left without a handler.
 */
import type { RequestHandlers } from '../../bridge/contract.js';
import type { PluginView } from '../../bridge/schemas.js';
import type { Message } from '../model/message.js';
import { contactView } from './contactViews.js';
import { messageView } from './messageViews.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { OwnProfileService } from '../accounts/ownProfileService.js';
import type { ContactService } from '../contacts/contactService.js';
import type { PersonService } from '../contacts/personService.js';
import type { GroupService } from '../contacts/groupService.js';
import type { MergeSuggestionService } from '../contacts/mergeSuggestionService.js';
import { createGroupRequestHandlers } from './groupRequestHandlers.js';
import type { PluginRequests } from './pluginRequestHandlers.js';
import type { MatrixSsoRequests } from './matrixSsoHandlers.js';
import type { AttachmentService } from '../files/attachmentService.js';
import type { OutgoingFileSource, StagedFiles } from '../files/stagedFiles.js';
import type { ConversationService } from '../conversations/conversationService.js';
import type { HistoryGaps } from '../conversations/historyGaps.js';
import type { MessageService } from '../conversations/messageService.js';
import type { OutboxService } from '../outbox/outboxService.js';
import type { HistoryArchiveService } from '../history/historyArchiveService.js';
import type { LogViewer } from '../history/logViewer.js';
import type { PluginRegistry } from '../plugins/pluginRegistry.js';
import type { PreferencesService } from '../preferences/preferencesService.js';
import type { StorageHealth } from '../profile/storageHealth.js';
import { statusRequestHandlers, userStatusOf, type StatusHandlerDeps } from '../status/statusHandlers.js';
import type { EventBatcher } from './eventBatcher.js';
import { CoreError, invalidRequest } from '../model/coreError.js';
import type { SearchFilters } from '../store/searchRepository.js';

export interface HandlerDeps {
  readonly plugins: PluginRegistry;
  readonly accounts: AccountManager;
  readonly ownProfile: OwnProfileService;
  readonly conversations: ConversationService;
  readonly messages: MessageService;
  readonly outbox: OutboxService;
  readonly contacts: ContactService;
  readonly persons: PersonService;
  readonly groups: GroupService;
  readonly suggestions: MergeSuggestionService;
  readonly attachments: AttachmentService;
  readonly events: EventBatcher;
  /** Files uploaded by HTTP before `messages.sendFile` names them (headless mode only). */
  readonly stagedFiles?: StagedFiles;
  readonly gaps: HistoryGaps;
  readonly history: HistoryArchiveService;
  readonly logs: LogViewer;
  readonly storage: Pick<StorageHealth, 'state'>;
  readonly preferences: PreferencesService;
  readonly userStatus: StatusHandlerDeps;
  readonly search: (query: string, limit: number, filters: SearchFilters) => { message: Message; snippet: string }[];
}

const done = <T>(work: Promise<T>): Promise<null> => work.then(() => null);

/** All but the links' requests (links/linkInbox.ts), the Plugins dialog's (pluginRequestHandlers.ts) and Matrix sign-on's (matrixSsoHandlers.ts). */
export function createRequestHandlers(deps: HandlerDeps): Omit<RequestHandlers, 'links.resolve' | 'links.take' | PluginRequests | MatrixSsoRequests> {
  const { accounts, conversations, messages, contacts } = deps;
  return {
    'plugins.list': () => Promise.resolve(deps.plugins.list().map(({ manifest, host }): PluginView => ({
      id: manifest.id,
      name: manifest.name,
      version: manifest.version,
      ...(manifest.description !== undefined ? { description: manifest.description } : {}),
      capabilities: { ...manifest.capabilities },
      accountFields: manifest.accountFields.map((field) => ({ ...field })) as PluginView['accountFields'],
      accountLabelField: manifest.accountLabelField,
      ...(manifest.roomPlaceholder !== undefined ? { roomPlaceholder: manifest.roomPlaceholder } : {}),
      violations: host.violationCount,
      ...(manifest.commands !== undefined ? { commands: manifest.commands.map((c) => ({ ...c })) } : {}),
    }))),
    'accounts.list': () => Promise.resolve(accounts.list()),
    'accounts.add': ({ pluginId, settings }) => accounts.add(pluginId, settings),
    'accounts.update': ({ accountId, settings }) => accounts.update(accountId, settings),
    'accounts.remove': async ({ accountId }) => {
      const open = conversations.list().filter((c) => c.accountId === accountId);
      await deps.persons.removingAccount(accountId, () => accounts.remove(accountId));
      deps.userStatus.status.forgetAccount(accountId);
      // Their rows went with the account; the UI closes their tabs.
      for (const { id } of open) deps.events.emit({ type: 'conversation.removed', payload: { conversationId: id } });
      return null;
    },
    'accounts.trustCertificate': ({ accountId, fingerprint256 }) => Promise.resolve(accounts.trustCertificate(accountId, fingerprint256)),
    'accounts.connect': ({ accountId }) => {
      accounts.connect(accountId);
      return Promise.resolve(null);
    },
    'accounts.disconnect': ({ accountId }) => done(accounts.disconnect(accountId)),
    'accounts.reorder': ({ accountIds }) => {
      accounts.reorder(accountIds);
      return Promise.resolve(null);
    },
    'accounts.setProfile': ({ accountId, ...profile }) => done(deps.ownProfile.set(accountId, profile)),
    'accounts.profile': ({ accountId }) => deps.ownProfile.get(accountId),
    'accounts.setPresence': ({ accountId, presence }) => {
      deps.userStatus.status.setAccount(accountId, { status: userStatusOf(presence.status), ...(presence.message !== undefined ? { message: presence.message } : {}) });
      return Promise.resolve(null);
    },
    'conversations.list': () => Promise.resolve(conversations.list()),
    'conversations.joinRoom': ({ accountId, room, password, nick, via }) => conversations.joinRoom(accountId, room, password, nick, via),
    'conversations.setNick': ({ conversationId, nick }) => done(conversations.setNick(conversationId, nick)),
    'conversations.openDirect': ({ accountId, contactId }) => conversations.openDirect(accountId, contactId),
    'conversations.leave': ({ conversationId }) => done(conversations.leave(conversationId)),
    'conversations.show': ({ conversationId }) => Promise.resolve(conversations.show(conversationId)),
    'conversations.markRead': ({ conversationId, threadRoot }) => {
      conversations.markRead(conversationId, threadRoot);
      return Promise.resolve(null);
    },
    'conversations.setTyping': ({ conversationId, state }) => done(conversations.setTyping(conversationId, state)),
    'conversations.setTopic': ({ conversationId, topic }) => done(conversations.setTopic(conversationId, topic)),
    'conversations.invite': ({ conversationId, contactId }) => done(conversations.invite(conversationId, contactId)),
    'attachments.save': ({ messageId, index }) => deps.attachments.save(messageId, index),
    'attachments.preview': ({ messageId, index }) => deps.attachments.preview(messageId, index),
    'attachments.cancel': ({ messageId, index }) => {
      deps.attachments.cancel(messageId, index);
      return Promise.resolve(null);
    },
    'members.list': ({ conversationId }) => Promise.resolve(conversations.members(conversationId)),
    'members.kick': ({ conversationId, memberId, reason }) => done(conversations.kick(conversationId, memberId, reason)),
    'members.setRole': ({ conversationId, memberId, change, reason }) => done(conversations.setMemberRole(conversationId, memberId, change, reason)),
    'conversations.destroy': ({ conversationId, reason }) => done(conversations.destroyRoom(conversationId, reason)),
    'conversations.roomSettings': ({ conversationId }) => conversations.roomSettings(conversationId),
    'conversations.setRoomSettings': ({ conversationId, settings }) => done(conversations.setRoomSettings(conversationId, settings)),
    'conversations.affiliations': ({ conversationId, affiliation }) => conversations.affiliations(conversationId, affiliation),
    'conversations.setAffiliation': ({ conversationId, address, affiliation, reason }) => done(conversations.setAffiliation(conversationId, address, affiliation, reason?.trim() || undefined)),
    'messages.list': ({ conversationId, before, limit }) => Promise.resolve(conversations.page(conversationId, limit, before).map(messageView)),
    'messages.thread': ({ conversationId, root, limit }) => Promise.resolve(conversations.thread(conversationId, root, limit).map(messageView)),
    'messages.send': ({ conversationId, body, kind, replyTo, threadRoot, mentionIds }) => Promise.resolve(messageView(messages.send(conversationId, body, kind ?? 'text', replyTo, {
      ...(threadRoot !== undefined ? { threadRoot } : {}), ...(mentionIds !== undefined ? { mentionIds } : {}),
    }))),
    'messages.sendFile': ({ conversationId, name, mimeType, dataBase64, uploadId }) =>
      messages.sendFile(conversationId, name, mimeType, fileSource(deps.stagedFiles, dataBase64, uploadId)).then(messageView),
    'messages.fetchOlder': ({ conversationId, limit }) => messages.fetchOlder(conversationId, limit),
    'history.gaps': ({ conversationId }) => Promise.resolve(deps.gaps.list(conversationId)),
    'history.fillGap': ({ gapId }) => deps.gaps.fill(gapId),
    'messages.retry': ({ messageId }) => Promise.resolve(messageView(deps.outbox.retry(messageId))),
    'messages.cancel': ({ messageId }) => {
      deps.outbox.cancel(messageId);
      return Promise.resolve(null);
    },
    'messages.edit': ({ messageId, body }) => messages.edit(messageId, body).then(messageView),
    'messages.delete': ({ messageId }) => done(messages.delete(messageId)),
    'messages.react': ({ messageId, reactions }) => done(messages.react(messageId, reactions)),
    'contacts.list': () => Promise.resolve(contacts.list().map(contactView)),
    'contacts.add': ({ accountId, contactId, displayName, groups }) => done(contacts.add(accountId, contactId, displayName, groups)),
    'contacts.update': ({ accountId, contactId, displayName, groups }) => done(contacts.update(accountId, contactId, displayName, groups)),
    'contacts.remove': ({ accountId, contactId }) => done(contacts.remove(accountId, contactId)),
    'contacts.setBlocked': ({ accountId, contactId, blocked }) => done(contacts.setBlocked(accountId, contactId, blocked)),
    ...createGroupRequestHandlers(deps.groups, deps.suggestions),
    'people.list': () => Promise.resolve(deps.persons.list()),
    'contacts.merge': ({ accountId, contactId, withAccountId, withContactId, name }) =>
      Promise.resolve(deps.persons.merge({ accountId, contactId }, { accountId: withAccountId, contactId: withContactId }, name)),
    'people.rename': ({ personId, name }) => Promise.resolve(deps.persons.rename(personId, name)),
    'people.open': ({ personId }) => {
      const buddy = deps.persons.preferredBuddy(personId);
      return conversations.openDirect(buddy.accountId, buddy.contactId);
    },
    'contacts.separate': ({ accountId, contactId }) => {
      deps.persons.separate({ accountId, contactId });
      return Promise.resolve(null);
    },
    'requests.list': () => Promise.resolve(contacts.requestsList()),
    'requests.answer': ({ accountId, requestId, choiceId }) => done(contacts.answer(accountId, requestId, choiceId)),
    'search.query': ({ query, limit, ...filters }) => Promise.resolve(deps.search(query, limit, filters).map(({ message, snippet }) => ({ message: messageView(message), snippet }))),
    'logs.days': ({ subject, timeZone }) => Promise.resolve(deps.logs.days(subject, timeZone)),
    'logs.read': ({ subject, timeZone, day }) => {
      const read = deps.logs.day(subject, timeZone, day);
      return Promise.resolve({ ...read, messages: read.messages.map(messageView) });
    },
    'history.export': (params) => deps.history.export(params),
    'history.cancelExport': () => {
      deps.history.cancelExport();
      return Promise.resolve(null);
    },
    'history.import': (params) => deps.history.import(params),
    'history.cancelImport': () => {
      deps.history.cancelImport();
      return Promise.resolve(null);
    },
    'history.retention': ({ accountId }) => {
      const { days } = deps.history.retention.policy(accountId);
      return Promise.resolve(days !== undefined ? { days } : {});
    },
    'history.setRetention': ({ accountId, days }) => {
      deps.history.retention.setPolicy(accountId, days ?? undefined);
      return Promise.resolve(null);
    },
    'history.retentionPreview': ({ accountId, days }) => Promise.resolve({ count: deps.history.retention.countExpired(accountId, days) }),
    'history.applyRetention': ({ accountId }) => {
      const { days } = deps.history.retention.policy(accountId);
      return Promise.resolve({ deleted: days === undefined ? 0 : deps.history.retention.deleteExpired(accountId, days) });
    },
    'storage.state': () => Promise.resolve(deps.storage.state),
    ...statusRequestHandlers(deps.userStatus),
    'preferences.get': () => Promise.resolve(deps.preferences.get()),
    'preferences.set': (patch) => Promise.resolve(deps.preferences.set(patch)),
    'rooms.directory': ({ accountId, query, limit, server, space }) => conversations.directory(accountId, query, limit, {
      ...(server !== undefined ? { server } : {}), ...(space !== undefined ? { space } : {}),
    }),
    'commands.run': async ({ accountId, command, args, conversationId }) => {
      const manifest = accounts.manifestOf(accountId);
      if (!manifest.commands?.some((c) => c.name === command)) {
        throw new CoreError({ kind: 'not-supported', message: `${manifest.name} has no /${command} command.` });
      }
      const networkConversation = conversationId === undefined ? undefined : conversations.get(conversationId);
      if (networkConversation && networkConversation.accountId !== accountId) {
        throw new CoreError({ kind: 'invalid-request', message: 'That conversation belongs to another account.' });
      }
      await accounts.call(accountId, 'runCommand', [command, args, networkConversation?.networkId]);
      return null;
    },
  };
}

export function fileSource(staged: StagedFiles | undefined, dataBase64: string | undefined, uploadId: string | undefined): OutgoingFileSource {
  if ((dataBase64 === undefined) === (uploadId === undefined)) throw invalidRequest('Invalid messages.sendFile request: give either dataBase64 or uploadId.');
  if (dataBase64 !== undefined) return { bytes: Buffer.from(dataBase64, 'base64') };
  const file = uploadId === undefined ? undefined : staged?.take(uploadId);
  if (!file) throw invalidRequest('The uploaded file is no longer there (uploads are kept for 10 minutes). Send it again.');
  return { staged: file };
}
