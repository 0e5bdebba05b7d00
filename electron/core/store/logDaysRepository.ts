/**
 * The stored messages of a log subject (a room or chat, a buddy's chat on one account, or a
 * person's chats on every account) by time: how many per quarter hour, and the ids within a
 * time range. Both read the `messages_by_time (conversation_id, timestamp, id)` index alone
 * (migration 0001), one range scan per conversation: no table row is touched.
 */
import type { Database, Statement } from 'better-sqlite3';

export type LogSubject =
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'buddy'; readonly accountId: string; readonly contactId: string }
  | { readonly kind: 'person'; readonly personId: number };

/**
 * A quarter of an hour. Every time zone's offset from UTC is a whole number of quarter
 * hours (+05:45 Nepal, +12:45 Chatham), so a quarter never spans two local days.
 */
export const BUCKET_MS = 15 * 60 * 1000;

export interface TimeBucket {
  /** Start of the quarter hour, in ms. */
  readonly start: number;
  readonly count: number;
}

export class LogDaysRepository {
  private readonly conversation: Statement<[number], { id: number }>;
  private readonly buddy: Statement<[string, string], { id: number }>;
  private readonly person: Statement<[number], { id: number }>;
  private readonly buckets: Statement<[number], { bucket: number; n: number }>;
  private readonly inRange: Statement<[number, number, number, number], { id: number; timestamp: number }>;

  constructor(db: Database) {
    this.conversation = db.prepare('SELECT id FROM conversations WHERE id = ?');
    this.buddy = db.prepare(`SELECT id FROM conversations WHERE account_id = ? AND network_id = ? AND kind = 'direct'`);
    // A person's buddies are keyed like their direct conversations: (account, network id).
    this.person = db.prepare(`SELECT c.id FROM person_members pm
      JOIN conversations c ON c.account_id = pm.account_id AND c.network_id = pm.contact_id AND c.kind = 'direct'
      WHERE pm.person_id = ?`);
    // Integer division; times before 1970 do not occur in a chat log.
    this.buckets = db.prepare(`SELECT timestamp / ${BUCKET_MS} AS bucket, count(*) AS n
      FROM messages INDEXED BY messages_by_time WHERE conversation_id = ? GROUP BY bucket`);
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

  /** Messages per quarter hour over the conversations, in no particular order. */
  bucketsOf(conversationIds: readonly number[]): TimeBucket[] {
    const counts = new Map<number, number>();
    for (const id of conversationIds) {
      for (const { bucket, n } of this.buckets.iterate(id)) counts.set(bucket, (counts.get(bucket) ?? 0) + n);
    }
    return [...counts].map(([bucket, count]) => ({ start: bucket * BUCKET_MS, count }));
  }

  /** The first `limit` message ids in [start, end) over the conversations, by time, and whether there were more. */
  idsBetween(conversationIds: readonly number[], start: number, end: number, limit: number): { ids: number[]; more: boolean } {
    const rows = conversationIds.flatMap((id) => this.inRange.all(id, start, end, limit + 1));
    rows.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
    return { ids: rows.slice(0, limit).map((row) => row.id), more: rows.length > limit };
  }
}
