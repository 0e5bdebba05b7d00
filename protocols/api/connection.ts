/**
 * One account's live connection to its network. The core creates one per account with
 * {@link ProtocolPlugin.createConnection}, calls its methods, and listens to what it
 * reports through {@link ConnectionContext.emit}.
 *
 * Every method is async and takes and returns plain data. A method that fails throws a
 * {@link ProtocolError}; the core shows its message to the user. Methods other than
 * `connect` and `disconnect` are optional: a plugin implements those its
 * {@link Capabilities} declare, and the core never calls one that is missing.
 */
import type { AccountFieldValue } from './manifest.js';
import type { ProtocolEvent } from './events.js';
import type { Attachment, Avatar, Contact, IncomingMessage, MemberRoleChange, RoomSettings, RoomAffiliation, AffiliationEntry, MessageKind, MessageReference, OwnPresence, PresenceOutcome, RoomDirectoryEntry, RoomDirectoryScope, RoomRef } from './model.js';

/** Logging for plugin authors; lines go to the core's log with the account attached. */
export interface PluginLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Durable key–value storage for one account of one plugin (sync tokens, device ids,
 * roster versions). Values are JSON. Since 0.2.
 */
export interface PluginStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Secrets a plugin obtains by itself (an access token from a login), kept where the
 * user's passwords are: the OS keychain in the app. Since 0.2.
 */
export interface PluginSecrets {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What the core hands a connection when it creates it. */
export interface ConnectionContext {
  /** The core's id for the account; stable across restarts. */
  readonly accountId: string;
  /**
   * The account's settings by field key, secrets included. Fields the user left empty
   * and that have no default are absent.
   */
  readonly settings: Readonly<Record<string, AccountFieldValue>>;
  /** Report an event. Safe to call at any time; events after `disconnect` resolves are dropped. */
  emit(event: ProtocolEvent): void;
  readonly log: PluginLogger;
  /** Durable storage for this account's plugin state. Since 0.2. */
  readonly storage: PluginStorage;
  /** Durable secrets for this account (tokens), never in the database. Since 0.2. */
  readonly secrets: PluginSecrets;
  /**
   * A folder this account's connection may write files into (crypto stores, caches); it is
   * deleted with the account. Since 0.2.
   */
  readonly dataDir: string;
}

/** A message the core wants sent. */
export interface SendMessageRequest {
  /** Target conversation (network id). */
  readonly conversationId: string;
  /**
   * The core's id for this message. Unique and stable across retries: a plugin that can
   * attach a client id to the wire message (XMPP origin-id, Matrix txnId, IRCv3 label)
   * should, so that a retry cannot deliver it twice.
   */
  readonly localId: string;
  readonly kind: Extract<MessageKind, 'text' | 'action' | 'notice'>;
  /**
   * The text as the user typed it. May contain newlines; the plugin splits it as its network
   * requires. It may carry the formatting of `parseMarkup` (markup.ts: `*bold*`, `_italic_`,
   * `` `code` ``, quotes, code blocks, links): a network with formatting sends it in its own
   * form (Matrix HTML from `markupToHtml`, IRC control codes); elsewhere the text reads fine
   * as it is.
   */
  readonly body: string;
  /** The message this one answers, when the user replied to one. Since 0.2. */
  readonly replyTo?: MessageReference;
  /**
   * The network id of the thread's first message, when the user replies in a thread
   * ({@link IncomingMessage.threadRootId}). Since 0.6.
   */
  readonly threadRootId?: string;
  /**
   * Network ids of the members the user mentioned (picked from the member list while
   * typing), for a network with intentional mentions (Matrix `m.mentions`). Since 0.6.
   */
  readonly mentionIds?: readonly string[];
}

/** A correction of a message the user sent. Since 0.2. */
export interface EditMessageRequest {
  readonly conversationId: string;
  /** Network id of the message being corrected. */
  readonly targetNetworkId: string;
  /** The core's id for this edit (as for {@link SendMessageRequest.localId}). */
  readonly localId: string;
  readonly body: string;
}

/** Where to page history from. Since 0.2. */
export interface HistoryRequest {
  readonly conversationId: string;
  /** Fetch messages older than this one (network id and/or server time); absent: the newest. */
  readonly before?: { readonly networkId?: string; readonly timestamp: number };
  readonly limit: number;
}

/** A page of history, oldest first. Since 0.2. */
export interface HistoryPage {
  readonly messages: readonly IncomingMessage[];
  /** True when the server has nothing older. */
  readonly complete: boolean;
}

/** A file to send; the bytes are read by the plugin from `path`. Since 0.2. */
export interface UploadRequest {
  readonly conversationId: string;
  readonly localId: string;
  /** Absolute path of a local file. */
  readonly path: string;
  readonly name: string;
  readonly mimeType: string;
  readonly size: number;
}

/**
 * What the user shows everyone about themselves on an account (`ownProfile`): a display
 * name and a picture read by the plugin from `avatar.path` (PNG, JPEG, GIF or WebP). A field
 * left out stays as it was. Since 0.6.
 */
export interface OwnProfile {
  readonly displayName?: string;
  readonly avatar?: { readonly path: string; readonly mimeType: string };
  /**
   * Remove the picture (XMPP: XEP-0084 §4.5 empty metadata, and no vCard PHOTO; Matrix: no
   * `avatar_url`). Only sent to a plugin that declares `ownProfileRead`. Since 0.7.
   */
  readonly removeAvatar?: boolean;
}

/** What the user shows everyone on an account now (`getProfile`): left out where there is none. Since 0.7. */
export interface CurrentProfile {
  readonly displayName?: string;
  /** The picture, at most 64 KiB (a plugin scales, or asks the server for a thumbnail of, a larger one). */
  readonly avatar?: Avatar;
}

/**
 * A file the core wants fetched, for saving or for a preview (`fileDownload`). The plugin
 * writes the file's plain bytes to `path` (decrypted and verified when the network encrypts
 * files) and never opens or runs it. Since 0.3.
 */
export interface DownloadRequest {
  /** The attachment exactly as the plugin reported it in {@link IncomingMessage.attachments}. */
  readonly attachment: Attachment;
  /**
   * `file`: the whole file. `thumbnail`: a small image of it where the network has one
   * (Matrix `/thumbnail`); a plugin without one writes the whole file instead.
   */
  readonly variant: 'file' | 'thumbnail';
  /** Absolute path of a file to create (it does not exist yet); the core moves it afterwards. */
  readonly path: string;
  /**
   * Refuse (throw `ProtocolError('protocol', …)`) rather than write more than this many
   * bytes: what the server sends may not match the size the message announced.
   */
  readonly maxBytes: number;
  /** Names this download in `download.progress` events. */
  readonly downloadId: string;
}

/** What a finished download wrote. Since 0.3. */
export interface DownloadResult {
  /** Bytes written to {@link DownloadRequest.path}. */
  readonly size: number;
  /** The type the server sent, if any; the core trusts only what it sniffs from the bytes. */
  readonly mimeType?: string;
}

/** A room the user wants to join. */
export interface JoinRoomRequest {
  /** What the user typed: "#channel", "room@conference.example.org", "#room:example.org". */
  readonly room: string;
  readonly password?: string;
  /** The nick to use in the room, where the network has room nicks (`roomNicks`). Since 0.2. */
  readonly nick?: string;
  /**
   * Matrix: servers to join through, as a `matrix:` or matrix.to link's `via=` gives them
   * (client-server API, POST /join/{roomIdOrAlias}?server_name=…): a room id alone cannot be
   * joined over federation without them. Other networks ignore it. Since 0.5.
   */
  readonly via?: readonly string[];
}

/** The live connection of one account. */
export interface ProtocolConnection {
  /**
   * Connect and log in. Resolves once the account is online; rejects with a
   * {@link ProtocolError} (kind `auth`, `network`, `certificate`, …) if it cannot get
   * there. Emits `connection.state` along the way.
   */
  connect(): Promise<void>;

  /** Log out and close the connection. Must resolve even if the connection is already gone. */
  disconnect(): Promise<void>;

  /**
   * Send a message. Resolves when the message is handed to the network; the confirmation
   * comes later as `message.confirmed` (or `message.failed`).
   */
  sendMessage(request: SendMessageRequest): Promise<void>;

  /**
   * Join a room. Resolves with the room's conversation id once joined; the room arrives
   * as `conversation.upserted` and its members as `members.changed`.
   */
  joinRoom?(request: JoinRoomRequest): Promise<{ readonly conversationId: string }>;

  /** Leave a room. */
  leaveRoom?(conversationId: string): Promise<void>;

  /**
   * The rooms the network keeps for the account to join at login (`coreRejoinsRooms`): the
   * core joins them, with its own open rooms, after each (re)connect. Since 0.5.
   */
  savedRooms?(): Promise<readonly RoomRef[]>;

  /**
   * Open a direct conversation with someone by their network id (what the user typed).
   * Resolves with the conversation id, which the plugin also announces as
   * `conversation.upserted`.
   */
  openDirect?(contactId: string): Promise<{ readonly conversationId: string }>;

  // --- Since 0.2; each is called only when the matching capability is declared. ---

  /** Correct a sent message (`edits`). The network's echo arrives as `message.edited`. */
  editMessage?(request: EditMessageRequest): Promise<void>;
  /** Retract a sent message (`deletes`). */
  deleteMessage?(conversationId: string, targetNetworkId: string): Promise<void>;
  /** Replace the user's reactions to a message with this set (`reactions`); empty removes them. */
  react?(conversationId: string, targetNetworkId: string, reactions: readonly string[]): Promise<void>;
  /** Tell the network the user has read up to this message (`receipts`). */
  markRead?(conversationId: string, networkId: string): Promise<void>;
  /** Tell the others whether the user is typing (`typing`). */
  sendTyping?(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void>;
  /**
   * Set the user's own presence (`presence`); `invisible` only with the `invisible`
   * capability (since 0.5). May resolve with a {@link PresenceOutcome} saying what the
   * network made of it (since 0.5; older plugins resolve with nothing).
   */
  setPresence?(presence: OwnPresence): Promise<PresenceOutcome> | Promise<void>;
  /** Change a room's topic (`topics`). */
  setTopic?(conversationId: string, topic: string): Promise<void>;
  /** Page older messages from the server (`history`). Catch-up after a reconnect is the plugin's own job: it emits what it finds as `message.received`. */
  fetchHistory?(request: HistoryRequest): Promise<HistoryPage>;
  /** Add someone to the network's buddy list and ask for their presence (`contactManagement`). */
  addContact?(contact: Pick<Contact, 'id'> & Partial<Pick<Contact, 'displayName' | 'groups'>>): Promise<void>;
  /** Rename or regroup a contact (`contactManagement`). */
  updateContact?(contact: Pick<Contact, 'id'> & Partial<Pick<Contact, 'displayName' | 'groups'>>): Promise<void>;
  /** Remove a contact and its subscriptions (`contactManagement`). */
  removeContact?(contactId: string): Promise<void>;
  /** Block or unblock someone. */
  setBlocked?(contactId: string, blocked: boolean): Promise<void>;
  /** Answer a `request.raised` with one of its choices (default choices: `accept`, `decline`). */
  answerRequest?(requestId: string, choiceId: string): Promise<void>;
  /**
   * Search the server's room directory (`roomDirectory`); since 0.7 another server's
   * (`roomDirectoryServers`) or a space's rooms, as `scope` says.
   */
  listRooms?(query: string, limit: number, scope?: RoomDirectoryScope): Promise<readonly RoomDirectoryEntry[]>;
  /** Invite someone into a room (`invites`). */
  inviteToRoom?(conversationId: string, contactId: string, reason?: string): Promise<void>;
  /** Change the user's nick in one room (`roomNicks`). */
  setRoomNick?(conversationId: string, nick: string): Promise<void>;
  /** Publish the user's own display name and/or picture (`ownProfile`). Since 0.6. */
  setProfile?(profile: OwnProfile): Promise<void>;
  /** The user's own display name and picture as the network has them (`ownProfileRead`). Since 0.7. */
  getProfile?(): Promise<CurrentProfile>;
  /** Remove a member from a room (`kicks`). */
  kickMember?(conversationId: string, memberId: string, reason?: string): Promise<void>;
  /**
   * Change a member's standing in a room (`memberRoles`): one of the member's
   * {@link Member.roleChanges}. The new standing arrives as `members.changed`. Since 0.6.
   */
  setMemberRole?(conversationId: string, memberId: string, change: MemberRoleChange, reason?: string): Promise<void>;
  /**
   * Destroy a room the user owns (`destroyRooms`, XEP-0045 §10.9): everyone in it is told,
   * with the reason; the room then arrives as `conversation.upserted` not joined. Since 0.6.
   */
  destroyRoom?(conversationId: string, reason?: string): Promise<void>;
  /** A room's settings, as its owner may change them (`roomSettings`). Since 0.6. */
  roomSettings?(conversationId: string): Promise<RoomSettings>;
  /** Change the given settings of a room the user owns (`roomSettings`); the others stay. Since 0.6. */
  setRoomSettings?(conversationId: string, settings: RoomSettings): Promise<void>;
  /**
   * The addresses holding an affiliation in a room, present or not (`affiliationLists`;
   * XEP-0045 §9.5 members, §9.2 bans, §9.8 admins, §10.5 owners). Since 0.8.
   */
  roomAffiliations?(conversationId: string, affiliation: RoomAffiliation): Promise<AffiliationEntry[]>;
  /**
   * Give an address an affiliation in a room, or take it away (`none`), whether or not its
   * holder is in the room (`affiliationLists`); `reason` goes with a ban. Since 0.8.
   */
  setRoomAffiliation?(conversationId: string, address: string, affiliation: RoomAffiliation | 'none', reason?: string): Promise<void>;
  /** Send a file (`fileUpload`); progress is reported as `upload.progress` in a later version. */
  uploadFile?(request: UploadRequest): Promise<void>;
  /**
   * Fetch an attachment of a received message into a file (`fileDownload`), reporting
   * `download.progress` for big ones. Fails with `protocol` for a file the server no longer
   * has, one bigger than {@link DownloadRequest.maxBytes}, or one that does not match its
   * hashes. Since 0.3.
   */
  downloadAttachment?(request: DownloadRequest): Promise<DownloadResult>;
  /**
   * Stop a {@link downloadAttachment} under way (by its `downloadId`): it then fails with
   * `network` ("cancelled") and leaves no file. Unknown or finished ids are ignored. Since 0.4.
   */
  cancelDownload?(downloadId: string): Promise<void>;
  /**
   * Run one of the manifest's `commands`. `args` is the rest of the
   * line after the command name. Output for the user comes as events (a `server.notice`,
   * an `event` message in the conversation).
   */
  runCommand?(command: string, args: string, conversationId: string | undefined): Promise<void>;
}
