/**
 * Search order: newest first by time whatever order messages were stored in (backfill,
 * imports, a confirmed message's server time), checked against a plain sort of every match.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/fuzz.js';
import { AccountsRepository } from './accountsRepository.js';
import { ConversationsRepository } from './conversationsRepository.js';
import { MessagesRepository } from './messagesRepository.js';
import { SearchRepository } from './searchRepository.js';
import { openDatabase } from './database.js';

function store() {
  const db = openDatabase(':memory:');
  new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const rooms = [conversations.upsert({ accountId: 'a1', networkId: '#x', kind: 'room' }), conversations.upsert({ accountId: 'a1', networkId: '#y', kind: 'room' })];
  const messages = new MessagesRepository(db);
  const add = (body: string, timestamp: number, room = 0) => {
    const stored = messages.insert({ conversationId: rooms[room]?.id ?? 0, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp });
    if (!stored) throw new Error('not stored');
    return stored;
  };
  /** Every match, sorted the slow way: what the search must return. */
  const expected = (word: string, limit: number, conversationId?: number): number[] =>
    (db.prepare(`SELECT m.id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?
      AND (? IS NULL OR m.conversation_id = ?) ORDER BY m.timestamp DESC, m.id DESC LIMIT ?`)
      .pluck().all(`"${word}"*`, conversationId ?? null, conversationId ?? null, limit) as number[]);
  return { db, rooms, messages, add, expected, search: new SearchRepository(db) };
}

describe('search order', () => {
  it('is newest first when messages were stored out of time order (backfill, imports)', () => {
    const { add, search } = store();
    add('hello live', 3_000);
    add('hello live later', 4_000);
    add('hello from the backfill', 1_000); // stored last, said first
    add('hello imported newest', 5_000);
    add('hello backfill again', 2_000);
    expect(search.search('hello', 3).map((hit) => hit.timestamp)).toEqual([5_000, 4_000, 3_000]);
    expect(search.search('hello', 10).map((hit) => hit.timestamp)).toEqual([5_000, 4_000, 3_000, 2_000, 1_000]);
  });

  it('matches a full sort over thousands of shuffled, backfilled and re-timed messages, in every scope', () => {
    const { rooms, messages, add, expected, search } = store();
    const random = seededRandom(7);
    const words = ['alpha', 'beta', 'gamma'];
    // Live traffic in time order, with backfill bursts of old messages and some far-future clocks.
    let now = 1_000_000;
    const ids: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      now += 1 + random.int(100);
      const roll = random.next();
      const time = roll < 0.2 ? random.int(now) : roll < 0.21 ? now + random.int(1_000_000) : now;
      ids.push(add(`${random.pick(words)} ${random.pick(words)} message ${i}`, time, random.int(2)).id);
    }
    // A confirmed send gets the server's (later) time; a message is removed at the top of the id range.
    for (let i = 0; i < 50; i++) messages.setStatus(random.pick(ids), 'sent', { timestamp: now + random.int(500_000) });
    messages.remove(ids.at(-1) ?? 0);
    add('alpha after a removal', now + 10);
    for (const word of words) {
      for (const limit of [1, 7, 50, 400, 5_000]) {
        expect(search.search(word, limit).map((hit) => hit.messageId), `${word} ${limit}`).toEqual(expected(word, limit));
        const room = rooms[1]?.id ?? 0;
        expect(search.search(word, limit, { conversationId: room }).map((hit) => hit.messageId)).toEqual(expected(word, limit, room));
      }
    }
    expect(search.search('alpha', 50, { accountId: 'a1' }).map((hit) => hit.messageId)).toEqual(expected('alpha', 50));
  });

  it('marks the words in the snippet of each hit', () => {
    const { add, search } = store();
    add('nothing here', 1);
    add('the café opens', 2);
    expect(search.search('cafe', 5).map((hit) => hit.snippet)).toEqual(['the \u0002café\u0003 opens']);
  });
});
