import type { Migration } from './migration.js';

/**
 * Full-text search over message bodies with FTS5, as an external-content index kept in
 * step by triggers (the text is stored once, in messages). unicode61 with diacritics
 * removed, so "cafe" finds "café".
 */
export const migration0004MessageSearch: Migration = {
  version: 4,
  name: '0004-message-search',
  up: (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      INSERT INTO messages_fts (rowid, body) SELECT id, body FROM messages WHERE kind != 'event';

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.kind != 'event' BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.kind != 'event' BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages WHEN old.kind != 'event' BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body);
      END;
    `);
  },
};
