import type { Migration } from './migration.js';

/**
 * The groups a network puts a conversation in (plugin API 0.7, Matrix spaces):
 * - `groups`: their names, a JSON array; NULL when the network names none.
 * - `space`: 1 for a group of rooms rather than a chat (a Matrix space), shown as a group.
 */
export const migration0015ConversationGroups: Migration = {
  version: 15,
  name: '0015-conversation-groups',
  up: (db) => {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN groups TEXT CHECK (groups IS NULL OR json_valid(groups));
      ALTER TABLE conversations ADD COLUMN space INTEGER NOT NULL DEFAULT 0 CHECK (space IN (0, 1));
    `);
  },
};
