import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { threadReplies, threadReplyCounts, withoutThreadReplies } from './threads.js';

const message = (id: number, body: string, extra: Partial<MessageView> = {}): MessageView => ({
  id, conversationId: 1, networkId: `$${id}`, senderId: '@bob:x', senderName: 'bob', kind: 'text', body,
  timestamp: id, order: id, direction: 'in', status: 'received', ...extra,
});

describe('threads', () => {
  const root = message(1, 'Lunch?');
  const replies = [message(2, 'yes', { threadRootId: '$1' }), message(4, 'at noon', { threadRootId: '$1' })];
  const other = message(3, 'unrelated');

  it('keeps thread replies out of the main log and counts them on their root', () => {
    expect(withoutThreadReplies([root, ...replies, other]).map((m) => m.body)).toEqual(['Lunch?', 'unrelated']);
    expect(threadReplyCounts([root, ...replies, other]).get('$1')).toBe(2);
    const plain = [root, other];
    expect(withoutThreadReplies(plain)).toBe(plain);
  });

  it('a thread shows what was fetched and what arrived since, once each, the newest version, in order', () => {
    const edited = message(2, 'yes!', { threadRootId: '$1', edited: true });
    const arrived = message(5, 'see you', { threadRootId: '$1' });
    expect(threadReplies('$1', replies, [root, edited, other, arrived]).map((m) => m.body)).toEqual(['yes!', 'at noon', 'see you']);
  });
});
