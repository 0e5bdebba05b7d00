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
import type { MessageKind } from './model.js';

/** Logging for plugin authors; lines go to the core's log with the account attached. */
export interface PluginLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
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
  /** Plain text. May contain newlines; the plugin splits it as its network requires. */
  readonly body: string;
}

/** A room the user wants to join. */
export interface JoinRoomRequest {
  /** What the user typed: "#channel", "room@conference.example.org", "#room:example.org". */
  readonly room: string;
  readonly password?: string;
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
   * Open a direct conversation with someone by their network id (what the user typed).
   * Resolves with the conversation id, which the plugin also announces as
   * `conversation.upserted`.
   */
  openDirect?(contactId: string): Promise<{ readonly conversationId: string }>;
}
