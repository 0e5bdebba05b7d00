/** Retention on the real store: the count shown first is what is deleted; deleted messages leave search; the rest stays. */
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { openDatabase } from '../store/database.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { SearchRepository } from '../store/searchRepository.js';
import { HistoryRetention } from './retention.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 11, 7);

function store() {
  const db = openDatabase(':memory:');
  const accounts = new AccountsRepository(db);
  for (const id of ['old-keeper', 'forever']) accounts.insert({ id, pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const messages = new MessagesRepository(db);
  const add = (accountId: string, body: string, ageDays: number, status: 'received' | 'queued' = 'received') => {
    const conversation = conversations.upsert({ accountId, networkId: '#x', kind: 'room' });
    messages.insert({ conversationId: conversation.id, senderId: 'bob', senderName: 'bob', kind: 'text', direction: status === 'queued' ? 'out' : 'in', status, body, timestamp: NOW - ageDays * DAY });
  };
  add('old-keeper', 'ancient walrus', 400);
  add('old-keeper', 'older walrus', 31);
  add('old-keeper', 'recent walrus', 5);
  add('old-keeper', 'queued walrus never sent', 60, 'queued');
  add('forever', 'ancient forever walrus', 400);
  return { db, retention: new HistoryRetention(db), search: new SearchRepository(db) };
}

describe('history retention', () => {
  it('keeps everything by default', () => {
    const { retention } = store();
    expect(retention.policy('old-keeper')).toEqual({ accountId: 'old-keeper' });
    expect(retention.run(NOW)).toEqual([]);
  });

  it('deletes what it counted, older than N days, for that account only; the deleted leave the search index', () => {
    const { db, retention, search } = store();
    retention.setPolicy('old-keeper', 30);
    expect(retention.policy('old-keeper')).toEqual({ accountId: 'old-keeper', days: 30 });
    expect(retention.countExpired('old-keeper', 30, NOW)).toBe(2);
    expect(retention.run(NOW)).toEqual([{ accountId: 'old-keeper', deleted: 2 }]);
    const left = db.prepare('SELECT body FROM messages ORDER BY id').pluck().all();
    expect(left).toEqual(['recent walrus', 'queued walrus never sent', 'ancient forever walrus']);
    const found = search.search('walrus', 10).map((hit) => db.prepare('SELECT body FROM messages WHERE id = ?').pluck().get(hit.messageId));
    expect(found.sort()).toEqual(['ancient forever walrus', 'queued walrus never sent', 'recent walrus']);
    expect(search.search('older', 10)).toEqual([]);
    expect(retention.countExpired('old-keeper', 30, NOW)).toBe(0);
  });

  it('goes back to keeping forever, and refuses a limit that is no number of days', () => {
    const { retention } = store();
    retention.setPolicy('old-keeper', 30);
    retention.setPolicy('old-keeper', undefined);
    expect(retention.policies()).toEqual([]);
    expect(() => { retention.setPolicy('old-keeper', 0); }).toThrow(/at least 1/);
    expect(() => { retention.setPolicy('old-keeper', 1.5); }).toThrow(/whole number/);
  });

  it('deletes a long history in batches, all of it', () => {
    const { db, retention } = store();
    const conversation = db.prepare(`SELECT id FROM conversations WHERE account_id = 'forever'`).pluck().get() as number;
    const insert = db.prepare(`INSERT INTO messages (conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (?, 'bob', 'bob', 'text', ?, ?, 'in', 'received')`);
    db.transaction(() => { for (let i = 0; i < 12_345; i++) insert.run(conversation, `bulk ${i}`, NOW - 100 * DAY - i); })();
    expect(retention.countExpired('forever', 90, NOW)).toBe(12_346);
    expect(retention.deleteExpired('forever', 90, NOW)).toBe(12_346);
    expect(db.prepare(`SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'bulk'`).pluck().get()).toBe(0);
  });
});
