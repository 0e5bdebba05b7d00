/** Messages from a network as stored: dated believably, whatever time the server claims. */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../../protocols/api/index.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { ConversationViews } from './conversationViews.js';
import { IncomingMessages } from './incomingMessages.js';
import { protocolEventProblem } from './protocolEventGuard.js';
import { openDatabase } from '../store/database.js';

function setup() {
  const db = openDatabase(':memory:');
  new AccountsRepository(db).insert({ id: 'a1', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const messages = new MessagesRepository(db);
  const events = new EventBatcher();
  const incoming = new IncomingMessages(conversations, messages, new ConversationViews(conversations, events, () => undefined), events);
  const receive = (networkId: string, timestamp: number) => {
    const message: IncomingMessage = { conversationId: '#x', networkId, senderId: 'mallory', senderName: 'mallory', kind: 'text', body: networkId, timestamp };
    expect(protocolEventProblem({ type: 'message.received', message })).toBeUndefined();
    return incoming.store('a1', message);
  };
  return { receive, conversations };
}

describe('a message from the network', () => {
  it('keeps the time the network gave it, old or now', () => {
    const { receive } = setup();
    expect(receive('old', Date.UTC(2012, 5, 1))?.timestamp).toBe(Date.UTC(2012, 5, 1));
    const now = Date.now();
    expect(receive('now', now)?.timestamp).toBe(now);
  });

  it('dated in the far future, NaN or Infinity, is stored (not dropped) with the time it arrived', () => {
    const { receive, conversations } = setup();
    for (const [id, time] of [['year 3000', Date.UTC(3000, 0, 1)], ['nan', Number.NaN], ['infinity', Number.POSITIVE_INFINITY]] as const) {
      const before = Date.now();
      const stored = receive(id, time);
      expect(stored?.body).toBe(id);
      expect(stored?.timestamp).toBeGreaterThanOrEqual(before);
      expect(stored?.timestamp).toBeLessThanOrEqual(Date.now());
    }
    // The conversation's last activity is believable too (it orders the buddy list).
    expect(conversations.find('a1', '#x')?.lastActivity).toBeLessThanOrEqual(Date.now());
  });
});
