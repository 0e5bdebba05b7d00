import type { Migration } from './migration.js';

/**
 * Message order (issue 23, clock skew): a conversation is ordered by `sort_key`, a position
 * the store gives each message when it is stored — the next one for a message that arrives
 * or is written now, a place among its neighbours by the network's time for history loaded
 * later — never by a clock alone, so that neither a wrong local clock nor a wrong server
 * clock reorders what the user saw arrive. The timestamp stays, for display. Existing
 * messages keep the order they were shown in: (timestamp, id), a step (SORT_KEY_STEP, 2^24)
 * apart, leaving room for history to be placed between them.
 */
export const migration0011MessageOrder: Migration = {
  version: 11,
  name: '0011-message-order',
  up: (db) => {
    db.exec(`
      ALTER TABLE messages ADD COLUMN sort_key INTEGER NOT NULL DEFAULT 0;

      UPDATE messages SET sort_key = ordered.position FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY timestamp, id) * 16777216 AS position FROM messages
      ) AS ordered WHERE messages.id = ordered.id;

      CREATE INDEX messages_by_order ON messages (conversation_id, sort_key);
    `);
  },
};
