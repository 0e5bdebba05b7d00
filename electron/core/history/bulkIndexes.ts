/**
 * A big file imported into a small store builds two of the messages table's indexes once at
 * its end instead of row by row. `messages_by_order` (migration 0011) and `messages_by_time`
 * (migration 0001) only order and page rows; every imported row went into both at one of
 * hundreds of places (one per conversation), while CREATE INDEX sorts the whole table once
 * (a million-message import: ~3 s of inserts into them against ~1.4 s to build them).
 *
 * Only inside the file's transaction, so that a rollback brings the indexes back with
 * everything else, and only once the file has added {@link BULK_ROWS} rows and the table
 * held no more rows than that before the file: building an index reads the whole table,
 * which must not cost a small file added to a big history more than it saves.
 *
 * The unique `messages_by_network_id` stays: it is what makes importing twice add nothing.
 * `messages_by_time` is also how a line without a network id is found again (ImportWriter's
 * same-content count): it is built again as soon as such a line comes, and not dropped for a
 * file that had one before the threshold.
 */
import type { Database, Statement } from 'better-sqlite3';

/** Rows one file adds before its order indexes are dropped (see above). */
export const BULK_ROWS = 50_000;

const ORDER_INDEX = 'messages_by_order';
const TIME_INDEX = 'messages_by_time';

export class BulkIndexes {
  /** The indexes dropped for this file, name → the SQL that creates them again. */
  private readonly dropped = new Map<string, string>();
  private readonly indexSql: Statement<[string], { sql: string }>;
  private readonly rowCount: Statement<[], { n: number }>;

  constructor(private readonly db: Database, private readonly threshold: number = BULK_ROWS) {
    this.indexSql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND name = ?`);
    this.rowCount = db.prepare('SELECT count(*) AS n FROM messages');
  }

  /**
   * After each row the file added: at the threshold, drops the order indexes when the table
   * was small before the file (the time index only when `keepTime` is false).
   */
  added(rowsInFile: number, keepTime: boolean): void {
    if (rowsInFile !== this.threshold) return;
    const before = (this.rowCount.get()?.n ?? 0) - rowsInFile;
    if (before > rowsInFile) return;
    this.drop(ORDER_INDEX);
    if (!keepTime) this.drop(TIME_INDEX);
  }

  /** Before a lookup by conversation and time: the time index built again if it was dropped. */
  needTimeIndex(): void {
    this.restore(TIME_INDEX);
  }

  /** At the end of the file, inside its transaction: every dropped index built again. */
  endFile(): void {
    for (const name of [...this.dropped.keys()]) this.restore(name);
  }

  /** The file's transaction rolled back: the indexes are back without us. */
  forget(): void {
    this.dropped.clear();
  }

  private drop(name: string): void {
    const sql = this.indexSql.get(name)?.sql;
    if (sql === undefined || this.dropped.has(name)) return;
    this.db.exec(`DROP INDEX ${name}`);
    this.dropped.set(name, sql);
  }

  private restore(name: string): void {
    const sql = this.dropped.get(name);
    if (sql === undefined) return;
    this.db.exec(sql);
    this.dropped.delete(name);
  }
}
