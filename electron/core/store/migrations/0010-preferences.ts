import type { Migration } from './migration.js';

/**
 * The user's preferences (electron/bridge/preferences.ts): one row per key that differs
 * from its default, the value as JSON. Keys are not constrained here: a newer Switchboard
 * may add keys an older one keeps without understanding.
 */
export const migration0010Preferences: Migration = {
  version: 10,
  name: '0010-preferences',
  up: (db) => {
    db.exec(`
      CREATE TABLE preferences (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
