/**
 * Conversation order (issue 23, clock skew): what arrives or is written now goes after
 * everything stored, whatever any clock says; history loaded later goes where the network's
 * times place it, and before the message it was asked to precede.
 */
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from './accountsRepository.js';
import { ConversationsRepository } from './conversationsRepository.js';
import { openDatabase } from './database.js';
import { MessagesRepository, type NewMessage } from './messagesRepository.js';

const DAY = 24 * 3_600_000;
const T = Date.UTC(2026, 11, 6, 12, 0, 0);

function store() {
  const db = openDatabase(':memory:');
  new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const room = new ConversationsRepository(db).upsert({ accountId: 'a1', networkId: '#x', kind: 'room' });
  const messages = new MessagesRepository(db);
  const add = (body: string, timestamp: number, more: Partial<NewMessage> = {}) => {
    const stored = messages.insert({
      conversationId: room.id, networkId: body, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp, ...more,
    });
    if (!stored) throw new Error(`${body} not stored`);
    return stored;
  };
  /** A history page, stored at once as fetchHistory returns it. */
  const addHistory = (page: readonly (readonly [string, number])[], olderThan?: number) =>
    messages.insertHistory(room.id, page.map(([body, timestamp]) => ({ networkId: body, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp })), olderThan);
  const shown = (limit = 1000) => messages.page(room.id, limit).map((m) => m.body);
  return { db, room, messages, add, addHistory, shown };
}

describe('conversation order', () => {
  it('is the order live messages arrived in, whatever the clocks say', () => {
    const { add, shown } = store();
    add('question', T - 30 * DAY, { direction: 'out', status: 'sent' }); // dated by a clock a month behind
    add('answer', T); // dated by the server's true clock
    add('server an hour behind', T - 3_600_000);
    add('server an hour ahead', T + 3_600_000);
    add('back to normal', T);
    expect(shown()).toEqual(['question', 'answer', 'server an hour behind', 'server an hour ahead', 'back to normal']);
  });

  it('keeps the network\'s times for display', () => {
    const { add, messages, room } = store();
    add('question', T - 30 * DAY);
    add('answer', T);
    expect(messages.page(room.id, 10).map((m) => m.timestamp)).toEqual([T - 30 * DAY, T]);
  });

  it('puts an older history page before what is stored, in its own time order, however it is stored', () => {
    const { add, addHistory, shown } = store();
    const oldest = add('live 1', T);
    add('live 2', T + 1000);
    addHistory([3, 1, 2].map((i) => [`old ${i}`, T - (10 - i) * 1000] as const), oldest.id);
    addHistory([['older 2', T - 20_000], ['older 1', T - 30_000]], oldest.id);
    expect(shown()).toEqual(['older 1', 'older 2', 'old 1', 'old 2', 'old 3', 'live 1', 'live 2']);
  });

  it('puts history asked for as older than a message before it, although a wrong local clock dated a stored message earlier', () => {
    const { add, addHistory, shown } = store();
    const oldest = add('seen first', T);
    add('written with the clock a month behind', T - 30 * DAY, { direction: 'out', status: 'sent' });
    addHistory([['older page', T - 1000]], oldest.id);
    expect(shown()).toEqual(['older page', 'seen first', 'written with the clock a month behind']);
  });

  it('fills a gap between its ends by the network\'s times, page after older page, and one more between', () => {
    const { add, addHistory, shown } = store();
    add('before the gap', T);
    const after = add('after the gap', T + 10_000_000);
    add('live since', T + 10_000_001);
    const missed = Array.from({ length: 2000 }, (_, i) => [`missed ${String(i).padStart(4, '0')}`, T + 1000 + 2 * i] as const);
    for (let end = missed.length; end > 0; end -= 100) addHistory(missed.slice(end - 100, end), after.id);
    // One the server sent late, dated between two already filled in.
    addHistory([['late', T + 1000 + 2 * 1500 + 1]], after.id);
    const names = missed.map(([body]) => body);
    expect(shown(3000)).toEqual(['before the gap', ...names.slice(0, 1501), 'late', ...names.slice(1501), 'after the gap', 'live since']);
  });

  it('makes room when a place between two messages is used up, keeping the order', () => {
    const { add, addHistory, db, shown } = store();
    add('first', T);
    const last = add('last', T + 1_000_000);
    addHistory([['low', T + 1000], ['high', T + 2000]], last.id);
    // Each one older than the one before, all after "low": squeezed into the same place, again and again.
    for (let i = 1; i <= 30; i++) addHistory([[`squeezed ${i}`, T + 2000 - i]], last.id);
    const squeezed = Array.from({ length: 30 }, (_, i) => `squeezed ${30 - i}`);
    expect(shown()).toEqual(['first', 'low', ...squeezed, 'high', 'last']);
    expect(db.prepare('SELECT COUNT(DISTINCT sort_key) FROM messages').pluck().get()).toBe(34);
    add('live after', T - DAY);
    expect(shown().at(-1)).toBe('live after');
  });

  it('places messages caught up one by one after newer live ones by the network\'s times, moving nothing stored', () => {
    const { add, messages, room, shown } = store();
    add('before the outage', T);
    const live = add('live after the outage', T + 1_000_000);
    add('next live', T + 1_000_001);
    const keys = () => messages.page(room.id, 10_000).filter((m) => !m.body.startsWith('missed')).map((m) => m.order);
    const before = keys();
    // A catch-up delivers oldest first, each right after the one before: 1,000 into one place.
    const missed = Array.from({ length: 1000 }, (_, i) => `missed ${String(i).padStart(4, '0')}`);
    missed.forEach((body, i) => {
      const stored = messages.insertCaughtUp({
        conversationId: room.id, networkId: body, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp: T + 1 + i,
      });
      expect(stored?.order).toBeLessThan(live.order);
    });
    expect(shown(2000)).toEqual(['before the outage', ...missed, 'live after the outage', 'next live']);
    expect(keys()).toEqual(before);
    // Caught up again (a second catch-up pages over the same messages): nothing is doubled.
    expect(messages.insertCaughtUp({
      conversationId: room.id, networkId: 'missed 0001', senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: 'missed 0001', timestamp: T + 2,
    })).toBeUndefined();
    expect(shown(2000)).toHaveLength(1003);
  });

  it('places a caught-up message after the received ones dated no later, although the user\'s own message written before them was dated later', () => {
    const { add, messages, room, shown } = store();
    // Written during an outage; the network took it once it was back, after bob's first two.
    const mine = add('mine', T, { direction: 'out', status: 'sending' });
    add('bob 1', T + 1000);
    add('bob 2', T + 2000);
    messages.setStatus(mine.id, 'sent', { timestamp: T + 2500 });
    add('bob 4', T + 4000);
    messages.insertCaughtUp({ conversationId: room.id, networkId: 'bob 3', senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: 'bob 3', timestamp: T + 3000 });
    expect(shown()).toEqual(['mine', 'bob 1', 'bob 2', 'bob 3', 'bob 4']);
  });

  it('puts history without a bound after the newest stored message dated no later', () => {
    const { add, addHistory, shown } = store();
    add('a', T);
    add('c', T + 2000);
    addHistory([['d', T + 3000], ['very old', T - DAY], ['b', T + 1000]]);
    expect(shown()).toEqual(['very old', 'a', 'b', 'c', 'd']);
  });

  it('drops a history message already stored, and leaves the order as it was', () => {
    const { add, addHistory, shown } = store();
    add('a', T);
    add('b', T + 1000);
    expect(addHistory([['a', T + 500], ['new', T + 600], ['new', T + 700]]).map((m) => m.body)).toEqual(['new']);
    expect(shown()).toEqual(['a', 'new', 'b']);
  });

  it('pages back in conversation order from a message, and by time from a message that is gone', () => {
    const { add, messages, room } = store();
    const first = add('first', T + 5000);
    const second = add('second', T);
    const third = add('third', T - 5000);
    const fourth = add('fourth', T + 1);
    expect(messages.page(room.id, 2).map((m) => m.body)).toEqual(['third', 'fourth']);
    expect(messages.page(room.id, 2, { timestamp: third.timestamp, id: third.id }).map((m) => m.body)).toEqual(['first', 'second']);
    expect(messages.oldestOf(room.id)?.id).toBe(first.id);
    messages.remove(fourth.id);
    expect(messages.page(room.id, 5, { timestamp: fourth.timestamp, id: fourth.id }).map((m) => m.body)).toEqual(['third', 'second']);
    expect(second.id).toBeLessThan(fourth.id);
  });

  it('applies a read receipt to the user\'s messages sent before it, whatever their times', () => {
    const { add, messages } = store();
    const sentFirst = add('sent first', T, { direction: 'out', status: 'sent' });
    // The clock was set back between the two messages: the later one is dated earlier.
    const sentLater = add('sent later', T - 30 * DAY, { direction: 'out', status: 'sent' });
    add('sent after the receipt', T + 1000, { direction: 'out', status: 'sent' });
    const changed = messages.applyReceipt(sentLater, 'read');
    expect(changed.map((m) => m.body).sort()).toEqual(['sent first', 'sent later']);
    expect(messages.get(sentFirst.id)?.receipt).toBe('read');
  });

  it('finds the message the network dated last before a time', () => {
    const { add, messages, room } = store();
    add('a', T);
    add('c', T + 2000);
    add('b', T + 1000);
    expect(messages.latestBefore(room.id, T + 1500)?.body).toBe('b');
    expect(messages.latestBefore(room.id, T)).toBeUndefined();
  });
});
