/**
 * The stored messages of a log subject (a room or chat, a buddy's chat on one account, or a
 * person's chats on every account) by time: the first message from a time on, how many lie
 * in a time range, and their ids. Each is a seek in the `messages_by_time (conversation_id,
 * timestamp, id)` index (migration 0001), read alone: no table row is touched.
 */
import type { Database, Statement } from 'better-sqlite3';

export type LogSubject =
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'buddy'; readonly accountId: string; readonly contactId: string }
  | { readonly kind: 'person'; readonly personId: number };

export class LogDaysRepository {
  private readonly conversation: Statement<[number], { id: number }>;
  private readonly buddy: Statement<[string, string], { id: number }>;
  private readonly person: Statement<[number], { id: number }>;
  private readonly firstFromStmt: Statement<[number, number], { first: number | null }>;
  private readonly countStmt: Statement<[number, number, number], { n: number }>;
  private readonly inRange: Statement<[number, number, number, number], { id: number; timestamp: number }>;

  constructor(db: Database) {
    this.conversation = db.prepare('SELECT id FROM conversations WHERE id = ?');
    this.buddy = db.prepare(`SELECT id FROM conversations WHERE account_id = ? AND network_id = ? AND kind = 'direct'`);
    // A person's buddies are keyed like their direct conversations: (account, network id).
    this.person = db.prepare(`SELECT c.id FROM person_members pm
      JOIN conversations c ON c.account_id = pm.account_id AND c.network_id = pm.contact_id AND c.kind = 'direct'
      WHERE pm.person_id = ?`);
    this.firstFromStmt = db.prepare(`SELECT min(timestamp) AS first FROM messages INDEXED BY messages_by_time
      WHERE conversation_id = ? AND timestamp >= ?`);
    this.countStmt = db.prepare(`SELECT count(*) AS n FROM messages INDEXED BY messages_by_time
      WHERE conversation_id = ? AND timestamp >= ? AND timestamp < ?`);
    this.inRange = db.prepare(`SELECT id, timestamp FROM messages INDEXED BY messages_by_time
      WHERE conversation_id = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp, id LIMIT ?`);
  }

  /** The conversations a subject's log is made of (none for an unknown one). */
  conversationsOf(subject: LogSubject): number[] {
    const rows = subject.kind === 'conversation' ? this.conversation.all(subject.conversationId)
      : subject.kind === 'buddy' ? this.buddy.all(subject.accountId, subject.contactId)
        : this.person.all(subject.personId);
    return rows.map((row) => row.id);
  }

  /** The time of the conversation's first message at or after `from`; undefined when there is none. */
  firstFrom(conversationId: number, from: number): number | undefined {
    return this.firstFromStmt.get(conversationId, from)?.first ?? undefined;
  }

  /** How many of the conversation's messages lie in [start, end). */
  countBetween(conversationId: number, start: number, end: number): number {
    return this.countStmt.get(conversationId, start, end)?.n ?? 0;
  }

  /** The first `limit` message ids in [start, end) over the conversations, by time, and whether there were more. */
  idsBetween(conversationIds: readonly number[], start: number, end: number, limit: number): { ids: number[]; more: boolean } {
    const rows = conversationIds.flatMap((id) => this.inRange.all(id, start, end, limit + 1));
    rows.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
    return { ids: rows.slice(0, limit).map((row) => row.id), more: rows.length > limit };
  }
}
