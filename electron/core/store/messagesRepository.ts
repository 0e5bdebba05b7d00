import type { Database, Statement } from 'better-sqlite3';
import type { Attachment as PluginAttachment } from '../../../protocols/api/index.js';
import type { Attachment, BridgeError, MessageCursor, MessageStatus, MessageView, ReactionView, SenderTrustView } from '../../bridge/schemas.js';

/** An attachment as stored: as the plugin reported it, with its opaque `reference`. */
export type StoredAttachment = PluginAttachment;

function storedAttachments(json: string): StoredAttachment[] {
  return JSON.parse(json) as StoredAttachment[];
}

interface MessageRow {
  id: number;
  conversation_id: number;
  network_id: string | null;
  sender_id: string;
  sender_name: string;
  kind: MessageView['kind'];
  body: string;
  timestamp: number;
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
  sender_trust: SenderTrustView | null;
}

interface ReactionRow {
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

/** A message to store; the store gives it its local id. */
export interface NewMessage {
  readonly conversationId: number;
  readonly networkId?: string;
  readonly senderId: string;
  readonly senderName: string;
  readonly kind: MessageView['kind'];
  readonly body: string;
  readonly timestamp: number;
  readonly direction: 'in' | 'out';
  readonly status: MessageStatus;
  readonly html?: string;
  readonly replyTo?: StoredReplyTo;
  readonly attachments?: readonly Attachment[];
  readonly encrypted?: boolean;
  readonly undecryptable?: boolean;
  readonly senderTrust?: SenderTrustView;
}

/** What a late decryption replaces in a stored message: everything its sender wrote. */
export type DecryptedContent = Pick<NewMessage, 'kind' | 'body' | 'html' | 'replyTo' | 'attachments' | 'senderTrust'>;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export class MessagesRepository {
  private readonly insertOne: Statement;
  private readonly byId: Statement<[number], MessageRow>;
  private readonly byNetworkId: Statement<[number, string], MessageRow>;
  private readonly newest: Statement<[number, number], MessageRow>;
  private readonly before: Statement<[number, number, number, number], MessageRow>;
  private readonly oldest: Statement<[number], MessageRow>;
  private readonly setStatusStmt: Statement<[string, string | null, string | null, number | null, number]>;
  private readonly editStmt: Statement<[string, string | null, number]>;
  private readonly decryptedStmt: Statement<[string, string, string | null, string | null, string | null, string | null, number]>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly receiptCandidates: Statement<[number, number, number, number], { id: number; receipt: string | null }>;
  private readonly setReceipt: Statement<[string, number]>;
  private readonly reactionsOf: Statement<[number], ReactionRow>;
  private readonly clearReactions: Statement<[number, string]>;
  private readonly addReaction: Statement<[number, string, string, string, number]>;
  private readonly queuedOf: Statement<[string], MessageRow>;
  private readonly removeStmt: Statement<[number]>;
  private readonly interrupted: Statement<[], { id: number }>;
  private readonly sendingOf: Statement<[string], { id: number }>;

  constructor(private readonly db: Database) {
    // OR IGNORE: the unique (conversation, network id) index turns a duplicate into a no-op.
    this.insertOne = db.prepare(`INSERT OR IGNORE INTO messages
      (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status,
       html, reply_to, attachments, encrypted, undecryptable, sender_trust)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.byId = db.prepare('SELECT * FROM messages WHERE id = ?');
    this.byNetworkId = db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND network_id = ?');
    this.newest = db.prepare(`SELECT * FROM messages WHERE conversation_id = ?
      ORDER BY timestamp DESC, id DESC LIMIT ?`);
    this.before = db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND (timestamp, id) < (?, ?)
      ORDER BY timestamp DESC, id DESC LIMIT ?`);
    this.oldest = db.prepare(`SELECT * FROM messages WHERE conversation_id = ? ORDER BY timestamp, id LIMIT 1`);
    this.setStatusStmt = db.prepare(`UPDATE messages SET status = ?, error = ?,
      network_id = COALESCE(?, network_id), timestamp = COALESCE(?, timestamp) WHERE id = ?`);
    this.editStmt = db.prepare('UPDATE messages SET body = ?, html = ?, edited = 1 WHERE id = ?');
    this.decryptedStmt = db.prepare(`UPDATE messages SET kind = ?, body = ?, html = ?, reply_to = ?, attachments = ?,
      sender_trust = ?, undecryptable = 0, encrypted = 1 WHERE id = ?`);
    this.deleteStmt = db.prepare(`UPDATE messages SET body = '', html = NULL, attachments = NULL, deleted = 1 WHERE id = ?`);
    // Receipts move forward only, and only over the user's recent messages up to the one named.
    this.receiptCandidates = db.prepare(`SELECT id, receipt FROM messages
      WHERE conversation_id = ? AND direction = 'out' AND status = 'sent' AND (timestamp, id) <= (?, ?)
      ORDER BY timestamp DESC, id DESC LIMIT ?`);
    this.setReceipt = db.prepare('UPDATE messages SET receipt = ? WHERE id = ?');
    this.reactionsOf = db.prepare('SELECT * FROM reactions WHERE message_id = ? ORDER BY rowid');
    this.clearReactions = db.prepare('DELETE FROM reactions WHERE message_id = ? AND sender_id = ?');
    this.addReaction = db.prepare(`INSERT OR IGNORE INTO reactions (message_id, sender_id, sender_name, reaction, mine)
      VALUES (?, ?, ?, ?, ?)`);
    // The outbox: an account's queued messages in the order the user wrote them.
    this.queuedOf = db.prepare(`SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.account_id = ? AND m.status = 'queued' ORDER BY m.id LIMIT 1`);
    this.removeStmt = db.prepare('DELETE FROM messages WHERE id = ?');
    this.interrupted = db.prepare(`SELECT id FROM messages WHERE status = 'sending'`);
    this.sendingOf = db.prepare(`SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.account_id = ? AND m.status = 'sending'`);
  }

  /** Stores a message; returns undefined when its network id is already stored in that conversation. */
  insert(message: NewMessage): MessageView | undefined {
    const result = this.insertOne.run(message.conversationId, message.networkId ?? null, message.senderId,
      message.senderName, message.kind, message.body, message.timestamp, message.direction, message.status,
      message.html ?? null, json(message.replyTo), json(message.attachments),
      message.encrypted ? 1 : 0, message.undecryptable ? 1 : 0, message.senderTrust ?? null);
    if (result.changes === 0) return undefined;
    return this.get(Number(result.lastInsertRowid));
  }

  /** A message's attachments as the plugin reported them, `reference` included (for downloading them). */
  attachmentsOf(id: number): StoredAttachment[] {
    const row = this.byId.get(id);
    return row?.attachments ? storedAttachments(row.attachments) : [];
  }

  get(id: number): MessageView | undefined {
    const row = this.byId.get(id);
    return row ? this.toView(row) : undefined;
  }

  findByNetworkId(conversationId: number, networkId: string): MessageView | undefined {
    const row = this.byNetworkId.get(conversationId, networkId);
    return row ? this.toView(row) : undefined;
  }

  /** The oldest stored message of a conversation, where server history paging continues. */
  oldestOf(conversationId: number): MessageView | undefined {
    const row = this.oldest.get(conversationId);
    return row ? this.toView(row) : undefined;
  }

  /** A page ending just before the cursor (or at the newest), oldest first. */
  page(conversationId: number, limit: number, cursor?: MessageCursor): MessageView[] {
    const rows = cursor
      ? this.before.all(conversationId, cursor.timestamp, cursor.id, limit)
      : this.newest.all(conversationId, limit);
    return rows.reverse().map((row) => this.toView(row));
  }

  /** Moves an outgoing message to a new status; returns the updated message. */
  setStatus(id: number, status: MessageStatus, update: { error?: BridgeError; networkId?: string; timestamp?: number } = {}): MessageView | undefined {
    this.setStatusStmt.run(status, update.error ? JSON.stringify(update.error) : null,
      update.networkId ?? null, update.timestamp ?? null, id);
    return this.get(id);
  }

  /** The oldest message in the account's outbox. */
  nextQueued(accountId: string): MessageView | undefined {
    const row = this.queuedOf.get(accountId);
    return row ? this.toView(row) : undefined;
  }

  remove(id: number): void {
    this.removeStmt.run(id);
  }

  /** Ids of an account's messages handed to the network and not yet confirmed. */
  unconfirmedOf(accountId: string): number[] {
    return this.sendingOf.all(accountId).map((row) => row.id);
  }

  /** Ids of messages that were being sent when the app last stopped. */
  interruptedSends(): number[] {
    return this.interrupted.all().map((row) => row.id);
  }

  edit(id: number, body: string, html: string | undefined): MessageView | undefined {
    this.editStmt.run(body, html ?? null, id);
    return this.get(id);
  }

  /** An undecryptable message whose key arrived: its content replaces the placeholder, not marked edited. */
  replaceDecrypted(id: number, content: DecryptedContent): MessageView | undefined {
    this.decryptedStmt.run(content.kind, content.body, content.html ?? null, json(content.replyTo), json(content.attachments),
      content.senderTrust ?? null, id);
    return this.get(id);
  }

  markDeleted(id: number): MessageView | undefined {
    this.deleteStmt.run(id);
    this.db.prepare('DELETE FROM reactions WHERE message_id = ?').run(id);
    return this.get(id);
  }

  /** Replaces one sender's reactions to a message with a new set. */
  setReactions(id: number, sender: { id: string; name: string; mine: boolean }, reactions: readonly string[]): MessageView | undefined {
    this.db.transaction(() => {
      this.clearReactions.run(id, sender.id);
      for (const reaction of new Set(reactions)) this.addReaction.run(id, sender.id, sender.name, reaction, sender.mine ? 1 : 0);
    })();
    return this.get(id);
  }

  /**
   * Marks the user's messages up to `upTo` as delivered or read (never backwards), looking
   * at most `window` messages back. Returns the messages that changed.
   */
  applyReceipt(upTo: MessageView, kind: 'delivered' | 'read', window = 200): MessageView[] {
    const changed: MessageView[] = [];
    for (const row of this.receiptCandidates.all(upTo.conversationId, upTo.timestamp, upTo.id, window)) {
      if (row.receipt === 'read' || row.receipt === kind) continue;
      this.setReceipt.run(kind, row.id);
      const view = this.get(row.id);
      if (view) changed.push(view);
    }
    return changed;
  }

  private toView(row: MessageRow): MessageView {
    const reactions = this.reactionsOf.all(row.id);
    const reply = row.reply_to === null ? undefined : JSON.parse(row.reply_to) as StoredReplyTo;
    const replied = reply ? this.byNetworkId.get(row.conversation_id, reply.networkId) : undefined;
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
      direction: row.direction,
      status: row.status,
      ...(row.error !== null ? { error: JSON.parse(row.error) as BridgeError } : {}),
      ...(row.edited ? { edited: true } : {}),
      ...(row.deleted ? { deleted: true } : {}),
      ...(reply ? {
        replyTo: {
          networkId: reply.networkId,
          ...(replied ? { messageId: replied.id, senderName: replied.sender_name, excerpt: excerpt(replied.body) } : {}),
          ...(!replied && reply.excerpt !== undefined ? { excerpt: reply.excerpt } : {}),
        },
      } : {}),
      // Without the plugin's `reference` (a decryption key, say): the UI never needs it.
      ...(row.attachments !== null ? { attachments: storedAttachments(row.attachments).map(({ reference: _reference, ...shown }) => shown) } : {}),
      ...(reactions.length > 0 ? { reactions: summarize(reactions) } : {}),
      ...(row.receipt !== null ? { receipt: row.receipt } : {}),
      ...(row.encrypted ? { encrypted: true } : {}),
      ...(row.undecryptable ? { undecryptable: true } : {}),
      ...(row.sender_trust !== null ? { senderTrust: row.sender_trust } : {}),
    };
  }
}

function excerpt(body: string): string {
  return body.length > 140 ? `${body.slice(0, 139)}…` : body;
}

function summarize(rows: readonly ReactionRow[]): ReactionView[] {
  const byReaction = new Map<string, ReactionView>();
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
