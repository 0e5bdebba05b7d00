import { describe, expect, it } from 'vitest';
import { AccountsRepository } from './accountsRepository.js';
import { ConversationsRepository } from './conversationsRepository.js';
import { openDatabase } from './database.js';
import { RoomLeavesRepository } from './roomLeavesRepository.js';

describe('RoomLeavesRepository (migration 0016)', () => {
  it('keeps the rooms left while offline per account, once each, until removed or their account is gone', () => {
    const db = openDatabase(':memory:');
    const accounts = new AccountsRepository(db);
    for (const id of ['a1', 'a2']) accounts.insert({ id, pluginId: 'xmpp', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const conversations = new ConversationsRepository(db);
    const [one, two, other] = [['a1', 'one@muc'], ['a1', 'two@muc'], ['a2', 'three@muc']]
      .map(([accountId, networkId]) => conversations.upsert({ accountId: accountId ?? '', networkId: networkId ?? '', kind: 'room' }));
    const leaves = new RoomLeavesRepository(db);
    for (const conversation of [two, one, two, other]) leaves.add(conversation?.id ?? 0);
    expect(leaves.pending('a1').map((p) => p.networkId)).toEqual(['one@muc', 'two@muc']);
    leaves.remove(one?.id ?? 0);
    expect(leaves.pending('a1').map((p) => p.networkId)).toEqual(['two@muc']);
    accounts.remove('a2');
    expect(db.prepare('SELECT COUNT(*) AS n FROM room_leaves_pending').get()).toEqual({ n: 1 });
    db.close();
  });
});
