import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';
import { migrate } from './migrator.js';
import { MessagesRepository } from './messagesRepository.js';
import { ConversationsRepository } from './conversationsRepository.js';
import { AccountsRepository } from './accountsRepository.js';

describe('migrations', () => {
  it('bring an empty database to the newest version once, and are idempotent', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, migrations)).toEqual({ from: 0, to: migrations.length });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db, migrations)).toEqual({ from: migrations.length, to: migrations.length });
  });

  it('refuse a database from a newer build', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, migrations)).toThrow(/newer Switchboard/);
  });

  it('roll back a migration that fails half-way', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [{ version: 1, name: '0001-broken', up: (d: BetterSqlite3.Database) => { d.exec('CREATE TABLE t (x)'); d.exec('NOT SQL'); } }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
  });
});

describe('message store', () => {
  function setup() {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const conversation = new ConversationsRepository(db).upsert({ accountId: 'a1', networkId: '#x', kind: 'room' });
    return { messages: new MessagesRepository(db), conversationId: conversation.id };
  }
  const base = { senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received' } as const;

  it('stores a network id once per conversation, so history replays cannot double a message', () => {
    const { messages, conversationId } = setup();
    expect(messages.insert({ ...base, conversationId, networkId: 'm1', body: 'hi', timestamp: 10 })).toBeDefined();
    expect(messages.insert({ ...base, conversationId, networkId: 'm1', body: 'hi again', timestamp: 11 })).toBeUndefined();
    expect(messages.insert({ ...base, conversationId, body: 'no id', timestamp: 12 })).toBeDefined();
    expect(messages.insert({ ...base, conversationId, body: 'no id', timestamp: 12 })).toBeDefined();
    expect(messages.page(conversationId, 10).map((m) => m.body)).toEqual(['hi', 'no id', 'no id']);
  });

  it('pages live messages in arrival order and history where its server time places it (issue 23)', () => {
    const { messages, conversationId } = setup();
    messages.insert({ ...base, conversationId, body: 'live, early time', timestamp: 5 });
    messages.insert({ ...base, conversationId, body: 'newest', timestamp: 30 });
    messages.insertHistory(conversationId, [{ ...base, body: 'middle', timestamp: 20 }]);
    messages.insert({ ...base, conversationId, body: 'live, late time', timestamp: 25 });
    const newest = messages.page(conversationId, 2);
    expect(newest.map((m) => m.body)).toEqual(['newest', 'live, late time']);
    const first = newest[0];
    if (!first) throw new Error('no page');
    expect(messages.page(conversationId, 2, { timestamp: first.timestamp, id: first.id }).map((m) => m.body)).toEqual(['live, early time', 'middle']);
  });
});

describe('message search', () => {
  it('finds words by prefix, without diacritics, newest first, and never fails on FTS syntax', async () => {
    const { SearchRepository, toFtsQuery } = await import('./searchRepository.js');
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const conversation = new ConversationsRepository(db).upsert({ accountId: 'a1', networkId: '#x', kind: 'room' });
    const messages = new MessagesRepository(db);
    const base = { conversationId: conversation.id, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received' } as const;
    messages.insert({ ...base, body: 'Meet at the café at noon', timestamp: 1 });
    const later = messages.insert({ ...base, body: 'the cafeteria is closed', timestamp: 2 });
    messages.insert({ ...base, kind: 'event', body: 'cafe joined', timestamp: 3 });
    const search = new SearchRepository(db);

    expect(search.search('cafe', 10).map((hit) => hit.timestamp)).toEqual([2, 1]);
    expect(search.search('café noon', 10)).toHaveLength(1);
    expect(search.search('cafe', 10)[1]?.snippet).toContain('\u0002café\u0003');
    for (const hostile of ['"', 'AND OR NOT', 'NEAR(', '*', 'body:x', '(((', "'; DROP TABLE messages; --"]) {
      expect(() => search.search(hostile, 10)).not.toThrow();
    }
    expect(toFtsQuery('  ')).toBeUndefined();

    if (!later) throw new Error('not stored');
    messages.edit(later.id, 'the library is open', undefined);
    expect(search.search('cafeteria', 10)).toEqual([]);
    expect(search.search('library', 10)).toHaveLength(1);
    messages.markDeleted(later.id);
    expect(search.search('library', 10)).toEqual([]);
  });
});
