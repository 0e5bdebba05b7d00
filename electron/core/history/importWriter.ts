/**
 * Stores imported messages: finds (or creates, disabled) the account, finds (or creates,
 * closed) the conversation, and adds each message unless it is already there. A message with
 * a network id is a duplicate when its conversation holds that id (the store's unique index);
 * one without is a duplicate when its conversation holds as many messages of the same time,
 * sender, kind and text as the file has so far, so that importing twice adds nothing while
 * two identical lines in one second both stay.
 *
 * The caller runs one file inside one transaction and calls {@link ImportWriter.forget} when
 * it rolls back (what was created inside it is gone).
 *
 * The full-text index is filled in batches: inside the file's transaction the per-row insert
 * trigger (migration 0004) is dropped, the new rows' ids are gathered, indexed by one
 * INSERT … SELECT per batch, and the trigger is created again before the commit. FTS5 took
 * some ten times longer row by row than for the same rows in one statement (node
 * --cpu-prof, 20,000 messages: 3 s against 0.3 s). A rollback brings the trigger back with
 * everything else; no other statement runs on the connection in between (the file's
 * transaction is synchronous).
 *
 * The search's time marks (migration 0007) are kept the same way: their per-row trigger is
 * dropped for the file, and at its end the trigger's two statements run once per block of
 * 256 ids with the newest time the file added there, lowest block first. Each statement
 * only raises marks to a maximum, so once per block gives the marks row by row gives
 * (a million-message import ran them two million times).
 *
 * A conversation is ordered by `sort_key` (migration 0011), which a bulk insert cannot
 * compute row by row at speed: once the files are in ({@link ImportWriter.orderByTime}),
 * every conversation the import added to is numbered again by the messages' times (as
 * migration 0011 numbered existing history), so imported lines sit among the messages
 * already there by when they were said. Once per conversation, not per file: a Pidgin log
 * is a file a day. Each row is inserted with the key that numbering will most likely give
 * it (the next in its conversation, as logs run in time order), and the numbering writes
 * only the rows whose key differs: rewriting a million rows and their index entries was a
 * fifth of an import's time (node --cpu-prof).
 *
 * A big file into a small store builds the table's order indexes at its end ({@link BulkIndexes}).
 */
import type { Database, RunResult, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { accountIdentity, sameIdentity, settingsForIdentity } from './accountIdentity.js';
import { BulkIndexes } from './bulkIndexes.js';
import { SORT_KEY_STEP } from '../store/messagesRepository.js';
import type { AccountHint, ImportedMessage } from './importSources.js';

const FTS_TRIGGER = 'messages_fts_insert';
const MARKS_TRIGGER = 'message_time_marks_insert';
/** Rows per batch into the full-text index: big enough to be cheap, small enough to keep the id list small. */
const FTS_BATCH = 20_000;

interface Placed {
  count: number;
  timestamp: number;
  id: number;
  inOrder: boolean;
}

interface AccountRow {
  id: string;
  plugin_id: string;
  settings: string;
}

export class ImportWriter {
  private readonly accounts = new Map<string, string>();
  private readonly conversations = new Map<string, number>();
  /**
   * The conversations met so far by their network id, each with the account hint that named
   * it: a line finds its conversation without a key string built (an export interleaves
   * hundreds of conversations line by line; building two keys per line showed in the profile).
   */
  private readonly byNetworkId = new Map<string, { readonly account: AccountHint; readonly id: number }[]>();
  private readonly occurrences = new Map<string, number>();
  private occurrenceTime = Number.NaN;
  /** Accounts created for imported history (their ids). */
  readonly createdAccounts = new Set<string>();
  /** Conversations that received at least one message. */
  readonly touchedConversations = new Set<number>();
  private readonly newest = new Map<number, number>();
  /**
   * Per conversation: how many rows this import gave it (the next row's key is the one the
   * time numbering will most likely give it), the last one's time and id, and whether they
   * all came in time order.
   */
  private readonly placed = new Map<number, Placed>();
  /** Per block of 256 ids (migration 0007): the newest time this file added there. */
  private readonly blocks = new Map<number, number>();

  private readonly allAccounts: Statement<[], AccountRow>;
  private readonly accountExists: Statement<[string], { id: string }>;
  private readonly insertAccount: Statement<[string, string, string, number]>;
  private readonly findConversation: Statement<[string, string], { id: number }>;
  private readonly insertConversation: Statement<[string, string, string, string]>;
  private readonly messageExists: Statement<[number], { id: number }>;
  private readonly sameContent: Statement<[number, number, string, string, string], { n: number }>;
  private readonly insertMessage: Statement<[number | null, number, string | null, string, string, string, string, number, string, string, string | null, number, number, string | null, string | null, number]>;
  private readonly activity: Statement<[number, number]>;
  private readonly renumber: Statement<[number]>;
  private readonly keySpan: Statement<[number], { n: number; low: number | null; high: number | null }>;
  private readonly triggerSql: Statement<[string], { sql: string }>;
  private readonly indexBatch: Statement<[string]>;
  private readonly markBlock: Statement<{ block: number; newest: number }>;
  private readonly markAbove: Statement<{ block: number; newest: number }>;
  /** The FTS insert trigger's own SQL while it is dropped for a file; undefined otherwise. */
  private droppedTrigger: string | undefined;
  /** The same for the time marks' insert trigger. */
  private droppedMarks: string | undefined;
  /** Rows added in this file and not yet in the full-text index. */
  private unindexed: number[] = [];
  private readonly bulk: BulkIndexes;
  /** Rows this file added, and whether it had a line without a network id (found again by time). */
  private fileAdded = 0;
  private fileWithoutNetworkIds = false;

  /** `bulkRows`: rows one file adds before its order indexes are built at its end instead (default BULK_ROWS). */
  constructor(private readonly db: Database, bulkRows?: number) {
    this.bulk = new BulkIndexes(db, bulkRows);
    this.allAccounts = db.prepare('SELECT id, plugin_id, settings FROM accounts ORDER BY position, created_at');
    this.accountExists = db.prepare('SELECT id FROM accounts WHERE id = ?');
    this.insertAccount = db.prepare(`INSERT INTO accounts (id, plugin_id, settings, secret_keys, enabled, position, created_at)
      VALUES (?, ?, ?, '[]', 0, (SELECT COALESCE(MAX(position), 0) + 1 FROM accounts), ?)`);
    this.findConversation = db.prepare('SELECT id FROM conversations WHERE account_id = ? AND network_id = ?');
    // Not joined and not in the conversation list: history to read and search, nothing to reconnect to.
    this.insertConversation = db.prepare(`INSERT INTO conversations (account_id, network_id, kind, title, joined, open)
      VALUES (?, ?, ?, ?, 0, 0)`);
    this.messageExists = db.prepare('SELECT id FROM messages WHERE id = ?');
    this.sameContent = db.prepare(`SELECT count(*) AS n FROM messages
      WHERE conversation_id = ? AND timestamp = ? AND sender_id = ? AND kind = ? AND body = ?`);
    this.insertMessage = db.prepare(`INSERT OR IGNORE INTO messages
      (id, conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status,
       html, edited, deleted, reply_to, attachments, sort_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.activity = db.prepare('UPDATE conversations SET last_activity = MAX(last_activity, ?) WHERE id = ?');
    this.renumber = db.prepare(`UPDATE messages SET sort_key = ordered.position FROM (
        SELECT id, ROW_NUMBER() OVER (ORDER BY timestamp, id) * ${SORT_KEY_STEP} AS position FROM messages WHERE conversation_id = ?
      ) AS ordered WHERE messages.id = ordered.id AND messages.sort_key != ordered.position`);
    this.keySpan = db.prepare('SELECT count(*) AS n, min(sort_key) AS low, max(sort_key) AS high FROM messages WHERE conversation_id = ?');
    this.triggerSql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`);
    // What the trigger does, for many rows at once (events are not indexed; migration 0004).
    this.indexBatch = db.prepare(`INSERT INTO messages_fts (rowid, body)
      SELECT m.id, m.body FROM json_each(?) j JOIN messages m ON m.id = j.value WHERE m.kind != 'event'`);
    // The time marks trigger's two statements (migration 0007), for a block and the newest time added to it.
    this.markBlock = db.prepare(`INSERT INTO message_time_marks (block, newest)
      VALUES (@block, max(@newest, coalesce(
        (SELECT newest FROM message_time_marks WHERE block < @block ORDER BY block DESC LIMIT 1), @newest)))
      ON CONFLICT (block) DO UPDATE SET newest = max(newest, excluded.newest)`);
    this.markAbove = db.prepare('UPDATE message_time_marks SET newest = @newest WHERE block > @block AND newest < @newest');
  }

  /** Drops a trigger for the file's transaction; its SQL, to create it again, or undefined when there is none. */
  private dropTrigger(name: string): string | undefined {
    const sql = this.triggerSql.get(name)?.sql;
    if (sql !== undefined) this.db.exec(`DROP TRIGGER ${name}`);
    return sql;
  }

  /** Starts a file inside its transaction: occurrence counts are per file; the FTS and time marks insert triggers are dropped until endFile. */
  beginFile(): void {
    this.occurrences.clear();
    this.occurrenceTime = Number.NaN;
    this.unindexed = [];
    this.blocks.clear();
    this.fileAdded = 0;
    this.fileWithoutNetworkIds = false;
    this.droppedTrigger = this.dropTrigger(FTS_TRIGGER);
    this.droppedMarks = this.dropTrigger(MARKS_TRIGGER);
  }

  /** Ends a file inside its transaction: the rest of its rows indexed, the trigger back, activity times moved to the newest imported message. */
  endFile(): void {
    this.bulk.endFile();
    this.indexPending();
    if (this.droppedTrigger !== undefined) this.db.exec(this.droppedTrigger);
    this.droppedTrigger = undefined;
    if (this.droppedMarks !== undefined) {
      for (const block of [...this.blocks.keys()].sort((a, b) => a - b)) {
        const marks = { block, newest: this.blocks.get(block) ?? 0 };
        this.markBlock.run(marks);
        this.markAbove.run(marks);
      }
      this.db.exec(this.droppedMarks);
    }
    this.droppedMarks = undefined;
    this.blocks.clear();
    for (const [conversation, timestamp] of this.newest) this.activity.run(timestamp, conversation);
    this.newest.clear();
  }

  private indexPending(): void {
    if (this.unindexed.length === 0) return;
    if (this.droppedTrigger !== undefined) this.indexBatch.run(JSON.stringify(this.unindexed));
    this.unindexed = [];
  }

  /** Number the conversations the import added to by time (see above); in one transaction. */
  orderByTime(): void {
    this.db.transaction(() => {
      for (const conversation of this.touchedConversations) {
        if (!this.numberedByTime(conversation)) this.renumber.run(conversation);
      }
    })();
    this.placed.clear();
  }

  /**
   * True when the conversation holds only this import's rows, inserted in time order with
   * the keys 1…n × step: exactly what the numbering would write. Anything else in it (older
   * history, a message that arrived between two files) shows in the count or the key span.
   */
  private numberedByTime(conversation: number): boolean {
    const placed = this.placed.get(conversation);
    if (placed === undefined || !placed.inOrder) return false;
    const span = this.keySpan.get(conversation);
    return span !== undefined && span.n === placed.count && span.low === SORT_KEY_STEP && span.high === placed.count * SORT_KEY_STEP;
  }

  /** The file's transaction rolled back: what it created no longer exists. */
  forget(createdDuringFile: ReadonlySet<string>, touchedBefore: ReadonlySet<number>): void {
    this.unindexed = [];
    this.droppedTrigger = undefined;
    this.droppedMarks = undefined;
    this.blocks.clear();
    this.bulk.forget();
    // Only a guess from here on: the numbering at the end corrects it.
    this.placed.clear();
    this.accounts.clear();
    this.conversations.clear();
    this.byNetworkId.clear();
    this.newest.clear();
    for (const id of createdDuringFile) this.createdAccounts.delete(id);
    for (const id of [...this.touchedConversations]) if (!touchedBefore.has(id)) this.touchedConversations.delete(id);
  }

  /** Stores the message unless it is already there; true when it was added. */
  add(message: ImportedMessage): boolean {
    const conversationId = this.conversationOf(message);
    if (message.networkId === undefined) {
      if (message.timestamp !== this.occurrenceTime) {
        // Identical lines are only ever counted within one timestamp.
        this.occurrences.clear();
        this.occurrenceTime = message.timestamp;
      }
      const key = `${conversationId}\u0000${message.senderId}\u0000${message.kind}\u0000${message.body}`;
      const nth = (this.occurrences.get(key) ?? 0) + 1;
      this.occurrences.set(key, nth);
      this.fileWithoutNetworkIds = true;
      this.bulk.needTimeIndex();
      const stored = this.sameContent.get(conversationId, message.timestamp, message.senderId, message.kind, message.body)?.n ?? 0;
      if (stored >= nth) return false;
    }
    const placed = this.placed.get(conversationId) ?? { count: 0, timestamp: Number.NEGATIVE_INFINITY, id: 0, inOrder: true };
    const place = placed.count + 1;
    const insert = (id: number | null): RunResult => this.insertMessage.run(id, conversationId, message.networkId ?? null, message.senderId, message.senderName,
      message.kind, message.body, message.timestamp, message.direction, message.status, message.html ?? null,
      message.edited ? 1 : 0, message.deleted ? 1 : 0,
      message.replyTo !== undefined ? JSON.stringify({ networkId: message.replyTo }) : null,
      message.attachments !== undefined ? JSON.stringify(message.attachments) : null,
      place * SORT_KEY_STEP);
    // The file's id when it is free, else a new one. Tried first and looked up only when
    // nothing was inserted (the id taken, or a duplicate): most rows need one statement, not two.
    let result = insert(message.id ?? null);
    if (result.changes === 0 && message.id !== undefined && this.messageExists.get(message.id) !== undefined) result = insert(null);
    if (result.changes === 0) return false;
    const rowId = Number(result.lastInsertRowid);
    placed.inOrder &&= message.timestamp > placed.timestamp || (message.timestamp === placed.timestamp && rowId > placed.id);
    placed.count = place;
    placed.timestamp = message.timestamp;
    placed.id = rowId;
    this.placed.set(conversationId, placed);
    this.fileAdded++;
    this.bulk.added(this.fileAdded, this.fileWithoutNetworkIds);
    this.unindexed.push(rowId);
    if (this.unindexed.length >= FTS_BATCH) this.indexPending();
    if (this.droppedMarks !== undefined) {
      const block = Math.floor(rowId / 256); // SQLite's id >> 8, beyond 32 bits too
      this.blocks.set(block, Math.max(this.blocks.get(block) ?? message.timestamp, message.timestamp));
    }
    this.touchedConversations.add(conversationId);
    this.newest.set(conversationId, Math.max(this.newest.get(conversationId) ?? 0, message.timestamp));
    return true;
  }

  private conversationOf(message: ImportedMessage): number {
    const { account, conversation } = message;
    const met = this.byNetworkId.get(conversation.networkId);
    if (met !== undefined) {
      for (const entry of met) {
        if (entry.account.pluginId === account.pluginId && entry.account.identity === account.identity && entry.account.id === account.id) return entry.id;
      }
    }
    const accountId = this.accountOf(account);
    const { networkId, kind, title } = conversation;
    const key = `${accountId}\u0000${networkId}`;
    let id = this.conversations.get(key);
    if (id === undefined) {
      id = this.findConversation.get(accountId, networkId)?.id
        ?? Number(this.insertConversation.run(accountId, networkId, kind, title).lastInsertRowid);
      this.conversations.set(key, id);
    }
    if (met !== undefined) met.push({ account, id });
    else this.byNetworkId.set(networkId, [{ account, id }]);
    return id;
  }

  /** The account the history belongs to: the one with this id and network, else one with the same identity, else a new disabled one. */
  private accountOf(hint: AccountHint): string {
    const key = `${hint.id ?? ''}\u0000${hint.pluginId}\u0000${hint.identity}`;
    const cached = this.accounts.get(key);
    if (cached !== undefined) return cached;
    const rows = this.allAccounts.all();
    const found = rows.find((row) => row.id === hint.id && row.plugin_id === hint.pluginId)
      ?? rows.find((row) => row.plugin_id === hint.pluginId
        && sameIdentity(hint.pluginId, accountIdentity(row.plugin_id, JSON.parse(row.settings) as Record<string, unknown>), hint.identity));
    let id = found?.id;
    if (id === undefined) {
      id = hint.id !== undefined && this.accountExists.get(hint.id) === undefined ? hint.id : randomUUID();
      this.insertAccount.run(id, hint.pluginId, JSON.stringify(settingsForIdentity(hint.pluginId, hint.identity)), Date.now());
      this.createdAccounts.add(id);
    }
    this.accounts.set(key, id);
    return id;
  }
}
