/**
 * The composition root: the one place the core's services are created and wired. The
 * Electron shell and headless mode both call it; tests do too.
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AccountManager } from './accounts/accountManager.js';
import { BridgeService } from './bridge/bridgeService.js';
import type { StagedFiles } from './files/stagedFiles.js';
import type { BridgeEndpoint } from './bridge/bridgeSession.js';
import { EventBatcher } from './bridge/eventBatcher.js';
import { createRequestHandlers } from './bridge/requestHandlers.js';
import { ContactService } from './contacts/contactService.js';
import { PersonService } from './contacts/personService.js';
import { AttachmentService, DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './files/attachmentService.js';
import { DownloadsFolder } from './files/downloadsFolder.js';
import { RequestRegistry } from './contacts/requestRegistry.js';
import { ConversationService } from './conversations/conversationService.js';
import { ConversationViews } from './conversations/conversationViews.js';
import { HistoryGaps } from './conversations/historyGaps.js';
import { IncomingMessages } from './conversations/incomingMessages.js';
import { MessageService } from './conversations/messageService.js';
import { MemberRegistry } from './conversations/memberRegistry.js';
import { ProtocolEventIngest } from './conversations/protocolEventIngest.js';
import { PluginEventScope } from './plugins/pluginEventScope.js';
import { PluginRegistry, type PluginLimits } from './plugins/pluginRegistry.js';
import type { SecretStore } from './secrets/secretStore.js';
import { AccountsRepository } from './store/accountsRepository.js';
import { ContactsRepository } from './store/contactsRepository.js';
import { ConversationsRepository } from './store/conversationsRepository.js';
import { HistoryGapsRepository } from './store/historyGapsRepository.js';
import { MessagesRepository } from './store/messagesRepository.js';
import { PersonsRepository } from './store/personsRepository.js';
import { SearchRepository } from './store/searchRepository.js';
import { PluginStateRepository } from './store/pluginStateRepository.js';
import { PluginStateService } from './plugins/pluginStateService.js';
import { HistoryArchiveService } from './history/historyArchiveService.js';
import { scheduleDailyRetention } from './history/retention.js';
import { acquireProfileLock } from './profile/profileLock.js';
import { secureProfileFolder } from './profile/profileFolder.js';
import { StorageHealth } from './profile/storageHealth.js';
import { openProfileDatabase, scheduleDailyBackups, type DatabaseRepair } from './profile/profileDatabase.js';

export interface CoreOptions {
  /** Folder for the database and other per-user data; created if missing. */
  readonly profileDir: string;
  readonly secretStore: SecretStore;
  /** Plugin folders, each with an index.js whose default export is a ProtocolPlugin. */
  readonly pluginDirs: readonly string[];
  /** The built plugin worker entry (dist/core/pluginWorker.js). */
  readonly workerEntry: string;
  readonly log?: (line: string) => void;
  /** Supervision limits of plugin workers (heartbeat, heap, crashes); defaults suit the app. */
  readonly pluginLimits?: PluginLimits;
  /** Where saved attachments go; default `<profileDir>/downloads` (the app passes the user's Downloads folder). */
  readonly downloadsDir?: string;
  /** Size limits of saved and previewed attachments; defaults suit the app (200 MB, 10 MB). */
  readonly attachmentLimits?: AttachmentLimits;
  /** The user's answer to a database that could not be used as it was (see ProfileDatabaseError). */
  readonly databaseRepair?: DatabaseRepair;
  /** Certificate authorities trusted for https attachments instead of the system's; tests only. */
  readonly httpsCa?: string;
  /** Headless mode: files uploaded by HTTP that `messages.sendFile` may name by id. */
  readonly stagedFiles?: StagedFiles;
  /** How long a message handed to a plugin may stay unconfirmed before it counts as lost; default two minutes (tests shorten it). */
  readonly sendDeadlineMs?: number;
}

export interface Core {
  readonly bridge: BridgeEndpoint;
  /** Plugins that failed to load, with why. */
  readonly pluginFailures: readonly { readonly dir: string; readonly reason: string }[];
  /**
   * The network came back or the machine woke up: accounts waiting to reconnect try now
   * instead of at the end of their backoff.
   */
  networkAvailable(): void;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((line: string) => console.error(line));
  const folderWarning = secureProfileFolder(options.profileDir);
  if (folderWarning) log(folderWarning);
  const lock = acquireProfileLock(options.profileDir);
  let db: Database;
  try {
    const secretsNotice = await options.secretStore.open?.();
    if (secretsNotice) log(secretsNotice);
    const opened = await openProfileDatabase(options.profileDir, options.databaseRepair);
    for (const notice of opened.notices) log(notice);
    db = opened.db;
  } catch (error) {
    lock.release();
    throw error;
  }
  const backups = scheduleDailyBackups(db, options.profileDir, log);
  const events = new EventBatcher();
  // Rewriting the schema version changes nothing but needs room in the write-ahead log.
  const schemaVersion = Number(db.pragma('user_version', { simple: true }));
  const storage = new StorageHealth(options.profileDir, events, log, () => void db.pragma(`user_version = ${String(schemaVersion)}`));
  const conversationsRepository = new ConversationsRepository(db);
  const messagesRepository = new MessagesRepository(db);
  const members = new MemberRegistry();
  const accountsRepository = new AccountsRepository(db);

  // The registry starts workers whose events need the account manager, which needs the
  // registry: the late binding below closes that loop.
  const late: { attachments?: AttachmentService; ingest?: ProtocolEventIngest; accounts?: AccountManager; contacts?: ContactService; messages?: MessageService; conversations?: ConversationService } = {};
  const pluginState = new PluginStateService(new PluginStateRepository(db), options.secretStore, (id) => late.accounts?.has(id) ?? false);
  const requests = new RequestRegistry();
  const scope = new PluginEventScope({
    pluginOfAccount: (accountId) => late.accounts?.pluginOf(accountId),
    accountOfMessage: (messageId) => {
      const message = messagesRepository.get(messageId);
      return message ? conversationsRepository.get(message.conversationId)?.accountId : undefined;
    },
    accountOfDownload: (downloadId) => late.attachments?.accountOfDownload(downloadId),
    accountsWithRequest: (requestId) => requests.accountsWith(requestId),
  }, (pluginId, accountId, what) => {
    plugins.get(pluginId)?.host.recordViolation();
    log(`[${pluginId}] dropped: it ${what} (${accountId.slice(0, 64)})`);
  });
  const plugins: PluginRegistry = new PluginRegistry(options.workerEntry, {
    events: (pluginId, items) => {
      const admitted = scope.admit(pluginId, items);
      late.attachments?.observe(admitted);
      late.ingest?.ingest(admitted);
    },
    log: (level, message, pluginId, accountId) => {
      if (level !== 'debug') log(`[${pluginId}${accountId ? ` ${accountId}` : ''}] ${level}: ${message}`);
    },
    pluginStateChanged: (pluginId, state) => {
      if (state.kind === 'crashed' || state.kind === 'disabled') log(`[${pluginId}] ${state.kind}: ${state.error.message}`);
      late.accounts?.pluginStateChanged(pluginId, state);
    },
    storage: (pluginId, accountId, request) => scope.mayUseStorage(pluginId, accountId)
      ? pluginState.handle(accountId, request)
      : Promise.reject(new Error('This account belongs to another plugin.')),
  }, options.pluginLimits);
  // Workers of plugins without an enabled account stop once their manifest is read.
  const enabledPlugins = new Set(accountsRepository.list().filter((account) => account.enabled).map((account) => account.pluginId));
  await plugins.loadAll(options.pluginDirs, (pluginId) => enabledPlugins.has(pluginId));

  const accounts = new AccountManager({
    accounts: accountsRepository, secrets: options.secretStore, plugins, events, log,
    dataDirOf: (accountId) => join(options.profileDir, 'plugin-data', accountId),
    forgetPluginSecrets: (accountId) => pluginState.forget(accountId),
    wentOffline: (accountId) => {
      const forget = (): void => {
        late.contacts?.accountOffline(accountId);
        late.messages?.connectionLost(accountId);
      };
      // Inside an ingest batch a full disk must fail the whole batch (it is held and
      // retried); elsewhere (a disconnect, a crashed worker, closing) it is retried alone.
      if (db.inTransaction) forget();
      else storage.persist(forget);
    },
    cameOnline: (accountId) => {
      void late.messages?.flushOutbox(accountId);
      void late.conversations?.rejoinRooms(accountId);
      void late.contacts?.restorePresence(accountId);
    },
  });
  late.accounts = accounts;
  const views = new ConversationViews(conversationsRepository, events, (accountId) => accounts.capabilitiesOf(accountId));
  const incoming = new IncomingMessages(conversationsRepository, messagesRepository, views, events, {
    takeBackLost: (message, error) => late.messages?.takeBackLost(message, error) ?? false,
    confirmed: (messageId) => late.messages?.confirmed(messageId),
  });
  const contactsRepository = new ContactsRepository(db);
  const persons = new PersonService({
    persons: new PersonsRepository(db), contacts: contactsRepository, events,
    lastDirectActivity: (accountId, contactId) => {
      const conversation = conversationsRepository.find(accountId, contactId);
      return conversation?.kind === 'direct' ? conversation.lastActivity : 0;
    },
  });
  const contacts = new ContactService({ accounts, contacts: contactsRepository, requests, events, persons });
  late.contacts = contacts;
  const conversations = new ConversationService({ accounts, conversations: conversationsRepository, messages: messagesRepository, members, events, views });
  const messages = new MessageService({
    accounts, conversations: conversationsRepository, conversationService: conversations, messages: messagesRepository, incoming, events, storage,
    uploadsDir: join(options.profileDir, 'uploads-pending'),
    ...(options.sendDeadlineMs !== undefined ? { sendDeadlineMs: options.sendDeadlineMs } : {}),
  });
  late.messages = messages;
  late.conversations = conversations;
  messages.failInterruptedSends();
  const gaps = new HistoryGaps({
    gaps: new HistoryGapsRepository(db), conversations: conversationsRepository, conversationService: conversations,
    messages: messagesRepository, incoming, accounts, events,
  });
  late.ingest = new ProtocolEventIngest({
    db, accounts, conversations: conversationsRepository, messages: messagesRepository, incoming, views, members, contacts, gaps, events, storage, log,
  });
  const attachments = new AttachmentService({
    messages: messagesRepository, conversations: conversationsRepository, accounts, events,
    downloads: new DownloadsFolder(options.downloadsDir ?? join(options.profileDir, 'downloads')),
    limits: options.attachmentLimits ?? DEFAULT_ATTACHMENT_LIMITS,
    ...(options.httpsCa !== undefined ? { httpsCa: options.httpsCa } : {}),
  });
  late.attachments = attachments;
  const searchRepository = new SearchRepository(db);
  const search = (query: string, limit: number, scope: { accountId?: string; conversationId?: number }) =>
    searchRepository.search(query, limit, scope).flatMap((hit) => {
      const message = messagesRepository.get(hit.messageId);
      return message ? [{ message, snippet: hit.snippet }] : [];
    });
  const history = new HistoryArchiveService({
    db, downloadsDir: options.downloadsDir ?? join(options.profileDir, 'downloads'), emit: (event) => { events.emit(event); },
    accountCreated: (accountId) => { accounts.adoptStored(accountId); },
  });
  const retention = scheduleDailyRetention(history.retention, log);
  const bridge = new BridgeService(createRequestHandlers({
    plugins, accounts, conversations, messages, contacts, persons, attachments, events, gaps, search, storage, history,
    ...(options.stagedFiles ? { stagedFiles: options.stagedFiles } : {}),
  }), events, log, (error) => storage.refused(error));
  await accounts.checkStoredSecrets();
  accounts.startAll();

  return {
    bridge,
    pluginFailures: plugins.failures,
    networkAvailable: () => accounts.retryAllNow(),
    async close() {
      retention.stop();
      history.cancelExport();
      history.cancelImport();
      await accounts.shutdown();
      messages.dispose();
      storage.dispose();
      await plugins.stopAll();
      events.flush();
      events.dispose();
      await backups.stop();
      db.close();
      lock.release();
    },
  };
}
