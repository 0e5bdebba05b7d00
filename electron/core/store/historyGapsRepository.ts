/** Stored history gaps (migration 0009): where a conversation's messages may be missing. */
import type { Database, Statement } from 'better-sqlite3';

export interface GapPoint {
  readonly networkId?: string;
  readonly timestamp: number;
}

export interface StoredGap {
  readonly id: number;
  readonly conversationId: number;
  /** Absent: the gap reaches back to the start of the conversation. */
  readonly after?: GapPoint;
  readonly before: GapPoint;
  readonly reason?: string;
}

interface GapRow {
  id: number;
  conversation_id: number;
  after_network_id: string | null;
  after_time: number | null;
  before_network_id: string | null;
  before_time: number;
  reason: string | null;
}

function point(networkId: string | null, timestamp: number): GapPoint {
  return networkId !== null ? { networkId, timestamp } : { timestamp };
}

function toGap(row: GapRow): StoredGap {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    ...(row.after_time !== null ? { after: point(row.after_network_id, row.after_time) } : {}),
    before: point(row.before_network_id, row.before_time),
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
}

export class HistoryGapsRepository {
  private readonly insertStmt: Statement<[number, string | null, number | null, string | null, number, string | null]>;
  private readonly byId: Statement<[number], GapRow>;
  private readonly ofConversation: Statement<[number], GapRow>;
  private readonly filledOfConversation: Statement<[number], GapRow>;
  private readonly markFilledStmt: Statement<[number]>;
  private readonly setBeforeStmt: Statement<[string | null, number, number]>;
  private readonly removeStmt: Statement<[number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO history_gaps (conversation_id, after_network_id, after_time, before_network_id, before_time, reason)
      VALUES (?, ?, ?, ?, ?, ?)`);
    this.byId = db.prepare('SELECT * FROM history_gaps WHERE id = ? AND filled = 0');
    this.ofConversation = db.prepare('SELECT * FROM history_gaps WHERE conversation_id = ? AND filled = 0 ORDER BY before_time, id');
    this.filledOfConversation = db.prepare('SELECT * FROM history_gaps WHERE conversation_id = ? AND filled = 1 ORDER BY before_time, id');
    this.markFilledStmt = db.prepare('UPDATE history_gaps SET filled = 1 WHERE id = ?');
    this.setBeforeStmt = db.prepare('UPDATE history_gaps SET before_network_id = ?, before_time = ? WHERE id = ?');
    this.removeStmt = db.prepare('DELETE FROM history_gaps WHERE id = ?');
  }

  insert(gap: Omit<StoredGap, 'id'>): StoredGap {
    const { lastInsertRowid } = this.insertStmt.run(gap.conversationId, gap.after?.networkId ?? null, gap.after?.timestamp ?? null,
      gap.before.networkId ?? null, gap.before.timestamp, gap.reason ?? null);
    return { ...gap, id: Number(lastInsertRowid) };
  }

  /** An open gap. */
  get(id: number): StoredGap | undefined {
    const row = this.byId.get(id);
    return row ? toGap(row) : undefined;
  }

  /** A conversation's open gaps, oldest first. */
  listOf(conversationId: number): StoredGap[] {
    return this.ofConversation.all(conversationId).map(toGap);
  }

  /** Ranges of a conversation that were gaps and have been loaded. */
  filledOf(conversationId: number): StoredGap[] {
    return this.filledOfConversation.all(conversationId).map(toGap);
  }

  /** Everything missing in the gap was loaded: it is kept only as a filled range. */
  markFilled(id: number): void {
    this.markFilledStmt.run(id);
  }

  /** Paging back filled the newer part of a gap: it now ends at `before`. */
  setBefore(id: number, before: GapPoint): StoredGap | undefined {
    this.setBeforeStmt.run(before.networkId ?? null, before.timestamp, id);
    return this.get(id);
  }

  remove(id: number): void {
    this.removeStmt.run(id);
  }
}
