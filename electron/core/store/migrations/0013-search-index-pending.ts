import type { Migration } from './migration.js';

/**
 * The full-text index (migration 0004) filled per batch instead of per row. FTS5 writes what
 * it has gathered to disk at every savepoint, and an INSERT that fires triggers runs in one:
 * the per-row trigger made each stored message its own index segment, to be merged again
 * right after (some 10 times the cost of indexing the same rows in one statement; the flood
 * benchmark measured ~35 µs of ~50 per stored message). Now the trigger only notes the id in
 * `messages_search_pending`, and SearchIndex.catchUp (store/searchIndex.ts) indexes what is noted
 * with one INSERT … SELECT: after every batch of events from a plugin and before every search,
 * so a search never misses a stored message.
 *
 * A message deleted or edited while still pending has nothing in the index to take out: the
 * index is told to delete only rows it holds (FTS5 external content must be told the exact
 * text it indexed), and an edited row is noted again, to be indexed with its new text.
 */
export const migration0013SearchIndexPending: Migration = {
  version: 13,
  name: '0013-search-index-pending',
  up: (db) => {
    db.exec(`
      CREATE TABLE messages_search_pending (id INTEGER PRIMARY KEY) STRICT;

      DROP TRIGGER messages_fts_insert;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.kind != 'event' BEGIN
        INSERT OR IGNORE INTO messages_search_pending (id) VALUES (new.id);
      END;
      DROP TRIGGER messages_fts_delete;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.kind != 'event' BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body)
          SELECT 'delete', old.id, old.body WHERE NOT EXISTS (SELECT 1 FROM messages_search_pending WHERE id = old.id);
        DELETE FROM messages_search_pending WHERE id = old.id;
      END;
      DROP TRIGGER messages_fts_update;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages WHEN old.kind != 'event' BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body)
          SELECT 'delete', old.id, old.body WHERE NOT EXISTS (SELECT 1 FROM messages_search_pending WHERE id = old.id);
        INSERT OR IGNORE INTO messages_search_pending (id) VALUES (new.id);
      END;
    `);
  },
};
