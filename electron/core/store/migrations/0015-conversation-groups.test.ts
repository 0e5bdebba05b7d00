import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

describe('0015-conversation-groups', () => {
  it('keeps stored conversations out of every group and stores the groups and spaces of new ones', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 14));
    new AccountsRepository(db).insert({ id: 'a1', pluginId: 'matrix', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    db.prepare(`INSERT INTO conversations (account_id, network_id, kind, title, joined) VALUES ('a1', '!old:x', 'room', 'Old', 1)`).run();

    expect(migrate(db, migrations)).toMatchObject({ from: 14 });
    const conversations = new ConversationsRepository(db);
    const old = conversations.find('a1', '!old:x');
    expect(old?.groups).toBeUndefined();
    expect(old?.space).toBeUndefined();
    expect(conversations.upsert({ accountId: 'a1', networkId: '!r:x', kind: 'room', groups: ['Team'] }).groups).toEqual(['Team']);
    expect(conversations.upsert({ accountId: 'a1', networkId: '!s:x', kind: 'room', title: 'Team', space: true }).space).toBe(true);
    // Announced again without groups: the room left the space.
    expect(conversations.upsert({ accountId: 'a1', networkId: '!r:x', kind: 'room', groups: [] }).groups).toBeUndefined();
  });
});
