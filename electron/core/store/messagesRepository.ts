import type { Database, Statement } from 'better-sqlite3';
import type { SenderTrust } from '../../../protocols/api/index.js';
import type { MessageCursor } from '../../bridge/schemas.js';
import type { CoreErrorData } from '../model/coreError.js';
import type { Message, MessageStatus } from '../model/message.js';
import { messageOf, storedAttachments, type MessageRow, type ReactionRow, type StoredAttachment, type StoredReplyTo } from './messageRows.js';

export type { StoredAttachment, StoredReplyTo };

/** A message to store; the store gives it its local id, its place and everything that happens to it later. */
export type NewMessage = Pick<Message,
  'conversationId' | 'networkId' | 'senderId' | 'senderName' | 'kind' | 'body' | 'timestamp' | 'direction' | 'status'
  | 'html' | 'attachments' | 'encrypted' | 'undecryptable' | 'senderTrust' | 'threadRootId' | 'mentionsSelf' | 'mentionIds'> & {
  /** The replied-to message's network id (and what is known of it) as stored. */
  readonly replyTo?: StoredReplyTo;
};

/** What a late decryption replaces in a stored message: everything its sender wrote. */
export type DecryptedContent = Pick<NewMessage, 'kind' | 'body' | 'html' | 'replyTo' | 'attachments' | 'senderTrust' | 'threadRootId' | 'mentionsSelf'>;

/**
 * Distance between the sort keys of messages stored one after the other (2^24): room for
 * history to be placed between them without moving the messages around it. Keys stay exact
 * JavaScript integers for 2^29 messages either way of the first one.
 */
export const SORT_KEY_STEP = 16_777_216;
/** Distance between history messages placed between two stored ones: room for some 65,000 more pages. */
const PACKED_STEP = 256;

/** Where messages placed between two stored ones go: against the one after (history pages) or the one before (catch-up). */
type Packing = 'late' | 'early';

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
/** The thread and mention columns of a message to store (migration 0013). */
const threadAndMentions = (message: Pick<NewMessage, 'threadRootId' | 'mentionsSelf' | 'mentionIds'>): [string | null, number | null, string | null] =>
  [message.threadRootId ?? null, flag(message.mentionsSelf), json(message.mentionIds)];

export class MessagesRepository {
  private readonly insertOne: Statement<unknown[], { id: number; sort_key: number }>;
  private readonly byId: Statement<[number], MessageRow>;
  private readonly byNetworkId: Statement<[number, string], MessageRow>;
  private readonly newest: Statement<[number, number], MessageRow>;
  private readonly before: Statement<[{ conversation: number; id: number; limit: number }], MessageRow>;
  private readonly beforeTime: Statement<[number, number, number, number], MessageRow>;
  private readonly oldest: Statement<[number], MessageRow>;
  private readonly sortKeyOf: Statement<[number], { sort_key: number }>;
  private readonly placeAfter: Statement<[{ conversation: number; timestamp: number; bound: number | null }], { sort_key: number | null }>;
  private readonly lowestKey: Statement<[number], { sort_key: number | null }>;
  private readonly insertAt: Statement;
  private readonly nextKey: Statement<[number, number], { sort_key: number | null }>;
  private readonly makeRoom: Statement<[number, number, number]>;
  private readonly latestBeforeTime: Statement<[number, number], MessageRow>;
  private readonly setStatusStmt: Statement<[string, string | null, string | null, number | null, number]>;
  private readonly editStmt: Statement<[string, string | null, number]>;
  private readonly decryptedStmt: Statement<[string, string, string | null, string | null, string | null, string | null, string | null, number | null, number]>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly receiptCandidates: Statement<[{ conversation: number; id: number; limit: number }], { id: number; receipt: string | null }>;
  private readonly setReceipt: Statement<[string, number]>;
  private readonly reactionsOf: Statement<[number], ReactionRow>;
  private readonly clearReactions: Statement<[number, string]>;
  private readonly addReaction: Statement<[number, string, string, string, number]>;
  private readonly queuedOf: Statement<[string], MessageRow>;
  private readonly removeStmt: Statement<[number]>;
  private readonly interrupted: Statement<[], { id: number }>;
  private readonly sendingOf: Statement<[string], { id: number }>;
  private threadStmt: Statement<[number, string, number], MessageRow> | undefined;

  constructor(private readonly db: Database) {
    // OR IGNORE: the unique (conversation, network id) index turns a duplicate into a no-op.
    // A conversation is ordered by sort_key (migration 0011): the order messages arrived in,
    // with history placed where it belongs. A live message takes the next key, from no clock.
    this.insertOne = db.prepare(`INSERT OR IGNORE INTO messages
      (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status,
       html, reply_to, attachments, encrypted, undecryptable, sender_trust, thread_root, mentions_self, mention_ids, sort_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        COALESCE((SELECT MAX(sort_key) FROM messages WHERE conversation_id = ?) + ${SORT_KEY_STEP}, 0))
      RETURNING id, sort_key`);
    this.insertAt = db.prepare(`INSERT INTO messages
      (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status,
       html, reply_to, attachments, encrypted, undecryptable, sender_trust, thread_root, mentions_self, mention_ids, sort_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.byId = db.prepare('SELECT * FROM messages WHERE id = ?');
    this.byNetworkId = db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND network_id = ?');
    this.newest = db.prepare(`SELECT * FROM messages WHERE conversation_id = ?
      ORDER BY sort_key DESC, id DESC LIMIT ?`);
    this.before = db.prepare(`SELECT * FROM messages WHERE conversation_id = @conversation
      AND (sort_key, id) < ((SELECT sort_key FROM messages WHERE id = @id), @id)
      ORDER BY sort_key DESC, id DESC LIMIT @limit`);
    this.beforeTime = db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND (timestamp, id) < (?, ?)
      ORDER BY timestamp DESC, id DESC LIMIT ?`);
    this.oldest = db.prepare(`SELECT * FROM messages WHERE conversation_id = ? ORDER BY sort_key, id LIMIT 1`);
    this.sortKeyOf = db.prepare('SELECT sort_key FROM messages WHERE id = ?');
    // History goes right after the newest stored message the network dated no later, and
    // below the bound when one is given; and never before a received message dated no
    // later. The user's own messages stand where they were written, but are dated when the
    // network took them (a queue drained after an outage dates them long after they stand):
    // one of them alone would pull history above received messages older than it.
    this.placeAfter = db.prepare(`SELECT MAX(sort_key) AS sort_key FROM (
      SELECT sort_key FROM (SELECT sort_key FROM messages WHERE conversation_id = @conversation AND timestamp <= @timestamp
        AND (@bound IS NULL OR sort_key < @bound) ORDER BY timestamp DESC, sort_key DESC LIMIT 1)
      UNION ALL
      SELECT sort_key FROM (SELECT sort_key FROM messages WHERE conversation_id = @conversation AND direction = 'in' AND timestamp <= @timestamp
        AND (@bound IS NULL OR sort_key < @bound) ORDER BY sort_key DESC LIMIT 1))`);
    this.lowestKey = db.prepare('SELECT MIN(sort_key) AS sort_key FROM messages WHERE conversation_id = ?');
    this.nextKey = db.prepare('SELECT MIN(sort_key) AS sort_key FROM messages WHERE conversation_id = ? AND sort_key > ?');
    this.makeRoom = db.prepare('UPDATE messages SET sort_key = sort_key + ? WHERE conversation_id = ? AND sort_key > ?');
    this.latestBeforeTime = db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND timestamp < ?
      ORDER BY timestamp DESC, sort_key DESC LIMIT 1`);
    this.setStatusStmt = db.prepare(`UPDATE messages SET status = ?, error = ?,
      network_id = COALESCE(?, network_id), timestamp = COALESCE(?, timestamp) WHERE id = ?`);
    this.editStmt = db.prepare('UPDATE messages SET body = ?, html = ?, edited = 1 WHERE id = ?');
    this.decryptedStmt = db.prepare(`UPDATE messages SET kind = ?, body = ?, html = ?, reply_to = ?, attachments = ?,
      sender_trust = ?, thread_root = ?, mentions_self = ?, undecryptable = 0, encrypted = 1 WHERE id = ?`);
    this.deleteStmt = db.prepare(`UPDATE messages SET body = '', html = NULL, attachments = NULL, deleted = 1 WHERE id = ?`);
    // Receipts move forward only, and only over the user's recent messages up to the one named.
    this.receiptCandidates = db.prepare(`SELECT id, receipt FROM messages
      WHERE conversation_id = @conversation AND direction = 'out' AND status = 'sent'
        AND (sort_key, id) <= ((SELECT sort_key FROM messages WHERE id = @id), @id)
      ORDER BY sort_key DESC, id DESC LIMIT @limit`);
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

  /**
   * Stores a message that arrives or is written now, after everything stored in its
   * conversation whatever its time; returns undefined when its network id is already stored there.
   */
  insert(message: NewMessage): Message | undefined {
    const replyTo = json(message.replyTo);
    const attachments = json(message.attachments);
    const columns = threadAndMentions(message);
    const inserted = this.insertOne.get(message.conversationId, message.networkId ?? null, message.senderId,
      message.senderName, message.kind, message.body, message.timestamp, message.direction, message.status,
      message.html ?? null, replyTo, attachments,
      message.encrypted ? 1 : 0, message.undecryptable ? 1 : 0, message.senderTrust ?? null, ...columns, message.conversationId);
    if (!inserted) return undefined;
    // A reply shows what it replies to, which only the store knows: read back. Anything else
    // is what was just written (no reactions, receipt or error yet), made without a read.
    if (replyTo !== null) return this.get(inserted.id);
    const [threadRoot, mentionsSelf, mentionIds] = columns;
    return messageOf({
      id: inserted.id, conversation_id: message.conversationId, network_id: message.networkId ?? null, sender_id: message.senderId,
      sender_name: message.senderName, kind: message.kind, body: message.body, timestamp: message.timestamp, sort_key: inserted.sort_key,
      direction: message.direction, status: message.status, error: null, html: message.html ?? null, edited: 0, deleted: 0,
      reply_to: null, attachments, receipt: null, encrypted: message.encrypted ? 1 : 0, undecryptable: message.undecryptable ? 1 : 0,
      sender_trust: message.senderTrust ?? null, thread_root: threadRoot, mentions_self: mentionsSelf, mention_ids: mentionIds,
    }, [], undefined);
  }

  /**
   * Stores a page of history loaded later, each message where the network's times place it:
   * right after the newest stored message dated no later, and after every received message
   * dated no later (see placeAfter), else before everything — and
   * before the message `olderThan` (a local id) when given, as the page was asked for as
   * older than it, whatever the clocks say. Messages already stored are dropped. Returns the
   * messages stored, in conversation order.
   */
  insertHistory(conversationId: number, page: readonly Omit<NewMessage, 'conversationId'>[], olderThan?: number): Message[] {
    return this.placeByTime(conversationId, page, olderThan, 'late');
  }

  /**
   * Stores one message a plugin caught up (IncomingMessage.catchUp: missed while offline,
   * delivered after newer live ones) where the network's time places it, as history is
   * placed; returns undefined when its network id is already stored there. A catch-up comes
   * oldest first, each message right after the one before, so its keys are packed against
   * the message it follows (room for some 65,000 in one place before anything moves).
   */
  insertCaughtUp(message: NewMessage): Message | undefined {
    const { conversationId, ...rest } = message;
    return this.placeByTime(conversationId, [rest], undefined, 'early')[0];
  }

  private placeByTime(conversationId: number, page: readonly Omit<NewMessage, 'conversationId'>[], olderThan: number | undefined, packing: Packing): Message[] {
    return this.db.transaction(() => {
      const bound = olderThan === undefined ? null : this.sortKeyOf.get(olderThan)?.sort_key ?? null;
      const seen = new Set<string>();
      const fresh = page.filter((message) => {
        if (message.networkId === undefined) return true;
        if (seen.has(message.networkId) || this.byNetworkId.get(conversationId, message.networkId)) return false;
        seen.add(message.networkId);
        return true;
      }).sort((a, b) => a.timestamp - b.timestamp);
      // Grouped by the stored message each follows (null: before everything), before any is stored.
      const groups = new Map<number | null, Omit<NewMessage, 'conversationId'>[]>();
      for (const message of fresh) {
        const previous = this.placeAfter.get({ conversation: conversationId, timestamp: message.timestamp, bound })?.sort_key ?? null;
        groups.set(previous, [...groups.get(previous) ?? [], message]);
      }
      // Highest place first, so that making room after one place leaves the places below as they were.
      const places = [...groups.keys()].sort((a, b) => (b ?? -Infinity) - (a ?? -Infinity));
      const stored: Message[] = [];
      for (const previous of places) {
        const run = groups.get(previous) ?? [];
        const keys = this.keysAfter(conversationId, previous, run.length, packing);
        run.forEach((message, i) => {
          const result = this.insertAt.run(conversationId, message.networkId ?? null, message.senderId,
            message.senderName, message.kind, message.body, message.timestamp, message.direction, message.status,
            message.html ?? null, json(message.replyTo), json(message.attachments),
            message.encrypted ? 1 : 0, message.undecryptable ? 1 : 0, message.senderTrust ?? null, ...threadAndMentions(message), keys[i] ?? 0);
          const view = this.get(Number(result.lastInsertRowid));
          if (view) stored.push(view);
        });
      }
      return stored.sort((a, b) => a.order - b.order || a.id - b.id);
    })();
  }

  /**
   * `count` ascending keys right after the key `previous` (null: before everything). Packed
   * `late`, against the message that follows: a gap is filled newest page first, so the room
   * left below is where the next, older page goes. Packed `early`, against `previous`: the
   * next message of a catch-up goes right after this one. When there is no room left, the
   * messages after `previous` move up (rare: some 65,000 pages into the same place).
   */
  private keysAfter(conversationId: number, previous: number | null, count: number, packing: Packing): number[] {
    const endingAt = (last: number, step: number): number[] => Array.from({ length: count }, (_, i) => last - (count - 1 - i) * step);
    if (previous === null) {
      const lowest = this.lowestKey.get(conversationId)?.sort_key ?? null;
      return endingAt(lowest === null ? 0 : lowest - SORT_KEY_STEP, SORT_KEY_STEP);
    }
    const next = this.nextKey.get(conversationId, previous)?.sort_key ?? null;
    if (next === null) return endingAt(previous + count * SORT_KEY_STEP, SORT_KEY_STEP);
    const startingAfter = (step: number): number[] => Array.from({ length: count }, (_, i) => previous + (i + 1) * step);
    const step = Math.min(PACKED_STEP, Math.floor((next - previous) / (count + 1)));
    if (step >= 1) return packing === 'early' ? startingAfter(step) : endingAt(next - step, step);
    const room = (count + 1) * PACKED_STEP;
    this.makeRoom.run(room, conversationId, previous);
    return packing === 'early' ? startingAfter(PACKED_STEP) : endingAt(next + room - PACKED_STEP, PACKED_STEP);
  }

  /** A message's attachments as the plugin reported them, `reference` included (for downloading them). */
  attachmentsOf(id: number): StoredAttachment[] {
    const row = this.byId.get(id);
    return row?.attachments ? storedAttachments(row.attachments) : [];
  }

  get(id: number): Message | undefined {
    const row = this.byId.get(id);
    return row ? this.toMessage(row) : undefined;
  }

  findByNetworkId(conversationId: number, networkId: string): Message | undefined {
    const row = this.byNetworkId.get(conversationId, networkId);
    return row ? this.toMessage(row) : undefined;
  }

  /** The oldest stored message of a conversation, where server history paging continues. */
  oldestOf(conversationId: number): Message | undefined {
    const row = this.oldest.get(conversationId);
    return row ? this.toMessage(row) : undefined;
  }

  /**
   * A page ending just before the cursor's message (or at the newest), oldest first, in
   * conversation order. A cursor whose message is gone (a cancelled message) pages by its time.
   */
  page(conversationId: number, limit: number, cursor?: MessageCursor): Message[] {
    const rows = !cursor ? this.newest.all(conversationId, limit)
      : this.sortKeyOf.get(cursor.id) ? this.before.all({ conversation: conversationId, id: cursor.id, limit })
        : this.beforeTime.all(conversationId, cursor.timestamp, cursor.id, limit);
    return rows.reverse().map((row) => this.toMessage(row));
  }

  /** The newest messages of a thread (its root's network id), oldest first, in conversation order. */
  thread(conversationId: number, rootNetworkId: string, limit: number): Message[] {
    this.threadStmt ??= this.db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND thread_root = ?
      ORDER BY sort_key DESC, id DESC LIMIT ?`);
    return this.threadStmt.all(conversationId, rootNetworkId, limit).reverse().map((row) => this.toMessage(row));
  }

  /** The stored message the network dated last before `timestamp` (where a history gap may start). */
  latestBefore(conversationId: number, timestamp: number): Message | undefined {
    const row = this.latestBeforeTime.get(conversationId, timestamp);
    return row ? this.toMessage(row) : undefined;
  }

  /** Moves an outgoing message to a new status; returns the updated message. */
  setStatus(id: number, status: MessageStatus, update: { error?: CoreErrorData; networkId?: string; timestamp?: number } = {}): Message | undefined {
    this.setStatusStmt.run(status, update.error ? JSON.stringify(update.error) : null,
      update.networkId ?? null, update.timestamp ?? null, id);
    return this.get(id);
  }

  /** The oldest message in the account's outbox. */
  nextQueued(accountId: string): Message | undefined {
    const row = this.queuedOf.get(accountId);
    return row ? this.toMessage(row) : undefined;
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

  edit(id: number, body: string, html: string | undefined): Message | undefined {
    this.editStmt.run(body, html ?? null, id);
    return this.get(id);
  }

  /** An undecryptable message whose key arrived: its content replaces the placeholder, not marked edited. */
  replaceDecrypted(id: number, content: DecryptedContent): Message | undefined {
    this.decryptedStmt.run(content.kind, content.body, content.html ?? null, json(content.replyTo), json(content.attachments),
      content.senderTrust ?? null, content.threadRootId ?? null, flag(content.mentionsSelf), id);
    return this.get(id);
  }

  /** The sender's trust changed after the message was stored (its shield on screen follows). */
  setSenderTrust(id: number, trust: SenderTrust): Message | undefined {
    this.db.prepare('UPDATE messages SET sender_trust = ? WHERE id = ?').run(trust, id);
    return this.get(id);
  }

  markDeleted(id: number): Message | undefined {
    this.deleteStmt.run(id);
    this.db.prepare('DELETE FROM reactions WHERE message_id = ?').run(id);
    return this.get(id);
  }

  /** Replaces one sender's reactions to a message with a new set. */
  setReactions(id: number, sender: { id: string; name: string; mine: boolean }, reactions: readonly string[]): Message | undefined {
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
  applyReceipt(upTo: Message, kind: 'delivered' | 'read', window = 200): Message[] {
    const changed: Message[] = [];
    for (const row of this.receiptCandidates.all({ conversation: upTo.conversationId, id: upTo.id, limit: window })) {
      if (row.receipt === 'read' || row.receipt === kind) continue;
      this.setReceipt.run(kind, row.id);
      const view = this.get(row.id);
      if (view) changed.push(view);
    }
    return changed;
  }

  private toMessage(row: MessageRow): Message {
    const reply = row.reply_to === null ? undefined : JSON.parse(row.reply_to) as StoredReplyTo;
    const replied = reply ? this.byNetworkId.get(row.conversation_id, reply.networkId) : undefined;
    return messageOf(row, this.reactionsOf.all(row.id), replied);
  }
}
