import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

function found(db: BetterSqlite3.Database, words: string): number[] {
  return (db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(words) as { rowid: number }[]).map((row) => row.rowid);
}

describe('0004-message-search', () => {
  it('indexes the messages stored before it (not joins and parts), and keeps the index in step after', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 3));
    db.exec(`
      INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'irc', '{}', '[]', 0, 1);
      INSERT INTO conversations (id, account_id, network_id, kind, title) VALUES (1, 'a1', '#x', 'room', '#x');
      INSERT INTO messages (id, conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status) VALUES
        (1, 1, 'bob', 'bob', 'text', 'Meet at the café', 1, 'in', 'received'),
        (2, 1, 'bob', 'bob', 'event', 'bob joined the café', 2, 'in', 'received'),
        (3, 1, 'me', 'me', 'action', 'orders a coffee', 3, 'out', 'sent');
    `);

    expect(migrate(db, migrations.slice(0, 4))).toEqual({ from: 3, to: 4 });
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 3 });
    // Accents do not matter: "cafe" finds "café".
    expect(found(db, 'cafe')).toEqual([1]);
    expect(found(db, 'coffee')).toEqual([3]);

    db.exec(`INSERT INTO messages (id, conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (4, 1, 'bob', 'bob', 'text', 'the cafe is closed', 4, 'in', 'received')`);
    expect(found(db, 'cafe')).toEqual([1, 4]);
    db.exec("UPDATE messages SET body = 'Meet at the library' WHERE id = 1");
    expect(found(db, 'cafe')).toEqual([4]);
    expect(found(db, 'library')).toEqual([1]);
    db.exec('DELETE FROM messages WHERE id = 4');
    expect(found(db, 'cafe')).toEqual([]);
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
  });
});
