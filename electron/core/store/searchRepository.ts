import type { Database, Statement } from 'better-sqlite3';

export interface SearchHit {
  readonly messageId: number;
  readonly conversationId: number;
  /** The body with the matches between \u0002 and \u0003 (the UI turns them into marks as text, never HTML). */
  readonly snippet: string;
  readonly timestamp: number;
}

/**
 * Full-text search over every conversation (FTS5). The user's words are turned into a
 * query of quoted prefix terms, so that no input can be an FTS5 syntax error or operator.
 */
export class SearchRepository {
  private readonly everywhere: Statement<[string, number], RawHit>;
  private readonly inConversation: Statement<[string, number, number], RawHit>;
  private readonly inAccount: Statement<[string, string, number], RawHit>;

  constructor(db: Database) {
    const select = `SELECT m.id AS messageId, m.conversation_id AS conversationId, m.timestamp AS timestamp,
        snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snippet
      FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid`;
    this.everywhere = db.prepare(`${select} WHERE messages_fts MATCH ? ORDER BY m.timestamp DESC, m.id DESC LIMIT ?`);
    this.inConversation = db.prepare(`${select} WHERE messages_fts MATCH ? AND m.conversation_id = ? ORDER BY m.timestamp DESC, m.id DESC LIMIT ?`);
    this.inAccount = db.prepare(`${select} JOIN conversations c ON c.id = m.conversation_id
      WHERE messages_fts MATCH ? AND c.account_id = ? ORDER BY m.timestamp DESC, m.id DESC LIMIT ?`);
  }

  search(text: string, limit: number, scope: { conversationId?: number; accountId?: string } = {}): SearchHit[] {
    const query = toFtsQuery(text);
    if (query === undefined) return [];
    if (scope.conversationId !== undefined) return this.inConversation.all(query, scope.conversationId, limit);
    if (scope.accountId !== undefined) return this.inAccount.all(query, scope.accountId, limit);
    return this.everywhere.all(query, limit);
  }
}

type RawHit = SearchHit;

/** Every word becomes a quoted prefix term, all of which must match; undefined when there are no words. */
export function toFtsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').split(/[\s\p{P}\p{S}]+/u).filter((word) => word.length > 0).slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
