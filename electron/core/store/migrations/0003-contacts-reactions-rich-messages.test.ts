import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

describe('0003-contacts-reactions-rich-messages', () => {
  it('gives stored messages and conversations the plain defaults of the new fields, and adds buddy lists and reactions', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 2));
    db.exec(`
      INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'xmpp', '{}', '[]', 0, 1);
      INSERT INTO conversations (id, account_id, network_id, kind, title) VALUES (1, 'a1', 'bob@example.org', 'direct', 'Bob');
      INSERT INTO messages (id, conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status)
        VALUES (1, 1, 'x1', 'bob@example.org', 'Bob', 'text', 'hello', 5, 'in', 'received'),
               (2, 1, NULL, 'me', 'me', 'text', 'hi Bob', 6, 'out', 'sent');
    `);
    const messagesBefore = db.prepare('SELECT * FROM messages ORDER BY id').all() as Record<string, unknown>[];
    const conversationBefore = db.prepare('SELECT * FROM conversations').get() as Record<string, unknown>;

    expect(migrate(db, migrations.slice(0, 3))).toEqual({ from: 2, to: 3 });
    // Old rows keep every value and read as plain, unedited, unencrypted messages.
    const plain = { html: null, edited: 0, deleted: 0, reply_to: null, attachments: null, receipt: null, encrypted: 0, undecryptable: 0 };
    expect(db.prepare('SELECT * FROM messages ORDER BY id').all()).toEqual(messagesBefore.map((row) => ({ ...row, ...plain })));
    expect(db.prepare('SELECT * FROM conversations').get()).toEqual({ ...conversationBefore, capabilities: null, encrypted: 0 });
    expect(() => db.exec("UPDATE messages SET receipt = 'seen' WHERE id = 2")).toThrow(/CHECK/);

    db.exec(`
      INSERT INTO contacts (account_id, contact_id, display_name) VALUES ('a1', 'bob@example.org', 'Bob');
      INSERT INTO reactions (message_id, sender_id, sender_name, reaction) VALUES (1, 'me', 'me', '👍'), (1, 'carol', 'Carol', '🎉');
    `);
    expect(db.prepare('SELECT groups, blocked, presence_status FROM contacts').get()).toEqual({ groups: '[]', blocked: 0, presence_status: 'unknown' });
    expect(() => db.exec("INSERT INTO reactions (message_id, sender_id, sender_name, reaction) VALUES (1, 'me', 'me', '👍')")).toThrow(/UNIQUE/);
    // A removed message takes its reactions; a removed account its buddy list.
    db.exec('DELETE FROM messages WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM reactions').get()).toEqual({ n: 0 });
    db.exec("DELETE FROM accounts WHERE id = 'a1'");
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });
});
