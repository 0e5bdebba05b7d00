/**
 * How a stored message row becomes the core's Message (model/message.ts): the row shapes of
 * the messages and reactions tables, and the one mapping between them. The UI's view of a
 * message is made from the Message at the bridge's edge (bridge/messageViews.ts).
 */
import type { Attachment as PluginAttachment, SenderTrust } from '../../../protocols/api/index.js';
import type { CoreErrorData } from '../model/coreError.js';
import type { Message, MessageKind, MessageReaction, MessageStatus } from '../model/message.js';

/** An attachment as stored: as the plugin reported it, with its opaque `reference`. */
export type StoredAttachment = PluginAttachment;

export function storedAttachments(json: string): StoredAttachment[] {
  return JSON.parse(json) as StoredAttachment[];
}

export interface MessageRow {
  id: number;
  conversation_id: number;
  network_id: string | null;
  sender_id: string;
  sender_name: string;
  kind: MessageKind;
  body: string;
  timestamp: number;
  sort_key: number;
  direction: 'in' | 'out';
  status: MessageStatus;
  error: string | null;
  html: string | null;
  edited: number;
  deleted: number;
  reply_to: string | null;
  attachments: string | null;
  receipt: 'delivered' | 'read' | null;
  encrypted: number;
  undecryptable: number;
  sender_trust: SenderTrust | null;
  thread_root: string | null;
  mentions_self: number | null;
  mention_ids: string | null;
}

export interface ReactionRow {
  message_id: number;
  sender_id: string;
  sender_name: string;
  reaction: string;
  mine: number;
}

/** What a message refers to, as stored. */
export interface StoredReplyTo {
  readonly networkId: string;
  readonly senderId?: string;
  readonly excerpt?: string;
}

/** The message of a row, with its reactions and (when stored) the message it replies to. */
export function messageOf(row: MessageRow, reactions: readonly ReactionRow[], replied: MessageRow | undefined): Message {
  const reply = row.reply_to === null ? undefined : JSON.parse(row.reply_to) as StoredReplyTo;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    ...(row.network_id !== null ? { networkId: row.network_id } : {}),
    senderId: row.sender_id,
    senderName: row.sender_name,
    kind: row.kind,
    body: row.body,
    ...(row.html !== null ? { html: row.html } : {}),
    timestamp: row.timestamp,
    order: row.sort_key,
    direction: row.direction,
    status: row.status,
    ...(row.error !== null ? { error: JSON.parse(row.error) as CoreErrorData } : {}),
    ...(row.edited ? { edited: true } : {}),
    ...(row.deleted ? { deleted: true } : {}),
    ...(reply ? {
      replyTo: {
        networkId: reply.networkId,
        ...(replied ? { messageId: replied.id, senderName: replied.sender_name, excerpt: excerpt(replied.body) } : {}),
        ...(!replied && reply.excerpt !== undefined ? { excerpt: reply.excerpt } : {}),
      },
    } : {}),
    ...(row.attachments !== null ? { attachments: storedAttachments(row.attachments) } : {}),
    ...(reactions.length > 0 ? { reactions: summarize(reactions) } : {}),
    ...(row.receipt !== null ? { receipt: row.receipt } : {}),
    ...(row.encrypted ? { encrypted: true } : {}),
    ...(row.undecryptable ? { undecryptable: true } : {}),
    ...(row.sender_trust !== null ? { senderTrust: row.sender_trust } : {}),
    ...(row.thread_root !== null ? { threadRootId: row.thread_root } : {}),
    ...(row.mentions_self !== null ? { mentionsSelf: row.mentions_self === 1 } : {}),
    ...(row.mention_ids !== null ? { mentionIds: JSON.parse(row.mention_ids) as string[] } : {}),
  };
}

function excerpt(body: string): string {
  return body.length > 140 ? `${body.slice(0, 139)}…` : body;
}

function summarize(rows: readonly ReactionRow[]): MessageReaction[] {
  const byReaction = new Map<string, MessageReaction>();
  for (const row of rows) {
    const entry = byReaction.get(row.reaction) ?? { reaction: row.reaction, senders: [], mine: false };
    byReaction.set(row.reaction, {
      reaction: row.reaction,
      senders: [...entry.senders, { id: row.sender_id, name: row.sender_name }],
      mine: entry.mine || row.mine === 1,
    });
  }
  return [...byReaction.values()];
}
