import type { Database, Statement } from 'better-sqlite3';

/** Stored preference values by key, as parsed JSON; what they mean is the PreferencesService's business. */
export class PreferencesRepository {
  private readonly all: Statement<[], { key: string; value: string }>;
  private readonly setStmt: Statement<[string, string]>;
  private readonly deleteStmt: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.all = db.prepare('SELECT key, value FROM preferences');
    this.setStmt = db.prepare(`INSERT INTO preferences (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    this.deleteStmt = db.prepare('DELETE FROM preferences WHERE key = ?');
  }

  list(): Map<string, unknown> {
    return new Map(this.all.all().map((row) => [row.key, JSON.parse(row.value) as unknown]));
  }

  /** Sets and clears in one transaction: a change is stored whole or not at all. */
  write(set: ReadonlyMap<string, unknown>, cleared: readonly string[]): void {
    this.db.transaction(() => {
      for (const [key, value] of set) this.setStmt.run(key, JSON.stringify(value));
      for (const key of cleared) this.deleteStmt.run(key);
    })();
  }
}
