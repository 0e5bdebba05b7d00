/**
 * What an export reads: the conversations in a scope, and their messages in time order,
 * page by page (keyset paging on the messages_by_time index), so that a million messages
 * never sit in memory and the connection is free between pages for the running core.
 */
import type { Database, Statement } from 'better-sqlite3';
import { accountIdentity } from './accountIdentity.js';

/** Which history: everything, one account, one conversation, or one person's chats; within a time range. */
export interface HistoryScope {
  readonly accountId?: string;
  readonly conversationId?: number;
  readonly personId?: number;
  /** Inclusive lower bound, ms since the epoch. */
  readonly since?: number;
  /** Inclusive upper bound, ms since the epoch. */
  readonly until?: number;
}

export interface SourceConversation {
  readonly id: number;
  readonly accountId: string;
  readonly pluginId: string;
  /** The account as a person would name it (nick@server, a JID, a Matrix user id). */
  readonly accountIdentity: string;
  readonly networkId: string;
  readonly kind: 'direct' | 'room';
  readonly title: string;
}

export interface SourceMessage {
  readonly id: number;
  readonly network_id: string | null;
  readonly sender_id: string;
  readonly sender_name: string;
  readonly kind: 'text' | 'action' | 'notice' | 'event';
  readonly body: string;
  readonly html: string | null;
  readonly timestamp: number;
  readonly direction: 'in' | 'out';
  readonly status: string;
  readonly edited: number;
  readonly deleted: number;
  readonly reply_to: string | null;
  readonly attachments: string | null;
}

/**
 * A message as {@link HistorySource.pageById} reads it: an array of its columns in this
 * order, not an object. Building an object per row was a quarter of the CPU time of a
 * million-message export (better-sqlite3's raw mode reads the same rows in half the time).
 */
export type SourceRow = readonly [
  id: number, conversation_id: number, network_id: string | null, sender_id: string, sender_name: string, kind: SourceMessage['kind'],
  body: string, html: string | null, timestamp: number, direction: SourceMessage['direction'], status: string, edited: number, deleted: number,
  reply_to: string | null, attachments: string | null,
];

/** A message object to fill from rows again and again ({@link readRow}); nothing keeps it after the row is written. */
export type ReusedMessage = { -readonly [K in keyof SourceMessage]: SourceMessage[K] };

export const reusedMessage = (): ReusedMessage => ({
  id: 0, network_id: null, sender_id: '', sender_name: '', kind: 'text', body: '', html: null, timestamp: 0,
  direction: 'in', status: '', edited: 0, deleted: 0, reply_to: null, attachments: null,
});

/** Copies a row's columns into the reused message. */
export function readRow(row: SourceRow, into: ReusedMessage): void {
  [into.id, , into.network_id, into.sender_id, into.sender_name, into.kind, into.body, into.html, into.timestamp, into.direction, into.status,
    into.edited, into.deleted, into.reply_to, into.attachments] = row;
}

interface ConversationRow {
  id: number;
  account_id: string;
  plugin_id: string;
  settings: string;
  network_id: string;
  kind: 'direct' | 'room';
  title: string;
}

const PAGE = 2000;

export class HistorySource {
  private readonly pageStmt: Statement<[number, number, number, number, number, number], SourceMessage>;
  private readonly countStmt: Statement<[number, number, number], { n: number }>;
  private readonly byIdAll: Statement<[number, number, number, number], SourceRow>;
  private readonly byIdAccount: Statement<[string, number, number, number, number], SourceRow>;

  constructor(private readonly db: Database) {
    this.pageStmt = db.prepare(`SELECT id, network_id, sender_id, sender_name, kind, body, html, timestamp, direction, status,
        edited, deleted, reply_to, attachments
      FROM messages WHERE conversation_id = ? AND timestamp >= ? AND timestamp <= ? AND (timestamp > ? OR id > ?)
      ORDER BY timestamp, id LIMIT ?`);
    const columns = `id, conversation_id, network_id, sender_id, sender_name, kind, body, html, timestamp, direction, status,
        edited, deleted, reply_to, attachments`;
    this.byIdAll = db.prepare<[number, number, number, number], SourceRow>(`SELECT ${columns} FROM messages
      WHERE id > ? AND timestamp >= ? AND timestamp <= ? ORDER BY id LIMIT ?`).raw(true);
    this.byIdAccount = db.prepare<[string, number, number, number, number], SourceRow>(`SELECT ${columns} FROM messages
      WHERE conversation_id IN (SELECT id FROM conversations WHERE account_id = ?) AND id > ? AND timestamp >= ? AND timestamp <= ? ORDER BY id LIMIT ?`).raw(true);
    this.countStmt = db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND timestamp >= ? AND timestamp <= ?');
  }

  /** The conversations in scope, by account then conversation id (a stable order: exports compare byte for byte). */
  conversations(scope: HistoryScope): SourceConversation[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (scope.accountId !== undefined) {
      where.push('c.account_id = ?');
      params.push(scope.accountId);
    }
    if (scope.conversationId !== undefined) {
      where.push('c.id = ?');
      params.push(scope.conversationId);
    }
    if (scope.personId !== undefined) {
      // A person's buddies are keyed like their direct conversations: (account, network id).
      where.push(`c.kind = 'direct' AND EXISTS (SELECT 1 FROM person_members pm
        WHERE pm.person_id = ? AND pm.account_id = c.account_id AND pm.contact_id = c.network_id)`);
      params.push(scope.personId);
    }
    const rows = this.db.prepare(`SELECT c.id, c.account_id, a.plugin_id, a.settings, c.network_id, c.kind, c.title
      FROM conversations c JOIN accounts a ON a.id = c.account_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.position, a.created_at, c.account_id, c.id`).all(...params) as ConversationRow[];
    return rows.map((row) => ({
      id: row.id, accountId: row.account_id, pluginId: row.plugin_id,
      accountIdentity: accountIdentity(row.plugin_id, JSON.parse(row.settings) as Record<string, unknown>),
      networkId: row.network_id, kind: row.kind, title: row.title,
    }));
  }

  count(conversationId: number, scope: HistoryScope): number {
    return this.countStmt.get(conversationId, scope.since ?? Number.MIN_SAFE_INTEGER, scope.until ?? Number.MAX_SAFE_INTEGER)?.n ?? 0;
  }

  /**
   * Everything or one account's messages in id (arrival) order, the next page after `afterId`:
   * one pass over the table in its own order, and what an import gives back the same ids in
   * the same order (ascending ids are also what the store's search time marks index cheaply).
   */
  pageById(scope: HistoryScope, afterId: number): SourceRow[] {
    const since = scope.since ?? Number.MIN_SAFE_INTEGER;
    const until = scope.until ?? Number.MAX_SAFE_INTEGER;
    return scope.accountId !== undefined
      ? this.byIdAccount.all(scope.accountId, afterId, since, until, PAGE)
      : this.byIdAll.all(afterId, since, until, PAGE);
  }

  /** The next page after `after` (or from the start), oldest first; empty at the end. */
  page(conversationId: number, scope: HistoryScope, after: { timestamp: number; id: number } | undefined): SourceMessage[] {
    const since = scope.since ?? Number.MIN_SAFE_INTEGER;
    // The lower bound moves with the cursor, so that each page is an index seek, not a rescan.
    const lower = after === undefined ? since : Math.max(since, after.timestamp);
    return this.pageStmt.all(conversationId, lower, scope.until ?? Number.MAX_SAFE_INTEGER,
      after?.timestamp ?? Number.MIN_SAFE_INTEGER, after?.id ?? Number.MIN_SAFE_INTEGER, PAGE);
  }
}
