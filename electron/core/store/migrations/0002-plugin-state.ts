import type { Migration } from './migration.js';

/** Per-account plugin storage (API 0.2 `context.storage`) and the names of plugin-held secrets. */
export const migration0002PluginState: Migration = {
  version: 2,
  name: '0002-plugin-state',
  up: (db) => {
    db.exec(`
      CREATE TABLE plugin_state (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,              -- JSON
        PRIMARY KEY (account_id, key)
      ) STRICT, WITHOUT ROWID;

      -- The values live in the secret store; the names are kept here so that removing an
      -- account can delete every secret its plugin stored.
      CREATE TABLE plugin_secret_keys (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        PRIMARY KEY (account_id, key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
