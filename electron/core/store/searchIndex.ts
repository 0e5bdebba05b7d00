/**
 * Brings the full-text index up to the stored messages: indexes, in one statement, the
 * messages the insert and update triggers noted as pending (migration 0013 says why not row
 * by row). Cheap when nothing is pending (one empty read).
 */
import type { Database, Statement } from 'better-sqlite3';

export class SearchIndex {
  private readonly anyPending: Statement<[], { id: number }>;
  private readonly indexPending: Statement;
  private readonly clearPending: Statement;
  private readonly catchUpInTransaction: () => void;

  constructor(db: Database) {
    this.anyPending = db.prepare('SELECT id FROM messages_search_pending LIMIT 1');
    // Events are not indexed (migration 0004); a row may have become one since it was noted.
    this.indexPending = db.prepare(`INSERT INTO messages_fts (rowid, body)
      SELECT m.id, m.body FROM messages_search_pending p JOIN messages m ON m.id = p.id WHERE m.kind != 'event'`);
    this.clearPending = db.prepare('DELETE FROM messages_search_pending');
    this.catchUpInTransaction = db.transaction(() => {
      this.indexPending.run();
      this.clearPending.run();
    });
  }

  /** Indexes every pending message (inside the caller's transaction when there is one). */
  catchUp(): void {
    if (this.anyPending.get() === undefined) return;
    this.catchUpInTransaction();
  }
}
