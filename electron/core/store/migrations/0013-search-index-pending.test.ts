import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { SearchIndex } from '../searchIndex.js';
import { migrations } from './index.js';

function found(db: BetterSqlite3.Database, words: string): number[] {
  return (db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(words) as { rowid: number }[]).map((row) => row.rowid);
}

function add(db: BetterSqlite3.Database, id: number, body: string, kind = 'text'): void {
  db.prepare(`INSERT INTO messages (id, conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status, sort_key)
    VALUES (?, 1, 'bob', 'bob', ?, ?, ?, 'in', 'received', ?)`).run(id, kind, body, id, id);
}

const integrityCheck = (db: BetterSqlite3.Database): void => void db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");

describe('0013-search-index-pending', () => {
  it('keeps what was indexed before, indexes new messages in one catch-up, and edits and deletes before or after it', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 12));
    db.exec(`
      INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'irc', '{}', '[]', 0, 1);
      INSERT INTO conversations (id, account_id, network_id, kind, title) VALUES (1, 'a1', '#x', 'room', '#x');
    `);
    add(db, 1, 'an old walrus');

    expect(migrate(db, migrations)).toMatchObject({ from: 12 });
    expect(found(db, 'walrus')).toEqual([1]);
    const index = new SearchIndex(db);

    add(db, 2, 'a new walrus');
    add(db, 3, 'walrus joined', 'event');
    add(db, 4, 'a walrus to be edited');
    add(db, 5, 'a walrus to be deleted');
    // Stored, not yet in the index: the next catch-up puts them there.
    expect(found(db, 'walrus')).toEqual([1]);
    db.exec("UPDATE messages SET body = 'an edited seal' WHERE id = 4");
    db.exec('DELETE FROM messages WHERE id = 5');
    index.catchUp();
    expect(found(db, 'walrus')).toEqual([1, 2]);
    expect(found(db, 'seal')).toEqual([4]);
    expect(db.prepare('SELECT count(*) FROM messages_search_pending').pluck().get()).toBe(0);
    integrityCheck(db);

    // Once indexed, an edit and a delete take the old text out (and the edit waits for the next catch-up).
    db.exec("UPDATE messages SET body = 'an otter' WHERE id = 2");
    db.exec('DELETE FROM messages WHERE id = 1');
    expect(found(db, 'walrus')).toEqual([]);
    index.catchUp();
    expect(found(db, 'otter')).toEqual([2]);
    integrityCheck(db);
  });
});
