import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { MessagesRepository } from '../messagesRepository.js';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

describe('0011-message-order', () => {
  it('keeps the order stored messages were shown in, per conversation, and puts new ones after them whatever their time', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 10));
    new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const conversations = new ConversationsRepository(db);
    const rooms = [conversations.upsert({ accountId: 'a1', networkId: '#x', kind: 'room' }), conversations.upsert({ accountId: 'a1', networkId: '#y', kind: 'room' })];
    const insert = db.prepare(`INSERT INTO messages (conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (?, 'bob', 'bob', 'text', ?, ?, 'in', 'received')`);
    // Stored out of time order (backfill), with a tie broken by id, in two conversations.
    for (const [room, body, timestamp] of [[0, 'x3', 300], [1, 'y2', 200], [0, 'x1', 100], [0, 'x2a', 200], [0, 'x2b', 200], [1, 'y1', 100]] as const) {
      insert.run(rooms[room]?.id, body, timestamp);
    }

    expect(migrate(db, migrations.slice(0, 11))).toMatchObject({ from: 10 });
    // The repository is today's: the migrations after 0011 (new columns) on top.
    migrate(db, migrations);
    const messages = new MessagesRepository(db);
    const x = rooms[0]?.id ?? 0;
    expect(messages.page(x, 10).map((m) => m.body)).toEqual(['x1', 'x2a', 'x2b', 'x3']);
    expect(messages.page(rooms[1]?.id ?? 0, 10).map((m) => m.body)).toEqual(['y1', 'y2']);
    messages.insert({ conversationId: x, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: 'live, dated early', timestamp: 50 });
    expect(messages.page(x, 10).map((m) => m.body)).toEqual(['x1', 'x2a', 'x2b', 'x3', 'live, dated early']);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'messages_by_order'`).pluck().get()).toMatch(/\(conversation_id, sort_key\)/);
  });
});
