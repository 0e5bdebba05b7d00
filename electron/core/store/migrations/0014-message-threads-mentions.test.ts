import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { MessagesRepository } from '../messagesRepository.js';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

describe('0014-message-threads-mentions', () => {
  it('keeps stored messages as they were (main log, mentions judged by text) and stores threads and mentions of new ones', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 12));
    new AccountsRepository(db).insert({ id: 'a1', pluginId: 'matrix', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const room = new ConversationsRepository(db).upsert({ accountId: 'a1', networkId: '!r:x', kind: 'room' });
    db.prepare(`INSERT INTO messages (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status, sort_key)
      VALUES (?, '$old', '@bob:x', 'bob', 'text', 'before threads', 1, 'in', 'received', 0)`).run(room.id);

    expect(migrate(db, migrations)).toMatchObject({ from: 12 });
    const messages = new MessagesRepository(db);
    const old = messages.findByNetworkId(room.id, '$old');
    expect(old?.threadRootId).toBeUndefined();
    expect(old?.mentionsSelf).toBeUndefined();
    const reply = messages.insert({
      conversationId: room.id, networkId: '$t', senderId: '@bob:x', senderName: 'bob', kind: 'text', body: 'in thread',
      timestamp: 2, direction: 'in', status: 'received', threadRootId: '$old', mentionsSelf: false,
    });
    expect(reply).toMatchObject({ threadRootId: '$old', mentionsSelf: false });
    const mine = messages.insert({
      conversationId: room.id, senderId: '@alice:x', senderName: 'alice', kind: 'text', body: 'Bob: hi',
      timestamp: 3, direction: 'out', status: 'queued', mentionIds: ['@bob:x'],
    });
    expect(mine?.mentionIds).toEqual(['@bob:x']);
  });
});
