/**
 * Search filters and query syntax, on a real SQLite store in memory: every filter is a SQL
 * condition of the walk, so a filter keeps finding old matches that a plain LIMIT over
 * newer ones would have cut; phrases match whole words in order.
 */
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from './accountsRepository.js';
import { ConversationsRepository } from './conversationsRepository.js';
import { openDatabase } from './database.js';
import { ContactsRepository } from './contactsRepository.js';
import { MessagesRepository, type NewMessage } from './messagesRepository.js';
import { PersonsRepository } from './personsRepository.js';
import { SearchRepository, toFtsQuery } from './searchRepository.js';

function store() {
  const db = openDatabase(':memory:');
  const accounts = new AccountsRepository(db);
  accounts.insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  accounts.insert({ id: 'a2', pluginId: 'xmpp', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const x = conversations.upsert({ accountId: 'a1', networkId: '#x', kind: 'room' });
  const y = conversations.upsert({ accountId: 'a1', networkId: '#y', kind: 'room' });
  const z = conversations.upsert({ accountId: 'a2', networkId: 'z@muc', kind: 'room' });
  const messages = new MessagesRepository(db);
  const add = (body: string, timestamp: number, more: Partial<NewMessage> = {}): number => {
    const stored = messages.insert({ conversationId: x.id, senderId: 'bob!b@host', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp, ...more });
    if (!stored) throw new Error('not stored');
    return stored.id;
  };
  return { db, conversations, x, y, z, add, search: new SearchRepository(db) };
}

const ids = (hits: readonly { messageId: number }[]): number[] => hits.map((hit) => hit.messageId);

describe('search filters', () => {
  it('narrow by account, conversation, sender (name or id, any case) and time, together', () => {
    const { y, z, add, search } = store();
    const inX = add('otter report', 100);
    const inY = add('otter report', 200, { conversationId: y.id });
    const inZ = add('otter report', 300, { conversationId: z.id, senderId: 'carol@example.org', senderName: 'Carol' });
    const mine = add('otter report', 400, { senderId: 'alice!a@host', senderName: 'alice', direction: 'out' });
    expect(ids(search.search('otter', 10))).toEqual([mine, inZ, inY, inX]);
    expect(ids(search.search('otter', 10, { accountId: 'a2' }))).toEqual([inZ]);
    expect(ids(search.search('otter', 10, { accountId: 'a1' }))).toEqual([mine, inY, inX]);
    expect(ids(search.search('otter', 10, { conversationId: y.id }))).toEqual([inY]);
    expect(ids(search.search('otter', 10, { sender: 'CAROL' }))).toEqual([inZ]);
    expect(ids(search.search('otter', 10, { sender: 'carol@example.org' }))).toEqual([inZ]);
    expect(ids(search.search('otter', 10, { sender: 'bo' }))).toEqual([]); // a name is matched whole
    expect(ids(search.search('otter', 10, { since: 200, until: 300 }))).toEqual([inZ, inY]);
    expect(ids(search.search('otter', 10, { accountId: 'a1', sender: 'bob', since: 150 }))).toEqual([inY]);
  });

  it('narrow by network (every account of a plugin), by a buddy and by a person merged across accounts', () => {
    const { db, conversations, y, z, add, search } = store();
    const ircChat = conversations.upsert({ accountId: 'a1', networkId: 'carol', kind: 'direct' });
    const xmppChat = conversations.upsert({ accountId: 'a2', networkId: 'carol@example.org', kind: 'direct' });
    const inRoom = add('otter report', 100); // bob in #x (irc)
    const carolInRoom = add('otter report', 150, { conversationId: y.id, senderId: 'carol', senderName: 'carol' });
    const inIrcChat = add('otter report', 200, { conversationId: ircChat.id, senderId: 'alice', senderName: 'alice', direction: 'out' });
    const inXmppChat = add('otter report', 300, { conversationId: xmppChat.id, senderId: 'carol@example.org', senderName: 'Carol' });
    const inXmppRoom = add('otter report', 400, { conversationId: z.id, senderId: 'dave@example.org', senderName: 'Dave' });
    // A namesake on the other account is someone else.
    const otherCarol = add('otter report', 500, { conversationId: z.id, senderId: 'carol', senderName: 'carol' });
    expect(ids(search.search('otter', 10, { network: 'irc' }))).toEqual([inIrcChat, carolInRoom, inRoom]);
    expect(ids(search.search('otter', 10, { network: 'xmpp' }))).toEqual([otherCarol, inXmppRoom, inXmppChat]);
    expect(ids(search.search('otter', 10, { network: 'matrix' }))).toEqual([]);
    expect(ids(search.search('otter', 10, { buddy: { accountId: 'a1', contactId: 'carol' } }))).toEqual([inIrcChat, carolInRoom]);
    const contacts = new ContactsRepository(db);
    contacts.upsert({ accountId: 'a1', id: 'carol', displayName: 'carol', groups: [], presence: { status: 'offline' } });
    contacts.upsert({ accountId: 'a2', id: 'carol@example.org', displayName: 'Carol', groups: [], presence: { status: 'offline' } });
    const carol = new PersonsRepository(db).create('Carol', [{ accountId: 'a1', contactId: 'carol' }, { accountId: 'a2', contactId: 'carol@example.org' }]);
    expect(ids(search.search('otter', 10, { personId: carol }))).toEqual([inXmppChat, inIrcChat, carolInRoom]);
    expect(ids(search.search('otter', 10, { personId: carol, network: 'xmpp' }))).toEqual([inXmppChat]);
    expect(ids(search.search('otter', 10, { personId: carol + 1 }))).toEqual([]);
  });

  it('finds messages with a web link or a file', () => {
    const { add, search } = store();
    const plain = add('the heron notes', 1);
    const link = add('the heron notes at HTTPS://example.org/h', 2);
    const www = add('heron pictures on www.example.org', 3);
    const file = add('heron.png', 4, { attachments: [{ url: 'https://files.example/h.png', name: 'heron.png', kind: 'image' }] });
    add('heron with an empty attachment list', 5, { attachments: [] });
    expect(ids(search.search('heron', 10, { hasLink: true }))).toEqual([www, link]);
    expect(ids(search.search('heron', 10, { hasFile: true }))).toEqual([file]);
    expect(ids(search.search('heron', 10, { hasLink: false, hasFile: false }))).toHaveLength(5);
    expect(ids(search.search('heron notes', 10))).toEqual([link, plain]);
  });

  it('filters in SQL: old matches behind many newer ones are still found, newest first, within the limit', () => {
    const { add, search } = store();
    const old = [add('kestrel sighting from carol', 10, { senderName: 'carol', senderId: 'carol' }), add('kestrel again from carol', 20, { senderName: 'carol', senderId: 'carol' })];
    for (let i = 0; i < 500; i++) add(`kestrel number ${i}`, 1_000 + i);
    expect(ids(search.search('kestrel', 1, { sender: 'carol' }))).toEqual([old[1]]);
    expect(ids(search.search('kestrel', 5, { sender: 'carol' }))).toEqual([old[1], old[0]]);
    expect(search.search('kestrel', 3, { until: 1_100 }).map((hit) => hit.timestamp)).toEqual([1_100, 1_099, 1_098]);
    expect(search.search('kestrel', 3, { since: 1_498 }).map((hit) => hit.timestamp)).toEqual([1_499, 1_498]);
  });
});

describe('query syntax', () => {
  it('matches words from their start (with or without *), and "quoted words" as a phrase in order', () => {
    const { add, search } = store();
    const forward = add('the quick brown fox', 1);
    const backward = add('brown the quick dog', 2);
    const unrelated = add('quickly', 3);
    expect(ids(search.search('quick', 10))).toEqual([unrelated, backward, forward]);
    expect(ids(search.search('qui*', 10))).toEqual([unrelated, backward, forward]);
    expect(ids(search.search('"quick brown"', 10))).toEqual([forward]);
    expect(ids(search.search('"quick"', 10))).toEqual([backward, forward]); // a quoted word is whole
    expect(ids(search.search('dog "the quick', 10))).toEqual([backward]); // a quote left open still makes a phrase
    expect(toFtsQuery('"a b" c*')).toBe('"a b" "c"*');
    for (const hostile of ['""', '"*"', '" OR "', '"NEAR(a b)"', '"a" AND "b"']) expect(() => search.search(hostile, 10)).not.toThrow();
  });
});
