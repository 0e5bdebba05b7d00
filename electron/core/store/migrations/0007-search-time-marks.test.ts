import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { migrate } from '../migrator.js';
import { SearchRepository } from '../searchRepository.js';
import { migrations } from './index.js';

describe('0007-search-time-marks', () => {
  it('bounds the messages stored before it, so their search stays newest first', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 6));
    new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const conversation = new ConversationsRepository(db).upsert({ accountId: 'a1', networkId: '#x', kind: 'room' });
    const insert = db.prepare(`INSERT INTO messages (conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (?, 'bob', 'bob', 'text', ?, ?, 'in', 'received')`);
    // 600 messages over three blocks of ids; the newest of them all has a low id (an early import).
    for (let i = 1; i <= 600; i++) insert.run(conversation.id, `word ${i}`, i === 10 ? 99_999 : i * 10);

    expect(migrate(db, migrations)).toMatchObject({ from: 6 });
    const marks = db.prepare('SELECT block, newest FROM message_time_marks ORDER BY block').all();
    expect(marks).toEqual([{ block: 0, newest: 99_999 }, { block: 1, newest: 99_999 }, { block: 2, newest: 99_999 }]);
    expect(new SearchRepository(db).search('word', 3).map((hit) => hit.timestamp)).toEqual([99_999, 6_000, 5_990]);
  });
});
