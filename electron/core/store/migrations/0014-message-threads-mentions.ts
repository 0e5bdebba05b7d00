import type { Migration } from './migration.js';

/**
 * Threads and intentional mentions on messages (plugin API 0.6):
 * - `thread_root`: the network id of the first message of the thread a message is in
 *   (Matrix `m.thread`); NULL for the main log.
 * - `mentions_self`: what the network said of whom a received message mentions (Matrix
 *   `m.mentions`): 1 the user, 0 not the user, NULL not said (judged by the text).
 * - `mention_ids`: for the user's own message, the members they picked (JSON array), kept
 *   so that a message waiting in the outbox still mentions them when it goes out.
 */
export const migration0014MessageThreadsMentions: Migration = {
  version: 14,
  name: '0014-message-threads-mentions',
  up: (db) => {
    db.exec(`
      ALTER TABLE messages ADD COLUMN thread_root TEXT;
      ALTER TABLE messages ADD COLUMN mentions_self INTEGER CHECK (mentions_self IN (0, 1));
      ALTER TABLE messages ADD COLUMN mention_ids TEXT CHECK (mention_ids IS NULL OR json_valid(mention_ids));
      CREATE INDEX messages_thread ON messages (conversation_id, thread_root) WHERE thread_root IS NOT NULL;
    `);
  },
};
