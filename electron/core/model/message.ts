/**
 * A stored message as the core knows it: its own type, not the UI's view of it. The view the
 * bridge sends is made at the edge, bridge/messageViews.ts (there the plugin's opaque
 * attachment `reference` is left out and the error becomes the bridge's). Repositories
 * return this; services pass it around; a change to what the UI shows stays at the edge.
 */
import type { Attachment, SenderTrust } from '../../../protocols/api/index.js';
import type { CoreErrorData } from './coreError.js';

/**
 * received: from someone else. queued: the user's, waiting in the outbox. sending: handed to
 * the network. sent: the network confirmed it. failed: it could not be sent (`error` says why).
 */
export type MessageStatus = 'received' | 'queued' | 'sending' | 'sent' | 'failed';

export type MessageKind = 'text' | 'action' | 'notice' | 'event';

/** What a message replies to: the network's id, and the stored message when there is one. */
export interface MessageReplyTo {
  readonly networkId: string;
  readonly messageId?: number;
  readonly senderName?: string;
  readonly excerpt?: string;
}

/** One reaction and who chose it. */
export interface MessageReaction {
  readonly reaction: string;
  readonly senders: readonly { readonly id: string; readonly name: string }[];
  /** The user is among the senders. */
  readonly mine: boolean;
}

export interface Message {
  readonly id: number;
  readonly conversationId: number;
  readonly networkId?: string;
  readonly senderId: string;
  readonly senderName: string;
  readonly kind: MessageKind;
  /** Plain text; always present, also when `html` is. */
  readonly body: string;
  /** Formatted body from the network. UNTRUSTED: sanitized where it is shown. */
  readonly html?: string;
  /** Server time when known, ms since the epoch. */
  readonly timestamp: number;
  /** Its place in the conversation (messagesRepository.ts orders by it, then by id). */
  readonly order: number;
  readonly direction: 'in' | 'out';
  readonly status: MessageStatus;
  readonly error?: CoreErrorData;
  readonly edited?: boolean;
  readonly deleted?: boolean;
  readonly replyTo?: MessageReplyTo;
  /** As the plugin reported them, with the opaque `reference` it needs to fetch them again. */
  readonly attachments?: readonly Attachment[];
  readonly reactions?: readonly MessageReaction[];
  /** For the user's own messages: how far the other side got. */
  readonly receipt?: 'delivered' | 'read';
  readonly encrypted?: boolean;
  readonly undecryptable?: boolean;
  readonly senderTrust?: SenderTrust;
  /** The network id of the thread's first message, for a message in a thread (plugin API `threadRootId`). */
  readonly threadRootId?: string;
  /** What the network said of whom it mentions: true the user, false someone else; absent: not said. */
  readonly mentionsSelf?: boolean;
  /** The user's own message: the members they picked to mention (network ids). */
  readonly mentionIds?: readonly string[];
}
