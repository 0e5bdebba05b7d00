import type { Database, Statement } from 'better-sqlite3';

export interface SearchHit {
  readonly messageId: number;
  readonly conversationId: number;
  /** The body with the matches between \u0002 and \u0003 (the UI turns them into marks as text, never HTML). */
  readonly snippet: string;
  readonly timestamp: number;
}

/** Ids per time mark (migration 0007: `id >> 8`). */
const MARK_SHIFT = 8;


/**
 * Full-text search over every conversation (FTS5), newest first. The user's words are
 * turned into a query of quoted prefix terms, so that no input can be an FTS5 syntax error
 * or operator.
 *
 * Sorting every match by time made a common word cost ~100,000 rows per search. Instead
 * the matches are walked by id, newest id first (FTS5's own order, no sort), keeping the
 * best `limit` by time; the walk stops once the time marks (migration 0007) say that no
 * message with a lower id is newer than the last hit held. Ids follow time for live
 * messages, so that is usually after a few more than `limit` matches; history that
 * arrived late (backfill, imports) only makes the walk longer, never the order wrong.
 */
export class SearchRepository {
  private readonly everywhere: Statement<[string], SearchHit>;
  private readonly inConversation: Statement<[string, number], SearchHit>;
  private readonly inAccount: Statement<[string, string], SearchHit>;
  private readonly newestUpTo: Statement<[number], { newest: number }>;

  constructor(db: Database) {
    // The snippet of each match walked (a few microseconds): asking for it later, hit by hit,
    // would evaluate the whole MATCH again for each (a short prefix merges thousands of terms).
    const select = `SELECT m.id AS messageId, m.conversation_id AS conversationId, m.timestamp AS timestamp,
        snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snippet
      FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid`;
    const order = 'ORDER BY messages_fts.rowid DESC';
    this.everywhere = db.prepare(`${select} WHERE messages_fts MATCH ? ${order}`);
    this.inConversation = db.prepare(`${select} WHERE messages_fts MATCH ? AND m.conversation_id = ? ${order}`);
    this.inAccount = db.prepare(`${select} JOIN conversations c ON c.id = m.conversation_id
      WHERE messages_fts MATCH ? AND c.account_id = ? ${order}`);
    this.newestUpTo = db.prepare('SELECT newest FROM message_time_marks WHERE block <= ? ORDER BY block DESC LIMIT 1');
  }

  search(text: string, limit: number, scope: { conversationId?: number; accountId?: string } = {}): SearchHit[] {
    const query = toFtsQuery(text);
    if (query === undefined || limit <= 0) return [];
    const matches = scope.conversationId !== undefined ? this.inConversation.iterate(query, scope.conversationId)
      : scope.accountId !== undefined ? this.inAccount.iterate(query, scope.accountId)
        : this.everywhere.iterate(query);
    return this.newest(matches, limit);
  }

  /** The `limit` newest of matches given by descending id, reading no further than needed. */
  private newest(matches: IterableIterator<SearchHit>, limit: number): SearchHit[] {
    const best: SearchHit[] = []; // newest first
    let markBlock = Number.NaN;
    let markNewest = Number.POSITIVE_INFINITY;
    for (const match of matches) {
      const last = best[limit - 1];
      if (last !== undefined) {
        const block = Math.floor(match.messageId / 2 ** MARK_SHIFT);
        if (block !== markBlock) {
          markBlock = block;
          markNewest = this.newestUpTo.get(block)?.newest ?? Number.POSITIVE_INFINITY;
        }
        // Every match from here on has a lower id than `last`, so an equal time ranks below it too.
        if (markNewest <= last.timestamp) break;
        if (!isNewer(match, last)) continue;
        best.pop();
      }
      let at = best.length;
      while (at > 0 && isNewer(match, best[at - 1] as SearchHit)) at--;
      best.splice(at, 0, match);
    }
    return best;
  }
}

/** The search order: time, then id, both descending. */
function isNewer(a: SearchHit, b: SearchHit): boolean {
  return a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.messageId > b.messageId);
}

/** Every word becomes a quoted prefix term, all of which must match; undefined when there are no words. */
export function toFtsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').split(/[\s\p{P}\p{S}]+/u).filter((word) => word.length > 0).slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
