import { describe, expect, it } from 'vitest';
import { messageViewSchema } from '../../bridge/schemas.js';
import type { Message } from '../model/message.js';
import { messageView } from './messageViews.js';

const stored: Message = {
  id: 3, conversationId: 1, networkId: '$ev', senderId: '@bob:example.org', senderName: 'bob', kind: 'text', body: 'photo',
  timestamp: 1000, order: 3, direction: 'in', status: 'received',
  attachments: [{ url: 'mxc://example.org/abc', name: 'cat.png', mimeType: 'image/png', kind: 'image', reference: '{"key":"secret decryption key"}' }],
  reactions: [{ reaction: '👍', senders: [{ id: '@me:example.org', name: 'me' }], mine: true }],
  replyTo: { networkId: '$older', messageId: 2, senderName: 'me', excerpt: 'hi' },
  encrypted: true, senderTrust: 'verified',
};

describe('the bridge\'s view of a core message', () => {
  it('leaves the plugin\'s attachment reference in the core and is a valid view', () => {
    const view = messageView(stored);
    expect(messageViewSchema.parse(view)).toEqual(view);
    expect(view.attachments).toEqual([{ url: 'mxc://example.org/abc', name: 'cat.png', mimeType: 'image/png', kind: 'image' }]);
    expect(JSON.stringify(view)).not.toContain('secret decryption key');
    expect(view).toMatchObject({ id: 3, order: 3, reactions: stored.reactions, replyTo: stored.replyTo, encrypted: true, senderTrust: 'verified' });
  });

  it('shows a failed message\'s core error as the bridge\'s error', () => {
    const failed: Message = { ...stored, direction: 'out', status: 'failed', error: { kind: 'rate-limited', message: 'Slow down.', retryAfterMs: 5000 } };
    expect(messageView(failed).error).toEqual({ kind: 'rate-limited', message: 'Slow down.', retryAfterMs: 5000 });
  });
});
