/**
 * The composition root: the one place the core's services are created and wired. The
 * Electron shell and headless mode both call it; tests do too. It reads in three parts:
 * the services (each made from the ones before it, no late binding), the events between
 * them (the core's EventHub, coreEvents.ts), and the start. Everything that holds the
 * process open is registered in one DisposableStore, and `close` releases it.
 */
import { join } from 'node:path';
import { AccountManager } from './accounts/accountManager.js';
import { BridgeService } from './bridge/bridgeService.js';
import type { StagedFiles } from './files/stagedFiles.js';
import type { BridgeEndpoint } from './bridge/bridgeSession.js';
import { EventBatcher } from './bridge/eventBatcher.js';
import { createRequestHandlers } from './bridge/requestHandlers.js';
import { OwnProfileService } from './accounts/ownProfileService.js';
import { ContactService } from './contacts/contactService.js';
import { PersonService } from './contacts/personService.js';
import { GroupService } from './contacts/groupService.js';
import { MergeSuggestionService } from './contacts/mergeSuggestionService.js';
import { BuddyGroupsRepository } from './store/buddyGroupsRepository.js';
import { AttachmentService, DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './files/attachmentService.js';
import { DownloadsFolder } from './files/downloadsFolder.js';
import { RequestRegistry } from './contacts/requestRegistry.js';
import { ConversationService } from './conversations/conversationService.js';
import { ConversationViews } from './conversations/conversationViews.js';
import { HistoryGaps } from './conversations/historyGaps.js';
import { LinkInbox, createLinkHandlers } from './links/linkInbox.js';
import { IncomingMessages } from './conversations/incomingMessages.js';
import { MessageService } from './conversations/messageService.js';
import { OutboxService } from './outbox/outboxService.js';
import { OutgoingFiles } from './outbox/outgoingFiles.js';
import { ReconnectSequence } from './accounts/reconnectSequence.js';
import type { CoreEvents } from './coreEvents.js';
import { DisposableStore } from './lifecycle/disposable.js';
import { EventHub } from './lifecycle/eventHub.js';
import { MemberRegistry } from './conversations/memberRegistry.js';
import { ProtocolEventIngest } from './conversations/protocolEventIngest.js';
import { UnreadTotal } from './conversations/unreadTotal.js';
import { PluginEventScope } from './plugins/pluginEventScope.js';
import { PluginRegistry, type PluginLimits } from './plugins/pluginRegistry.js';
import { IngestMeter } from './diagnostics/ingestMeter.js';
import { memoryReportOnSignal } from './diagnostics/memoryReport.js';
import { pluginMemory, snapshotPluginHeaps } from './plugins/pluginMemory.js';
import { ManifestCache } from './plugins/manifestCache.js';
import { installedPluginsSandbox } from './plugins/installedPlugins.js';
import { PluginInstaller } from './plugins/install/pluginInstaller.js';
import { DEFAULT_NPM_REGISTRY } from './plugins/install/packageSources.js';
import { PluginControls } from './plugins/pluginControls.js';
import { startProcessRuntime } from './plugins/runtime/processRuntime.js';
import { createPluginRequestHandlers } from './bridge/pluginRequestHandlers.js';
import { createMatrixSsoHandlers } from './bridge/matrixSsoHandlers.js';
import { MatrixSso } from './sso/matrixSso.js';
import type { SandboxSpawner } from './plugins/runtime/pluginRuntime.js';
import type { SecretStore } from './secrets/secretStore.js';
import { AccountsRepository } from './store/accountsRepository.js';
import { ContactsRepository } from './store/contactsRepository.js';
import { ConversationsRepository } from './store/conversationsRepository.js';
import { HistoryGapsRepository } from './store/historyGapsRepository.js';
import { MessagesRepository } from './store/messagesRepository.js';
import { PersonsRepository } from './store/personsRepository.js';
import { SearchRepository, type SearchFilters } from './store/searchRepository.js';
import { SearchIndex } from './store/searchIndex.js';
import { PluginStateRepository } from './store/pluginStateRepository.js';
import { PluginStateService } from './plugins/pluginStateService.js';
import { PreferencesService } from './preferences/preferencesService.js';
import { PreferencesRepository } from './store/preferencesRepository.js';
import { RoomLeavesRepository } from './store/roomLeavesRepository.js';
import { PageActivity, type IdleSource } from './status/idleSource.js';
import { StatusService } from './status/statusService.js';
import type { UserStatus } from '../bridge/userStatus.js';
import { HistoryArchiveService } from './history/historyArchiveService.js';
import { LogViewer } from './history/logViewer.js';
import { LogDaysRepository } from './store/logDaysRepository.js';
import { scheduleDailyRetention } from './history/retention.js';
import { acquireProfileLock } from './profile/profileLock.js';
import { secureProfileFolder } from './profile/profileFolder.js';
import { StorageHealth } from './profile/storageHealth.js';
import { openProfileDatabase, scheduleDailyBackups, type DatabaseRepair, type OpenedProfileDatabase } from './profile/profileDatabase.js';

export interface CoreOptions {
  /** Folder for the database and other per-user data; created if missing. */
  readonly profileDir: string;
  readonly secretStore: SecretStore;
  /** Plugin folders, each with an index.js whose default export is a ProtocolPlugin. */
  readonly pluginDirs: readonly string[];
  /** Folders of plugins the user installed (`<profile>/plugins/<id>`): each runs sandboxed (plugins/installedPlugins.ts). */
  readonly installedPluginDirs?: readonly string[];
  /** Starts an installed plugin's sandboxed process; default a Node child process (the desktop app may give a utilityProcess). */
  readonly spawnSandboxed?: SandboxSpawner;
  /** The npm registry plugins are installed from by name; default https://registry.npmjs.org (tests give a local one). */
  readonly npmRegistry?: string;
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
  /** This machine's clock, as the core reads it to date messages; default Date.now (tests set it wrong). */
  readonly now?: () => number;
  /** The user's idle time for auto-away: the desktop app's is the system's; by default (headless mode) the page's own input. */
  readonly idleSource?: IdleSource;
  /** How long one minute of the autoAwayMinutes preference lasts; default 60 000 (tests shorten it). */
  readonly autoAwayMinuteMs?: number;
}

export interface Core {
  readonly bridge: BridgeEndpoint;
  /** The user's preferences, for the host's own uses (tray, updater, window manners). */
  readonly preferences: Pick<PreferencesService, 'get' | 'onChange'>;
  /** Unread messages in the user's conversations, for the host's title, badge and tray. */
  readonly unread: Pick<UnreadTotal, 'get' | 'onChange'>;
  /** The global status, for the host's tray and menu (the message stays as the user wrote it). */
  readonly globalStatus: GlobalStatusSeam;
  /** Plugins that failed to load, with why. */
  readonly pluginFailures: readonly { readonly dir: string; readonly reason: string }[];
  /**
   * The network came back or the machine woke up: accounts waiting to reconnect try now
   * instead of at the end of their backoff.
   */
  networkAvailable(): void;
  /** The system handed the app a link (xmpp:, irc:, matrix:, …): a window asks the user what to do with it. */
  openLink(uri: string): void;
  close(): Promise<void>;
}

export interface GlobalStatusSeam {
  get(): UserStatus;
  set(status: UserStatus): void;
  onChange(listener: (status: UserStatus) => void): () => void;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((line: string) => console.error(line));
  // Everything that holds the process open is released through `lifetime`, newest first:
  // the accounts disconnect before the workers stop, the database closes last.
  const lifetime = new DisposableStore();
  const folderWarning = secureProfileFolder(options.profileDir);
  if (folderWarning) log(folderWarning);
  const lock = acquireProfileLock(options.profileDir);
  lifetime.defer(() => lock.release());
  let opened: OpenedProfileDatabase;
  try {
    const secretsNotice = await options.secretStore.open?.();
    if (secretsNotice) log(secretsNotice);
    opened = await openProfileDatabase(options.profileDir, options.databaseRepair);
    for (const notice of opened.notices) log(notice);
  } catch (error) {
    await lifetime.dispose();
    throw error;
  }
  const { db } = opened;
  lifetime.defer(() => { opened.close(); });
  const backups = scheduleDailyBackups(db, options.profileDir, log);
  lifetime.defer(() => backups.stop());
  const meter = lifetime.add(IngestMeter.fromEnv(process.env, log));
  const events = new EventBatcher(undefined, undefined, meter);
  lifetime.defer(() => {
    events.flush();
    events.dispose();
  });
  const hub = new EventHub<CoreEvents>();

  // --- The services, each made from the ones before it. ---
  const spawnSandboxed = options.spawnSandboxed ?? startProcessRuntime;
  const plugins = new PluginRegistry(options.workerEntry, { ...options.pluginLimits, meter }, installedPluginsSandbox(options.profileDir, spawnSandboxed),
    new ManifestCache(join(options.profileDir, 'plugin-manifests.json')));
  lifetime.defer(() => plugins.stopAll());
  lifetime.add(memoryReportOnSignal(process.env, log, () => plugins.list().map(pluginMemory), (dir) => snapshotPluginHeaps(plugins.list(), dir)));
  // Rewriting the schema version changes nothing but needs room in the write-ahead log.
  const schemaVersion = Number(db.pragma('user_version', { simple: true }));
  const storage = lifetime.add(new StorageHealth(options.profileDir, events, log, () => void db.pragma(`user_version = ${String(schemaVersion)}`)));
  const accountsRepository = new AccountsRepository(db);
  const conversationsRepository = new ConversationsRepository(db);
  const messagesRepository = new MessagesRepository(db);
  const contactsRepository = new ContactsRepository(db);
  const personsRepository = new PersonsRepository(db);
  const members = new MemberRegistry();
  const requests = new RequestRegistry();
  const accounts: AccountManager = new AccountManager({
    accounts: accountsRepository, secrets: options.secretStore, plugins, events, log, hub,
    // An installed plugin's accounts keep their data inside the one folder its sandbox may write.
    dataDirOf: (accountId) => join(plugins.get(accounts.pluginOf(accountId) ?? '')?.dataRoot ?? join(options.profileDir, 'plugin-data'), accountId),
    // Only when an account is removed, long after both exist.
    forgetPluginSecrets: (accountId) => pluginState.forget(accountId),
    // Asked when an account would connect, after the status service exists.
    heldOffline: (accountId) => status.holdsOffline(accountId),
  });
  const preferences = new PreferencesService(new PreferencesRepository(db), events, log);
  const pageActivity = new PageActivity();
  const status: StatusService = lifetime.add(new StatusService({
    preferences, accounts, events, log, idle: options.idleSource ?? pageActivity, minuteMs: options.autoAwayMinuteMs ?? 60_000,
  }));
  const pluginState: PluginStateService = new PluginStateService(new PluginStateRepository(db), options.secretStore, (id) => accounts.has(id));
  const views = new ConversationViews(conversationsRepository, events, (accountId) => accounts.capabilitiesOf(accountId));
  const conversations = new ConversationService({
    accounts, conversations: conversationsRepository, leaves: new RoomLeavesRepository(db), messages: messagesRepository, members, events, views,
  });
  // This machine's clock, which dates what the user writes and checks network times (tests set it wrong).
  const now = options.now ?? Date.now;
  const outgoingFiles = new OutgoingFiles(join(options.profileDir, 'uploads-pending'));
  const outbox = lifetime.add(new OutboxService({
    accounts, conversations, messages: messagesRepository, events, storage, now, files: outgoingFiles,
    ...(options.sendDeadlineMs !== undefined ? { sendDeadlineMs: options.sendDeadlineMs } : {}),
  }));
  const incoming = new IncomingMessages(conversationsRepository, messagesRepository, views, events, outbox, now);
  const messages = new MessageService({
    accounts, conversations: conversationsRepository, conversationService: conversations, messages: messagesRepository, incoming, events, outbox,
    files: outgoingFiles, now,
  });
  const persons = new PersonService({
    persons: personsRepository, contacts: contactsRepository, events,
    lastDirectActivity: (accountId, contactId) => {
      const conversation = conversationsRepository.find(accountId, contactId);
      return conversation?.kind === 'direct' ? conversation.lastActivity : 0;
    },
  });
  const groupsRepository = new BuddyGroupsRepository(db);
  const groups = new GroupService({ groups: groupsRepository, contacts: contactsRepository, persons: personsRepository, accounts, events });
  const suggestions = lifetime.add(new MergeSuggestionService({ contacts: contactsRepository, persons: personsRepository, groups: groupsRepository, accounts, events }));
  const contacts = new ContactService({ accounts, contacts: contactsRepository, requests, events, persons, groups });
  const gaps = new HistoryGaps({
    gaps: new HistoryGapsRepository(db), conversations: conversationsRepository, conversationService: conversations,
    messages: messagesRepository, incoming, accounts, events, now,
  });
  const ingest = new ProtocolEventIngest({
    db, accounts, conversations: conversationsRepository, messages: messagesRepository, incoming, outbox, views, members, contacts, gaps, events, storage, log, meter,
    searchIndex: new SearchIndex(db),
  });
  const attachments = new AttachmentService({
    messages: messagesRepository, conversations: conversationsRepository, accounts, events,
    downloads: new DownloadsFolder(options.downloadsDir ?? join(options.profileDir, 'downloads')),
    limits: options.attachmentLimits ?? DEFAULT_ATTACHMENT_LIMITS,
    ...(options.httpsCa !== undefined ? { httpsCa: options.httpsCa } : {}),
  });
  const scope = new PluginEventScope({
    pluginOfAccount: (accountId) => accounts.pluginOf(accountId),
    accountOfMessage: (messageId) => {
      const message = messagesRepository.get(messageId);
      return message ? conversationsRepository.get(message.conversationId)?.accountId : undefined;
    },
    accountOfDownload: (downloadId) => attachments.accountOfDownload(downloadId),
    accountsWithRequest: (requestId) => requests.accountsWith(requestId),
  }, (pluginId, accountId, what) => {
    plugins.get(pluginId)?.host.recordViolation();
    log(`[${pluginId}] dropped: it ${what} (${accountId.slice(0, 64)})`);
  });
  const reconnect = lifetime.add(new ReconnectSequence({
    rejoinRooms: (accountId) => conversations.rejoinRooms(accountId),
    restorePresence: (accountId) => status.cameOnline(accountId),
    drainOutbox: (accountId) => outbox.accountReady(accountId),
  }, (accountId) => accounts.isOnline(accountId), log));
  const searchRepository = new SearchRepository(db);
  const search = (query: string, limit: number, filters: SearchFilters) =>
    searchRepository.search(query, limit, filters).flatMap((hit) => {
      const message = messagesRepository.get(hit.messageId);
      return message ? [{ message, snippet: hit.snippet }] : [];
    });
  const logs = new LogViewer(new LogDaysRepository(db), (id) => messagesRepository.get(id));
  const history = new HistoryArchiveService({
    db, downloadsDir: options.downloadsDir ?? join(options.profileDir, 'downloads'), emit: (event) => { events.emitBridgeEvent(event); },
    accountCreated: (accountId) => { accounts.adoptStored(accountId); },
  });
  // Released before the database: a running export or import stops first.
  lifetime.defer(() => {
    history.cancelExport();
    history.cancelImport();
  });
  const retention = scheduleDailyRetention(history.retention, log);
  lifetime.defer(() => retention.stop());
  const links = new LinkInbox((event) => { events.emitBridgeEvent(event); });
  const accountsOfPlugin = (pluginId: string) => accounts.list().filter((account) => account.pluginId === pluginId);
  const installer = new PluginInstaller({
    profileDir: options.profileDir, plugins, runtimeEntry: options.workerEntry, spawn: spawnSandboxed,
    npmRegistry: options.npmRegistry ?? DEFAULT_NPM_REGISTRY, accountsOf: accountsOfPlugin,
    pluginAvailable: (pluginId) => accounts.pluginAvailable(pluginId),
  });
  lifetime.defer(() => installer.close());
  const pluginControls = new PluginControls({
    profileDir: options.profileDir, plugins, accountsOf: accountsOfPlugin,
    pluginAvailable: (pluginId) => accounts.pluginAvailable(pluginId), installedFrom: (pluginId) => installer.sourceOf(pluginId),
  });
  const matrixSso = new MatrixSso();
  lifetime.defer(() => matrixSso.close());
  const unread = lifetime.add(new UnreadTotal(() => conversationsRepository.unreadTotal(), events));
  const bridge = new BridgeService({
    ...createRequestHandlers({
      ownProfile: new OwnProfileService({ accounts, tempDir: join(options.profileDir, 'uploads-pending') }),
      plugins, accounts, conversations, messages, outbox, contacts, persons, groups, suggestions, attachments, events, gaps, search, storage, preferences, history, logs,
      userStatus: { status, pageActivity: () => pageActivity.note() },
      ...(options.stagedFiles ? { stagedFiles: options.stagedFiles } : {}),
    }),
    ...createLinkHandlers(links, () => accounts.list()),
    ...createPluginRequestHandlers(installer, pluginControls, options.stagedFiles),
    ...createMatrixSsoHandlers(matrixSso),
  }, events, log, (error) => storage.refused(error));

  // --- The events between them. ---
  // A plugin's events are admitted by scope first (it may only speak for its own accounts).
  lifetime.add(hub.on('plugin.events', ({ pluginId, items }) => {
    const admitted = scope.admit(pluginId, items);
    attachments.observe(admitted);
    ingest.ingest(admitted);
  }));
  lifetime.add(hub.on('plugin.state', ({ pluginId, state }) => {
    if (state.kind === 'crashed' || state.kind === 'disabled') log(`[${pluginId}] ${state.kind}: ${state.error.message}`);
    accounts.pluginStateChanged(pluginId, state);
  }));
  lifetime.add(hub.on('account.online', ({ accountId }) => void reconnect.cameOnline(accountId)));
  lifetime.add(hub.on('account.offline', ({ accountId }) => {
    reconnect.wentOffline(accountId);
    const forget = (): void => {
      contacts.accountOffline(accountId);
      outbox.connectionLost(accountId);
    };
    // Inside an ingest batch a full disk must fail the whole batch (it is held and
    // retried); elsewhere (a disconnect, a crashed worker, closing) it is retried alone.
    if (db.inTransaction) forget();
    else storage.persist(forget);
  }));
  // Released first, while the events above are still heard: going offline at close marks
  // the messages still in flight failed, as any other disconnect does.
  lifetime.defer(() => accounts.shutdown());

  // --- Start: the plugins, then what was interrupted, then the accounts. ---
  // Workers of plugins without an enabled account stop once their manifest is read.
  const enabledPlugins = new Set(accountsRepository.list().filter((account) => account.enabled).map((account) => account.pluginId));
  try {
    await plugins.loadAll(options.pluginDirs, {
      events: (pluginId, items) => hub.emit('plugin.events', { pluginId, items }),
      log: (level, message, pluginId, accountId) => {
        if (level !== 'debug') log(`[${pluginId}${accountId ? ` ${accountId}` : ''}] ${level}: ${message}`);
      },
      pluginStateChanged: (pluginId, state) => hub.emit('plugin.state', { pluginId, state }),
      storage: (pluginId, accountId, request) => scope.mayUseStorage(pluginId, accountId)
        ? pluginState.handle(accountId, request)
        : Promise.reject(new Error('This account belongs to another plugin.')),
    }, (pluginId) => enabledPlugins.has(pluginId), options.installedPluginDirs ?? []);
    await pluginControls.applyDisabled();
    outbox.failInterruptedSends();
    await outgoingFiles.sweep((messageId) => outbox.waitsToGoOut(messageId));
    await accounts.checkStoredSecrets();
  } catch (error) {
    await lifetime.dispose();
    throw error;
  }
  accounts.startAll();

  return {
    bridge,
    preferences,
    unread,
    globalStatus: {
      get: () => status.view().global.status,
      set: (chosen) => {
        const { message } = status.view().global;
        status.set({ status: chosen, ...(message !== undefined ? { message } : {}) });
      },
      onChange: (listener) => preferences.onChange((current, changed) => {
        if (changed.has('status')) listener(current.status.status);
      }),
    },
    pluginFailures: plugins.failures,
    networkAvailable: () => accounts.retryAllNow(),
    openLink: (uri) => links.open(uri),
    close: () => lifetime.dispose(),
  };
}
