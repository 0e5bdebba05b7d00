import type { Migration } from './migration.js';

/**
 * API 0.2 data: buddy lists with presence, reactions, and the richer message fields
 * (edits, deletions, replies, formatted bodies, attachments, receipts, encryption).
 */
export const migration0003ContactsReactionsRichMessages: Migration = {
  version: 3,
  name: '0003-contacts-reactions-rich-messages',
  up: (db) => {
    db.exec(`
      CREATE TABLE contacts (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        groups TEXT NOT NULL DEFAULT '[]',      -- JSON array
        subscription TEXT,
        blocked INTEGER NOT NULL DEFAULT 0,
        presence_status TEXT NOT NULL DEFAULT 'unknown',
        presence_message TEXT,
        PRIMARY KEY (account_id, contact_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reactions (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        sender_id TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        reaction TEXT NOT NULL,
        mine INTEGER NOT NULL DEFAULT 0,
        UNIQUE (message_id, sender_id, reaction)
      ) STRICT;                                 -- rowid keeps the order reactions arrived in

      ALTER TABLE messages ADD COLUMN html TEXT;
      ALTER TABLE messages ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN reply_to TEXT;          -- JSON {networkId, senderId?, excerpt?}
      ALTER TABLE messages ADD COLUMN attachments TEXT;       -- JSON array
      ALTER TABLE messages ADD COLUMN receipt TEXT CHECK (receipt IN ('delivered', 'read'));
      ALTER TABLE messages ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN undecryptable INTEGER NOT NULL DEFAULT 0;

      ALTER TABLE conversations ADD COLUMN capabilities TEXT;  -- JSON overrides of the plugin's
      ALTER TABLE conversations ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
