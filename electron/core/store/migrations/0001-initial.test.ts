import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

function columns(db: BetterSqlite3.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
}

describe('0001-initial', () => {
  it('creates accounts, conversations, messages and settings, with the rules the store relies on', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(columns(db, 'accounts')).toEqual(['id', 'plugin_id', 'settings', 'secret_keys', 'enabled', 'position', 'created_at']);
    expect(columns(db, 'conversations')).toEqual(['id', 'account_id', 'network_id', 'kind', 'title', 'topic', 'joined', 'open', 'unread', 'last_activity']);
    expect(columns(db, 'messages')).toEqual(['id', 'conversation_id', 'network_id', 'sender_id', 'sender_name', 'kind', 'body', 'timestamp', 'direction', 'status', 'error']);
    expect(columns(db, 'settings')).toEqual(['key', 'value']);

    db.exec(`
      INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'irc', '{}', '[]', 0, 1);
      INSERT INTO conversations (id, account_id, network_id, kind, title) VALUES (1, 'a1', '#x', 'room', '#x');
    `);
    // New conversations are joined and shown; new accounts are enabled.
    expect(db.prepare('SELECT joined, open, unread FROM conversations').get()).toEqual({ joined: 1, open: 1, unread: 0 });
    expect(db.prepare('SELECT enabled FROM accounts').get()).toEqual({ enabled: 1 });
    const insert = db.prepare(`INSERT INTO messages (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (1, ?, 'bob', 'bob', ?, 'hi', 1, 'in', 'received')`);
    insert.run('m1', 'text');
    // History catch-up cannot store a message twice; messages without a network id can repeat.
    expect(() => insert.run('m1', 'text')).toThrow(/UNIQUE/);
    insert.run(null, 'text');
    insert.run(null, 'text');
    expect(() => insert.run(null, 'shout')).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO conversations (account_id, network_id, kind, title) VALUES ('a1', '#x', 'room', '#x')")).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO conversations (account_id, network_id, kind, title) VALUES ('nobody', '#y', 'room', '#y')")).toThrow(/FOREIGN KEY/);

    // Removing an account removes its conversations and their messages.
    db.exec("DELETE FROM accounts WHERE id = 'a1'");
    expect(db.prepare('SELECT (SELECT count(*) FROM conversations) AS c, (SELECT count(*) FROM messages) AS m').get()).toEqual({ c: 0, m: 0 });
  });
});
