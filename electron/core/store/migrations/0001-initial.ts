import type { Migration } from './migration.js';

/** Accounts, conversations, messages and settings: what the walking skeleton stores. */
export const migration0001Initial: Migration = {
  version: 1,
  name: '0001-initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        plugin_id TEXT NOT NULL,
        settings TEXT NOT NULL,           -- JSON of the non-secret field values
        secret_keys TEXT NOT NULL,        -- JSON array of field keys held in the secret store
        enabled INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        network_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'room')),
        title TEXT NOT NULL,
        topic TEXT,
        joined INTEGER NOT NULL DEFAULT 1,
        open INTEGER NOT NULL DEFAULT 1,  -- shown in the buddy list and tabs
        unread INTEGER NOT NULL DEFAULT 0,
        last_activity INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account_id, network_id)
      ) STRICT;

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        network_id TEXT,
        sender_id TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('text', 'action', 'notice', 'event')),
        body TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'sending', 'sent', 'failed')),
        error TEXT                         -- JSON of the error when status is 'failed'
      ) STRICT;

      -- Paging a conversation by time, newest first.
      CREATE INDEX messages_by_time ON messages (conversation_id, timestamp, id);
      -- A network id is stored once per conversation: history catch-up cannot double a message.
      CREATE UNIQUE INDEX messages_by_network_id ON messages (conversation_id, network_id)
        WHERE network_id IS NOT NULL;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
