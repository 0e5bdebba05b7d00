/**
 * The log viewer's days on the real store: days are the user's local days in the time zone
 * the window names (not UTC, not the machine's), counts are per day, a person's log spans
 * their buddies on every account, and bad input is answered in words.
 */
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ContactsRepository } from '../store/contactsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { openDatabase } from '../store/database.js';
import { LogDaysRepository } from '../store/logDaysRepository.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { PersonsRepository } from '../store/personsRepository.js';
import { isTimeZone, LocalDays } from './localDays.js';
import { LogViewer } from './logViewer.js';

function store() {
  const db = openDatabase(':memory:');
  const accounts = new AccountsRepository(db);
  for (const id of ['irc', 'xmpp']) accounts.insert({ id, pluginId: id, settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const messages = new MessagesRepository(db);
  const add = (accountId: string, networkId: string, kind: 'room' | 'direct', body: string, iso: string): void => {
    const conversation = conversations.upsert({ accountId, networkId, kind });
    messages.insert({ conversationId: conversation.id, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp: Date.parse(iso) });
  };
  const viewer = new LogViewer(new LogDaysRepository(db), (id) => messages.get(id));
  return { db, conversations, add, viewer };
}

describe('log viewer days', () => {
  it('counts a room\'s messages per local day, newest day first, in the time zone the window names', () => {
    const { add, conversations, viewer } = store();
    // 23:30 UTC on 1 March is 08:30 on 2 March in Tokyo (UTC+9) and 18:30 on 1 March in New York (UTC-5).
    add('irc', '#walrus', 'room', 'late walrus', '2026-03-01T23:30:00Z');
    add('irc', '#walrus', 'room', 'morning walrus', '2026-03-02T01:00:00Z');
    add('irc', '#walrus', 'room', 'noon walrus', '2026-03-02T12:00:00Z');
    add('irc', '#other', 'room', 'not this room', '2026-03-02T12:00:00Z');
    const room = conversations.find('irc', '#walrus');
    if (!room) throw new Error('room not stored');
    const subject = { kind: 'conversation', conversationId: room.id } as const;
    expect(viewer.days(subject, 'UTC')).toEqual([{ day: '2026-03-02', count: 2 }, { day: '2026-03-01', count: 1 }]);
    expect(viewer.days(subject, 'Asia/Tokyo')).toEqual([{ day: '2026-03-02', count: 3 }]);
    expect(viewer.days(subject, 'America/New_York')).toEqual([{ day: '2026-03-02', count: 1 }, { day: '2026-03-01', count: 2 }]);
    expect(viewer.day(subject, 'America/New_York', '2026-03-01').messages.map((m) => m.body)).toEqual(['late walrus', 'morning walrus']);
    expect(viewer.day(subject, 'Asia/Tokyo', '2026-03-02').messages.map((m) => m.body)).toEqual(['late walrus', 'morning walrus', 'noon walrus']);
  });

  it('keeps the local day right across a DST change and in a zone a quarter hour off the hour', () => {
    const { add, conversations, viewer } = store();
    // Paris moves to summer time at 01:00 UTC on 29 March 2026: 22:30 UTC on the 29th is 00:30 on the 30th.
    add('irc', '#dst', 'room', 'after the change', '2026-03-29T22:30:00Z');
    add('irc', '#dst', 'room', 'before the change', '2026-03-28T22:30:00Z'); // 23:30 on the 28th (UTC+1)
    // Kathmandu is UTC+05:45: 18:10 UTC is 23:55 there, 18:20 UTC is 00:05 the next day.
    add('irc', '#dst', 'room', 'last of the day in Kathmandu', '2026-05-01T18:10:00Z');
    add('irc', '#dst', 'room', 'first of the next day in Kathmandu', '2026-05-01T18:20:00Z');
    const room = conversations.find('irc', '#dst');
    if (!room) throw new Error('room not stored');
    const subject = { kind: 'conversation', conversationId: room.id } as const;
    expect(viewer.days(subject, 'Europe/Paris').map((d) => d.day)).toEqual(['2026-05-01', '2026-03-30', '2026-03-28']);
    expect(viewer.days(subject, 'Asia/Kathmandu')).toEqual([
      { day: '2026-05-02', count: 1 }, { day: '2026-05-01', count: 1 }, { day: '2026-03-30', count: 1 }, { day: '2026-03-29', count: 1 },
    ]);
    const paris = new LocalDays('Europe/Paris');
    // The day of the change is 23 hours long.
    const { start, end } = paris.bounds(Date.UTC(2026, 2, 29) / 86_400_000);
    expect([new Date(start).toISOString(), new Date(end).toISOString()]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });

  it('gives a buddy\'s chat on one account, and a person\'s chats on every account merged', () => {
    const { db, add, viewer } = store();
    const contacts = new ContactsRepository(db);
    contacts.upsert({ accountId: 'irc', id: 'alice', displayName: 'alice', groups: [], presence: { status: 'offline' } });
    contacts.upsert({ accountId: 'xmpp', id: 'alice@example.org', displayName: 'Alice', groups: [], presence: { status: 'offline' } });
    const personId = new PersonsRepository(db).create('Alice', [{ accountId: 'irc', contactId: 'alice' }, { accountId: 'xmpp', contactId: 'alice@example.org' }]);
    add('irc', 'alice', 'direct', 'on irc', '2026-04-01T10:00:00Z');
    add('xmpp', 'alice@example.org', 'direct', 'on xmpp', '2026-04-01T11:00:00Z');
    add('xmpp', 'alice@example.org', 'direct', 'later on xmpp', '2026-04-03T11:00:00Z');
    add('irc', '#room-alice-is-in', 'room', 'not her chat', '2026-04-01T10:30:00Z');
    expect(viewer.days({ kind: 'buddy', accountId: 'irc', contactId: 'alice' }, 'UTC')).toEqual([{ day: '2026-04-01', count: 1 }]);
    const person = { kind: 'person', personId } as const;
    expect(viewer.days(person, 'UTC')).toEqual([{ day: '2026-04-03', count: 1 }, { day: '2026-04-01', count: 2 }]);
    expect(viewer.day(person, 'UTC', '2026-04-01').messages.map((m) => m.body)).toEqual(['on irc', 'on xmpp']);
  });

  it('answers bad input in words: a day without messages is empty, an unknown subject has no days, a bad day or zone is refused', () => {
    const { add, conversations, viewer } = store();
    add('irc', '#walrus', 'room', 'walrus', '2026-03-01T12:00:00Z');
    const room = conversations.find('irc', '#walrus');
    if (!room) throw new Error('room not stored');
    const subject = { kind: 'conversation', conversationId: room.id } as const;
    expect(viewer.day(subject, 'UTC', '2026-03-02')).toEqual({ day: '2026-03-02', messages: [], truncated: false });
    expect(viewer.days({ kind: 'conversation', conversationId: 999 }, 'UTC')).toEqual([]);
    expect(viewer.days({ kind: 'person', personId: 999 }, 'UTC')).toEqual([]);
    expect(() => viewer.day(subject, 'UTC', '2026-02-30')).toThrow('Not a day: 2026-02-30 (expected YYYY-MM-DD)');
    expect(() => viewer.day(subject, 'UTC', '1 March')).toThrow('Not a day');
    expect(() => viewer.days(subject, 'Mars/Olympus_Mons')).toThrow('Unknown time zone: Mars/Olympus_Mons');
    expect(isTimeZone('')).toBe(false);
  });
});
