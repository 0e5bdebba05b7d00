/**
 * Everything a connection tells the core, as a discriminated union on `type`. A plugin
 * reports state and data only through these events (see {@link ConnectionContext.emit}).
 *
 * The core ignores events whose `type` it does not know, so new event types can be added
 * in minor API versions without breaking older cores or plugins.
 */
import type { ProtocolErrorData } from './errors.js';
import type { Contact, Conversation, IncomingMessage, Member, Presence, SenderTrust, UserRequest } from './model.js';

/** Where a connection is in its life. */
export type ConnectionState = 'offline' | 'connecting' | 'online' | 'reconnecting' | 'failed';

/** The connection's state changed. `failed` and `reconnecting` carry the error that caused them. */
export interface ConnectionStateEvent {
  readonly type: 'connection.state';
  readonly state: ConnectionState;
  /** Why the connection is `failed`, or why it is `reconnecting`. */
  readonly error?: ProtocolErrorData;
  /** For `reconnecting`: when the next attempt starts (ms since the epoch). */
  readonly retryAt?: number;
  /** The user's own id on the network once online (nick, full JID, Matrix user id). */
  readonly selfId?: string;
}

/** A contact appeared on the buddy list or changed. Carries the whole contact. */
export interface ContactUpsertedEvent {
  readonly type: 'contact.upserted';
  readonly contact: Contact;
}

/** A contact left the buddy list. */
export interface ContactRemovedEvent {
  readonly type: 'contact.removed';
  readonly contactId: string;
}

/** A contact's presence changed. */
export interface PresenceChangedEvent {
  readonly type: 'presence.changed';
  readonly contactId: string;
  readonly presence: Presence;
}

/** A conversation opened (the user joined a room, someone wrote first) or changed (topic, title, joined). */
export interface ConversationUpsertedEvent {
  readonly type: 'conversation.upserted';
  readonly conversation: Conversation;
}

/** A message arrived, or the server echoed one the user sent. */
export interface MessageReceivedEvent {
  readonly type: 'message.received';
  readonly message: IncomingMessage;
}

/**
 * The network accepted a message the core asked the plugin to send. Sent when the
 * network confirms it (echo, receipt, or the server's answer to a later request: IRC's
 * PING); a plugin for a network without any of these sends it once the message is written
 * to the socket.
 */
export interface MessageConfirmedEvent {
  readonly type: 'message.confirmed';
  /** The id the core gave in {@link SendMessageRequest.localId}. */
  readonly localId: string;
  readonly networkId?: string;
  /** Server time of the message, if known. */
  readonly timestamp?: number;
}

/** A message the core asked the plugin to send could not be delivered. */
export interface MessageFailedEvent {
  readonly type: 'message.failed';
  readonly localId: string;
  readonly error: ProtocolErrorData;
}

/** Someone started or stopped typing. */
export interface TypingEvent {
  readonly type: 'typing';
  readonly conversationId: string;
  readonly participantId: string;
  readonly state: 'active' | 'paused' | 'done';
}

/**
 * A room's member list changed. With `reset`, `added` is the complete new list (after a
 * join's NAMES, a resync); without it, the change is applied to the list the core holds.
 */
export interface MembersChangedEvent {
  readonly type: 'members.changed';
  readonly conversationId: string;
  readonly reset?: boolean;
  /** Members who joined, or whose name or role changed (matched by id). */
  readonly added?: readonly Member[];
  /** Ids of members who left. */
  readonly removed?: readonly string[];
  /** Renames, applied before `added`: the member keeps its place and role. */
  readonly renamed?: readonly { readonly from: string; readonly to: string }[];
}

/** A line for the account's server console (MOTD, server notices), not tied to a conversation. */
export interface ServerNoticeEvent {
  readonly type: 'server.notice';
  readonly text: string;
  readonly timestamp: number;
}

/**
 * A message was corrected (XEP-0308, Matrix m.replace). The core replaces the stored body
 * of the message with `targetNetworkId` and marks it edited. Since 0.2.
 */
export interface MessageEditedEvent {
  readonly type: 'message.edited';
  readonly conversationId: string;
  /** Network id of the original message. */
  readonly targetNetworkId: string;
  /** Who edited it; the core ignores edits from anyone but the original sender. */
  readonly senderId: string;
  readonly body: string;
  readonly html?: string;
  readonly timestamp: number;
}

/**
 * A message that was reported as undecryptable (`undecryptable: true`) was decrypted later,
 * once its key arrived. The core replaces the stored message (matched by `networkId`) with
 * this one; unlike {@link MessageEditedEvent} it is not marked edited, since its author
 * changed nothing. Since 0.3.
 */
export interface MessageDecryptedEvent {
  readonly type: 'message.decrypted';
  /** The message as it reads now, with the `networkId` of the undecryptable one. */
  readonly message: IncomingMessage & { readonly networkId: string };
}

/**
 * The sender trust of a message already shown changed (Matrix: the sender was verified, or
 * their identity changed): the core updates the stored message's `senderTrust`, so its
 * shield changes where it is on screen. Only the sender's own messages change. Since 0.6.
 */
export interface MessageTrustEvent {
  readonly type: 'message.trust';
  readonly conversationId: string;
  /** Network id of the message. */
  readonly targetNetworkId: string;
  readonly senderId: string;
  readonly senderTrust: SenderTrust;
}

/** A message was retracted or redacted. The core keeps a placeholder ("message deleted"). Since 0.2. */
export interface MessageDeletedEvent {
  readonly type: 'message.deleted';
  readonly conversationId: string;
  readonly targetNetworkId: string;
  readonly senderId?: string;
}

/**
 * One person's reactions to a message, as a whole set (XEP-0444 semantics: the set
 * replaces that person's earlier reactions to it; an empty set removes them). Since 0.2.
 */
export interface ReactionsChangedEvent {
  readonly type: 'reactions.changed';
  readonly conversationId: string;
  readonly targetNetworkId: string;
  readonly senderId: string;
  readonly senderName: string;
  readonly reactions: readonly string[];
}

/**
 * Someone received or read messages up to and including `networkId` (XEP-0184/0333,
 * Matrix m.receipt). Since 0.2. A `read` receipt whose `participantId` is the account's own
 * id means the user read up to there on another client (IRC draft/read-marker): the core
 * clears the conversation's unread count when nothing newer has arrived (since 0.6).
 */
export interface ReceiptEvent {
  readonly type: 'receipt';
  readonly conversationId: string;
  readonly networkId: string;
  readonly participantId: string;
  readonly kind: 'delivered' | 'read';
}

/** The network asks the user to decide something. Since 0.2. */
export interface RequestRaisedEvent {
  readonly type: 'request.raised';
  readonly request: UserRequest;
}

/** A request was answered elsewhere or withdrawn. Since 0.2. */
export interface RequestClosedEvent {
  readonly type: 'request.closed';
  readonly requestId: string;
}

/** A conversation is gone on the network's side (left from another device, room deleted). Since 0.2. */
export interface ConversationRemovedEvent {
  readonly type: 'conversation.removed';
  readonly conversationId: string;
}

/**
 * A conversation's id changed on the network's side: in an IRC private chat the other
 * person changed nick. The core keeps the conversation, its history and its tab, now under
 * `newId` (so what the user sends from it goes to the new id), unless a conversation with
 * `newId` already exists, which then stays as it is. Since 0.4.
 */
export interface ConversationRenamedEvent {
  readonly type: 'conversation.renamed';
  readonly conversationId: string;
  readonly newId: string;
  /** The title under the new id (the new nick); the old title is kept when absent. */
  readonly title?: string;
}

/** What the server allows, learned after login (XEP-0363 upload size, IRC line length). Since 0.2. */
export interface AccountLimitsEvent {
  readonly type: 'account.limits';
  readonly maxUploadBytes?: number;
  readonly maxMessageBytes?: number;
}

/** Progress of a file being sent with {@link ProtocolConnection.uploadFile}. Since 0.2. */
export interface UploadProgressEvent {
  readonly type: 'upload.progress';
  readonly localId: string;
  readonly sentBytes: number;
  readonly totalBytes: number;
}

/** Progress of a file being fetched with {@link ProtocolConnection.downloadAttachment}. Since 0.3. */
export interface DownloadProgressEvent {
  readonly type: 'download.progress';
  /** {@link DownloadRequest.downloadId}. */
  readonly downloadId: string;
  readonly receivedBytes: number;
  /** When the server said how big the file is. */
  readonly totalBytes?: number;
}

/**
 * Messages of a conversation may be missing between two points: a catch-up after an outage
 * (XMPP MAM, IRCv3 chathistory, Matrix sync/backfill) stopped before it met what the core
 * already has (a page cap, an error, a limited sync). The core keeps the gap and shows it
 * in the timeline ("Some messages may be missing here") with a button that pages back with
 * {@link ProtocolConnection.fetchHistory} from `before` until it meets `after`. A plugin
 * must never leave such a hole silently. Since 0.4.
 */
export interface HistoryGapEvent {
  readonly type: 'history.gap';
  readonly conversationId: string;
  /**
   * The last message known before the gap (network id and/or server time); absent when
   * nothing older is known, so the gap reaches back to the start of the conversation.
   */
  readonly after?: { readonly networkId?: string; readonly timestamp: number };
  /** The first message after the gap: paging back starts here. */
  readonly before: { readonly networkId?: string; readonly timestamp: number };
  /** Why the catch-up stopped, in words ("the server returned at most 1,000 messages"). */
  readonly reason?: string;
}

/** Every event a connection can emit. */
export type ProtocolEvent =
  | ConnectionStateEvent
  | ContactUpsertedEvent
  | ContactRemovedEvent
  | PresenceChangedEvent
  | ConversationUpsertedEvent
  | MessageReceivedEvent
  | MessageConfirmedEvent
  | MessageFailedEvent
  | TypingEvent
  | MembersChangedEvent
  | ServerNoticeEvent
  | MessageEditedEvent
  | MessageDecryptedEvent
  | MessageTrustEvent
  | MessageDeletedEvent
  | ReactionsChangedEvent
  | ReceiptEvent
  | RequestRaisedEvent
  | RequestClosedEvent
  | ConversationRemovedEvent
  | ConversationRenamedEvent
  | AccountLimitsEvent
  | UploadProgressEvent
  | DownloadProgressEvent
  | HistoryGapEvent;

/** The `type` of every event. */
export type ProtocolEventType = ProtocolEvent['type'];
