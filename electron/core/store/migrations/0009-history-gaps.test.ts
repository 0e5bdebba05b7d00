import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { HistoryGapsRepository } from '../historyGapsRepository.js';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

describe('0009-history-gaps', () => {
  it('adds history gaps to a database with conversations; a gap goes with its conversation', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 8));
    new AccountsRepository(db).insert({ id: 'irc', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const conversations = new ConversationsRepository(db);
    const room = conversations.upsert({ accountId: 'irc', networkId: '#room', kind: 'room', title: '#room' });

    expect(migrate(db, migrations)).toMatchObject({ from: 8 });
    const gaps = new HistoryGapsRepository(db);
    const gap = gaps.insert({ conversationId: room.id, after: { networkId: 'm1', timestamp: 1000 }, before: { timestamp: 5000 }, reason: 'page cap' });
    const open = gaps.insert({ conversationId: room.id, before: { networkId: 'm9', timestamp: 9000 } });
    expect(gaps.listOf(room.id)).toEqual([gap, open]);
    expect(gaps.setBefore(gap.id, { networkId: 'm3', timestamp: 3000 })).toEqual({ ...gap, before: { networkId: 'm3', timestamp: 3000 } });
    gaps.markFilled(gap.id);
    expect(gaps.listOf(room.id)).toEqual([open]);
    expect(gaps.filledOf(room.id).map((g) => g.id)).toEqual([gap.id]);
    expect(gaps.get(gap.id)).toBeUndefined();
    gaps.remove(open.id);
    expect(gaps.listOf(room.id)).toEqual([]);
    expect(() => gaps.insert({ conversationId: 999, before: { timestamp: 1 } })).toThrow(/FOREIGN KEY/);
    new AccountsRepository(db).remove('irc');
    expect(gaps.filledOf(room.id)).toEqual([]);
  });
});
