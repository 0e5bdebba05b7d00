import type { Database, Statement } from 'better-sqlite3';

/** Plugin storage rows and the names of plugin-held secrets, per account. */
export class PluginStateRepository {
  private readonly getStmt: Statement<[string, string], { value: string }>;
  private readonly setStmt: Statement<[string, string, string]>;
  private readonly deleteStmt: Statement<[string, string]>;
  private readonly addSecretKey: Statement<[string, string]>;
  private readonly removeSecretKey: Statement<[string, string]>;
  private readonly secretKeys: Statement<[string], { key: string }>;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM plugin_state WHERE account_id = ? AND key = ?');
    this.setStmt = db.prepare(`INSERT INTO plugin_state (account_id, key, value) VALUES (?, ?, ?)
      ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value`);
    this.deleteStmt = db.prepare('DELETE FROM plugin_state WHERE account_id = ? AND key = ?');
    this.addSecretKey = db.prepare('INSERT OR IGNORE INTO plugin_secret_keys (account_id, key) VALUES (?, ?)');
    this.removeSecretKey = db.prepare('DELETE FROM plugin_secret_keys WHERE account_id = ? AND key = ?');
    this.secretKeys = db.prepare('SELECT key FROM plugin_secret_keys WHERE account_id = ?');
  }

  get(accountId: string, key: string): unknown {
    const row = this.getStmt.get(accountId, key);
    return row ? JSON.parse(row.value) as unknown : undefined;
  }

  set(accountId: string, key: string, value: unknown): void {
    this.setStmt.run(accountId, key, JSON.stringify(value ?? null));
  }

  delete(accountId: string, key: string): void {
    this.deleteStmt.run(accountId, key);
  }

  noteSecret(accountId: string, key: string, present: boolean): void {
    if (present) this.addSecretKey.run(accountId, key);
    else this.removeSecretKey.run(accountId, key);
  }

  listSecretKeys(accountId: string): string[] {
    return this.secretKeys.all(accountId).map((row) => row.key);
  }
}
