/**
 * A profile made by the first Switchboard (schema 1), with data in every table it had, opened
 * by this build the way the app opens it (openProfileDatabase: backup, then every migration).
 * Every row and value survives, today's repositories read it, and search finds the old
 * messages.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../profile/profileFolder.js';
import { openProfileDatabase } from '../../profile/profileDatabase.js';
import { listBackups } from '../health/databaseBackups.js';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { MessagesRepository } from '../messagesRepository.js';
import { migrate } from '../migrator.js';
import { SearchRepository } from '../searchRepository.js';
import { migrations } from './index.js';

/** Every table of schema 1 with its columns, as 0001-initial made them. */
const SCHEMA_1 = {
  accounts: 'id, plugin_id, settings, secret_keys, enabled, position, created_at',
  conversations: 'id, account_id, network_id, kind, title, topic, joined, open, unread, last_activity',
  messages: 'id, conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status, error',
  settings: 'key, value',
} as const;

const profiles: string[] = [];
afterEach(() => {
  for (const dir of profiles.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function snapshot(db: BetterSqlite3.Database): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(SCHEMA_1).map(([table, columns]) => [table, db.prepare(`SELECT ${columns} FROM ${table} ORDER BY rowid`).all()]));
}

/** A schema-1 profile as the first build left it: two accounts, three conversations, messages of every kind and status. */
function firstSchemaProfile(): { dir: string; before: Record<string, unknown[]> } {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-schema1-'));
  profiles.push(dir);
  const db = new BetterSqlite3(join(dir, DATABASE_FILE));
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 1));
  db.exec(`
    INSERT INTO accounts (id, plugin_id, settings, secret_keys, enabled, position, created_at) VALUES
      ('libera', 'irc', '{"server":"irc.libera.chat","nick":"alice","port":6697}', '["password"]', 1, 0, 1700000000000),
      ('work', 'xmpp', '{"jid":"alice@example.org"}', '["password"]', 0, 1, 1700000100000);
    INSERT INTO conversations (id, account_id, network_id, kind, title, topic, joined, open, unread, last_activity) VALUES
      (1, 'libera', '#switchboard', 'room', '#switchboard', 'Release on Friday', 1, 1, 2, 1700000300000),
      (2, 'libera', 'bob', 'direct', 'bob', NULL, 1, 0, 0, 1700000200000),
      (3, 'work', 'carol@example.org', 'direct', 'Carol', NULL, 0, 1, 1, 1700000400000);
    INSERT INTO messages (id, conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status, error) VALUES
      (1, 1, 'msgid-1', 'bob', 'bob', 'text', 'the café on the corner has wifi', 1700000200000, 'in', 'received', NULL),
      (2, 1, NULL, 'alice', 'alice', 'action', 'waves at the giraffes', 1700000210000, 'out', 'sent', NULL),
      (3, 1, NULL, 'server', 'server', 'notice', 'Giraffes are off topic', 1700000220000, 'in', 'received', NULL),
      (4, 1, NULL, 'bob', 'bob', 'event', 'bob joined giraffes', 1700000230000, 'in', 'received', NULL),
      (5, 2, NULL, 'alice', 'alice', 'text', 'see you at the cafe', 1700000240000, 'out', 'queued', NULL),
      (6, 2, NULL, 'alice', 'alice', 'text', 'did the cafe close?', 1700000250000, 'out', 'failed',
        '{"code":"network","message":"The connection to irc.libera.chat was lost."}'),
      (7, 3, 'stanza-7', 'carol@example.org', 'Carol', 'text', 'Giraffes everywhere', 1700000400000, 'in', 'received', NULL);
    INSERT INTO settings (key, value) VALUES ('theme', '"dark"'), ('notifications', '{"sound":false}');
  `);
  const before = snapshot(db);
  db.close();
  return { dir, before };
}

describe('a profile from the first schema', () => {
  it('keeps every row through every migration, and the app reads and searches it', async () => {
    const { dir, before } = firstSchemaProfile();
    for (const rows of Object.values(before)) expect(rows.length).toBeGreaterThan(0);

    const { db } = await openProfileDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(snapshot(db)).toEqual(before);
      // The first build's database was backed up before the migrations touched it.
      expect(listBackups(dir).map((backup) => backup.kind)).toEqual(['before-migration']);

      expect(new AccountsRepository(db).list()).toEqual([
        { id: 'libera', pluginId: 'irc', settings: { server: 'irc.libera.chat', nick: 'alice', port: 6697 }, secretKeys: ['password'], enabled: true, createdAt: 1700000000000 },
        { id: 'work', pluginId: 'xmpp', settings: { jid: 'alice@example.org' }, secretKeys: ['password'], enabled: false, createdAt: 1700000100000 },
      ]);
      const conversations = new ConversationsRepository(db);
      expect(conversations.get(1)).toMatchObject({ accountId: 'libera', networkId: '#switchboard', kind: 'room', title: '#switchboard', topic: 'Release on Friday', joined: true, open: true, unread: 2 });
      expect(conversations.listOpen().map((conversation) => conversation.id).sort()).toEqual([1, 3]);

      const messages = new MessagesRepository(db);
      expect(messages.page(1, 10).map((message) => [message.kind, message.body])).toEqual([
        ['text', 'the café on the corner has wifi'], ['action', 'waves at the giraffes'], ['notice', 'Giraffes are off topic'], ['event', 'bob joined giraffes'],
      ]);
      expect(messages.page(2, 10).map((message) => message.status)).toEqual(['queued', 'failed']);
      expect(messages.get(6)?.error).toEqual({ code: 'network', message: 'The connection to irc.libera.chat was lost.' });
      expect(messages.nextQueued('libera')?.id).toBe(5);

      // Search finds the old messages (accents ignored, newest first), never the joins and parts.
      const search = new SearchRepository(db);
      expect(search.search('giraffes', 10).map((hit) => hit.messageId)).toEqual([7, 3, 2]);
      expect(search.search('cafe', 10).map((hit) => hit.messageId)).toEqual([6, 5, 1]);
      expect(search.search('giraffes', 10, { accountId: 'libera' }).map((hit) => hit.messageId)).toEqual([3, 2]);

      // And it goes on working: a new message is found alongside the old ones.
      messages.insert({ conversationId: 1, senderId: 'bob', senderName: 'bob', kind: 'text', body: 'more giraffes', timestamp: 1700000500000, direction: 'in', status: 'received' });
      expect(search.search('giraffes', 1).map((hit) => hit.snippet)).toEqual(['more \u0002giraffes\u0003']);
    } finally {
      db.close();
    }
  });
});
