import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ConversationsRepository } from '../conversationsRepository.js';
import { MessagesRepository } from '../messagesRepository.js';
import { migrate } from '../migrator.js';
import { SearchRepository } from '../searchRepository.js';
import { migrations } from './index.js';

const base = { senderId: '@bob:x', senderName: 'bob', kind: 'text', direction: 'in', status: 'received' } as const;

function atVersion5() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 5));
  new AccountsRepository(db).insert({ id: 'a1', pluginId: 'matrix', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversation = new ConversationsRepository(db).upsert({ accountId: 'a1', networkId: '@bob:x', kind: 'direct' });
  return { db, conversationId: conversation.id };
}

describe('0006-sender-trust', () => {
  it('keeps messages stored before it, without a trust, and stores the trust of new ones', () => {
    const { db, conversationId } = atVersion5();
    db.prepare(`INSERT INTO messages (conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (?, '@bob:x', 'bob', 'text', 'from before', 1, 'in', 'received')`).run(conversationId);
    expect(migrate(db, migrations)).toMatchObject({ from: 5 });
    const messages = new MessagesRepository(db);
    messages.insert({ ...base, conversationId, networkId: '$2', body: 'from a device nobody verified', timestamp: 2, encrypted: true, senderTrust: 'unverified-device' });
    const [old, fresh] = messages.page(conversationId, 10);
    expect(old?.body).toBe('from before');
    expect(old?.senderTrust).toBeUndefined();
    expect(fresh?.senderTrust).toBe('unverified-device');
  });

  it('a late decryption replaces the placeholder with the text and its trust, not marked edited, and is searchable', () => {
    const { db, conversationId } = atVersion5();
    migrate(db, migrations);
    const messages = new MessagesRepository(db);
    const placeholder = messages.insert({ ...base, conversationId, networkId: '$late', body: '🔒 could not be decrypted', timestamp: 3, encrypted: true, undecryptable: true });
    if (!placeholder) throw new Error('not stored');
    const decrypted = messages.replaceDecrypted(placeholder.id, { kind: 'text', body: 'the keys came after all', senderTrust: 'unverified-device' });
    expect(decrypted).toMatchObject({ id: placeholder.id, body: 'the keys came after all', encrypted: true, senderTrust: 'unverified-device' });
    expect(decrypted?.undecryptable).toBeUndefined();
    expect(decrypted?.edited).toBeUndefined();
    expect(new SearchRepository(db).search('keys', 10).map((hit) => hit.messageId)).toEqual([placeholder.id]);
    expect(new SearchRepository(db).search('decrypted', 10)).toEqual([]);
  });
});
