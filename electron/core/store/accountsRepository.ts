import type { Database, Statement } from 'better-sqlite3';
import type { AccountFieldValue } from '../../../protocols/api/index.js';

/** An account as stored: settings without secrets, and which secret keys exist. */
export interface StoredAccount {
  readonly id: string;
  readonly pluginId: string;
  readonly settings: Readonly<Record<string, AccountFieldValue>>;
  readonly secretKeys: readonly string[];
  readonly enabled: boolean;
  readonly createdAt: number;
}

interface AccountRow {
  id: string;
  plugin_id: string;
  settings: string;
  secret_keys: string;
  enabled: number;
  created_at: number;
}

function fromRow(row: AccountRow): StoredAccount {
  return {
    id: row.id,
    pluginId: row.plugin_id,
    settings: JSON.parse(row.settings) as Record<string, AccountFieldValue>,
    secretKeys: JSON.parse(row.secret_keys) as string[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
  };
}

export class AccountsRepository {
  private readonly selectAll: Statement<[], AccountRow>;
  private readonly insertOne: Statement<[string, string, string, string, number, number]>;
  private readonly updateSettings: Statement<[string, string, string]>;
  private readonly updateEnabled: Statement<[number, string]>;
  private readonly deleteOne: Statement<[string]>;
  private readonly updatePosition: Statement<[number, string]>;
  private readonly inTransaction: (run: () => void) => void;

  constructor(db: Database) {
    this.selectAll = db.prepare('SELECT * FROM accounts ORDER BY position, created_at');
    this.insertOne = db.prepare(`INSERT INTO accounts (id, plugin_id, settings, secret_keys, enabled, position, created_at)
      VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM accounts), ?)`);
    this.updateSettings = db.prepare('UPDATE accounts SET settings = ?, secret_keys = ? WHERE id = ?');
    this.updateEnabled = db.prepare('UPDATE accounts SET enabled = ? WHERE id = ?');
    this.deleteOne = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.updatePosition = db.prepare('UPDATE accounts SET position = ? WHERE id = ?');
    this.inTransaction = (run) => db.transaction(run)();
  }

  list(): StoredAccount[] {
    return this.selectAll.all().map(fromRow);
  }

  insert(account: StoredAccount): void {
    this.insertOne.run(account.id, account.pluginId, JSON.stringify(account.settings),
      JSON.stringify(account.secretKeys), account.enabled ? 1 : 0, account.createdAt);
  }

  saveSettings(id: string, settings: Readonly<Record<string, AccountFieldValue>>, secretKeys: readonly string[]): void {
    this.updateSettings.run(JSON.stringify(settings), JSON.stringify(secretKeys), id);
  }

  setEnabled(id: string, enabled: boolean): void {
    this.updateEnabled.run(enabled ? 1 : 0, id);
  }

  /** Stores the order the user chose (the Accounts dialog's): the first id is listed first. */
  setOrder(ids: readonly string[]): void {
    this.inTransaction(() => ids.forEach((id, index) => this.updatePosition.run(index + 1, id)));
  }

  /** Deletes the account and, by cascade, its conversations and messages. */
  remove(id: string): void {
    this.deleteOne.run(id);
  }
}
