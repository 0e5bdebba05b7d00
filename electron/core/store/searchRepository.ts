import type { Database, Statement } from 'better-sqlite3';
import { SearchIndex } from './searchIndex.js';

export interface SearchHit {
  readonly messageId: number;
  readonly conversationId: number;
  /** The body with the matches between \u0002 and \u0003 (the UI turns them into marks as text, never HTML). */
  readonly snippet: string;
  readonly timestamp: number;
}

/** What a search may be narrowed to; every filter given must hold. Times are ms, inclusive. */
export interface SearchFilters {
  readonly accountId?: string | undefined;
  readonly conversationId?: number | undefined;
  /** The sender's display name or network id, whole, in any case. */
  readonly sender?: string | undefined;
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  /** Only messages whose text holds a web link (http://, https:// or www.). */
  readonly hasLink?: boolean | undefined;
  /** Only messages with a file attached. */
  readonly hasFile?: boolean | undefined;
  /** The network: a protocol plugin's id (irc, xmpp, matrix, …), over all its accounts. */
  readonly network?: string | undefined;
  /** A buddy: the chat with them on that account, and what they said in its rooms. */
  readonly buddy?: { readonly accountId: string; readonly contactId: string } | undefined;
  /** A person (merged buddies): the chats with each of their buddies, and what those said in rooms, on every account. */
  readonly personId?: number | undefined;
}

/** The SQL conditions (on `m`, the messages row) and their parameters, in order. */
function filterConditions(filters: SearchFilters): { sql: string[]; params: (string | number)[] } {
  const sql: string[] = [];
  const params: (string | number)[] = [];
  if (filters.accountId !== undefined) {
    sql.push('m.conversation_id IN (SELECT id FROM conversations WHERE account_id = ?)');
    params.push(filters.accountId);
  }
  if (filters.conversationId !== undefined) {
    sql.push('m.conversation_id = ?');
    params.push(filters.conversationId);
  }
  const sender = filters.sender?.trim();
  if (sender !== undefined && sender !== '') {
    sql.push('(m.sender_name = ? COLLATE NOCASE OR m.sender_id = ? COLLATE NOCASE)');
    params.push(sender, sender);
  }
  if (filters.since !== undefined) {
    sql.push('m.timestamp >= ?');
    params.push(filters.since);
  }
  if (filters.until !== undefined) {
    sql.push('m.timestamp <= ?');
    params.push(filters.until);
  }
  if (filters.hasLink === true) {
    sql.push("(instr(lower(m.body), 'http://') > 0 OR instr(lower(m.body), 'https://') > 0 OR instr(lower(m.body), 'www.') > 0)");
  }
  if (filters.network !== undefined) {
    sql.push('m.conversation_id IN (SELECT c.id FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE a.plugin_id = ?)');
    params.push(filters.network);
  }
  // A buddy's direct conversation is keyed by their network id (as person_members is, migration 0008).
  if (filters.buddy !== undefined) {
    sql.push(`(m.conversation_id IN (SELECT id FROM conversations WHERE account_id = ? AND network_id = ? AND kind = 'direct')
      OR (m.sender_id = ? AND m.conversation_id IN (SELECT id FROM conversations WHERE account_id = ?)))`);
    params.push(filters.buddy.accountId, filters.buddy.contactId, filters.buddy.contactId, filters.buddy.accountId);
  }
  if (filters.personId !== undefined) {
    sql.push(`EXISTS (SELECT 1 FROM conversations c JOIN person_members pm ON pm.account_id = c.account_id
      WHERE c.id = m.conversation_id AND pm.person_id = ?
        AND ((c.kind = 'direct' AND pm.contact_id = c.network_id) OR pm.contact_id = m.sender_id))`);
    params.push(filters.personId);
  }
  // Migration 0003: `attachments` is a JSON array, NULL when there is none.
  if (filters.hasFile === true) sql.push("(m.attachments IS NOT NULL AND m.attachments <> '[]')");
  return { sql, params };
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
  /** One prepared statement per combination of filters used (at most 2^10). */
  private readonly statements = new Map<string, Statement<unknown[], SearchHit>>();
  private readonly newestUpTo: Statement<[number], { newest: number }>;
  private readonly index: SearchIndex;

  constructor(private readonly db: Database) {
    this.index = new SearchIndex(db);
    this.newestUpTo = db.prepare('SELECT newest FROM message_time_marks WHERE block <= ? ORDER BY block DESC LIMIT 1');
  }

  /**
   * The `limit` newest messages matching `text` and every filter given. The filters are SQL
   * conditions of the walk itself, so a filter never empties a page that a LIMIT cut first.
   */
  search(text: string, limit: number, filters: SearchFilters = {}): SearchHit[] {
    const query = toFtsQuery(text);
    if (query === undefined || limit <= 0) return [];
    // What was stored since the last batch is indexed first (migration 0013).
    this.index.catchUp();
    const { sql, params } = filterConditions(filters);
    const key = sql.join(' AND ');
    let statement = this.statements.get(key);
    if (!statement) {
      // The snippet of each match walked (a few microseconds): asking for it later, hit by hit,
      // would evaluate the whole MATCH again for each (a short prefix merges thousands of terms).
      statement = this.db.prepare<unknown[], SearchHit>(`SELECT m.id AS messageId, m.conversation_id AS conversationId, m.timestamp AS timestamp,
          snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snippet
        FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
        WHERE ${['messages_fts MATCH ?', ...sql].join(' AND ')} ORDER BY messages_fts.rowid DESC`);
      this.statements.set(key, statement);
    }
    return this.newest(statement.iterate(query, ...params), limit, filters.until);
  }

  /** The `limit` newest of matches given by descending id, reading no further than needed. */
  private newest(matches: IterableIterator<SearchHit>, limit: number, until = Number.POSITIVE_INFINITY): SearchHit[] {
    const best: SearchHit[] = []; // newest first
    let markBlock = Number.NaN;
    let markNewest = Number.POSITIVE_INFINITY;
    for (const match of matches) {
      const last = best[limit - 1];
      if (last !== undefined) {
        const block = Math.floor(match.messageId / 2 ** MARK_SHIFT);
        if (block !== markBlock) {
          markBlock = block;
          // No match is later than `until` either, so the walk may stop sooner with it.
          markNewest = Math.min(this.newestUpTo.get(block)?.newest ?? Number.POSITIVE_INFINITY, until);
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

/**
 * The user's text as an FTS5 query (https://www.sqlite.org/fts5.html#full_text_query_syntax)
 * that can never be a syntax error or an operator: every word outside quotes becomes a quoted
 * prefix term ("walr" and "walr*" both find "walrus"), and words between double quotes a
 * phrase, matched whole and in that order. All must match; undefined when there are no words.
 */
export function toFtsQuery(text: string): string | undefined {
  const terms: string[] = [];
  const normalized = text.normalize('NFKC');
  const pieces = normalized.split('"');
  pieces.forEach((piece, index) => {
    const words = wordsOf(piece);
    if (words.length === 0) return;
    // Odd pieces sit between quotes; a quote left open still makes a phrase of the rest.
    if (index % 2 === 1) terms.push(`"${words.join(' ')}"`);
    else terms.push(...words.map((word) => `"${word}"*`));
  });
  if (terms.length === 0) return undefined;
  return terms.slice(0, 16).join(' ');
}

/** The words of a piece of text: punctuation and symbols (quotes and * included) separate them. */
function wordsOf(text: string): string[] {
  return text.split(/[\s\p{P}\p{S}]+/u).filter((word) => word.length > 0).slice(0, 16);
}
