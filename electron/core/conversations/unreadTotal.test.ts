import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../bridge/preferences.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { migrate } from '../store/migrator.js';
import { migrations } from '../store/migrations/index.js';
import { ConversationViews } from './conversationViews.js';
import { UnreadTotal } from './unreadTotal.js';

function setup() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations);
  db.prepare("INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'irc', '{}', '[]', 0, 0)").run();
  const conversations = new ConversationsRepository(db);
  const events = new EventBatcher(1, 1000);
  const views = new ConversationViews(conversations, events, () => undefined);
  const unread = new UnreadTotal(() => conversations.unreadTotal(), events);
  const heard: number[] = [];
  unread.onChange((total) => heard.push(total));
  /** A message arrives in a conversation: what IncomingMessages does to the store and the UI. */
  const arrive = (id: number, count = 1): void => {
    conversations.touch(id, Date.now(), count);
    views.changed(id);
  };
  return { db, conversations, events, views, unread, heard, arrive };
}

describe('the unread total', () => {
  it('adds up the unread messages of every listed conversation, after the batch that changed them', () => {
    const { conversations, events, unread, heard, arrive } = setup();
    const room = conversations.upsert({ accountId: 'a1', networkId: '#room', kind: 'room' });
    const chat = conversations.upsert({ accountId: 'a1', networkId: 'bob', kind: 'direct' });
    expect(unread.get()).toBe(0);
    arrive(room.id, 2);
    arrive(chat.id);
    // Not before the batch is delivered (a transaction could still roll it back).
    expect(unread.get()).toBe(0);
    events.flush();
    expect(unread.get()).toBe(3);
    expect(heard).toEqual([3]);
  });

  it('goes down when a conversation is read, and a chat removed from the list no longer counts', () => {
    const { conversations, events, views, unread, heard, arrive } = setup();
    const room = conversations.upsert({ accountId: 'a1', networkId: '#room', kind: 'room' });
    const chat = conversations.upsert({ accountId: 'a1', networkId: 'bob', kind: 'direct' });
    arrive(room.id, 4);
    arrive(chat.id, 1);
    events.flush();
    conversations.markRead(room.id);
    views.changed(room.id);
    events.flush();
    expect(unread.get()).toBe(1);
    conversations.setOpen(chat.id, false);
    events.emit({ type: 'conversation.removed', payload: { conversationId: chat.id } });
    events.flush();
    expect(unread.get()).toBe(0);
    expect(heard).toEqual([5, 1, 0]);
  });

  it('starts from what the profile holds, and stays quiet when a batch changes nothing it counts', () => {
    const { db, conversations, events, heard, arrive } = setup();
    const room = conversations.upsert({ accountId: 'a1', networkId: '#room', kind: 'room' });
    arrive(room.id, 7);
    events.flush();
    const restarted = new UnreadTotal(() => new ConversationsRepository(db).unreadTotal(), events);
    expect(restarted.get()).toBe(7);
    const later: number[] = [];
    restarted.onChange((total) => later.push(total));
    events.emit({ type: 'preferences.changed', payload: { preferences: DEFAULT_PREFERENCES } });
    events.flush();
    expect(later).toEqual([]);
    expect(heard).toEqual([7]);
  });
});
