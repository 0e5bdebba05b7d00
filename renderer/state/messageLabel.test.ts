import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { messageLabel } from './messageLabel.js';

function message(fields: Partial<MessageView>): MessageView {
  return {
    id: 1, conversationId: 1, senderId: 'alice', senderName: 'Alice', kind: 'text', body: 'hello',
    timestamp: 0, order: 1, direction: 'in', status: 'received', ...fields,
  };
}

describe('messageLabel', () => {
  it('says who, when and what', () => {
    expect(messageLabel(message({}), '6:53 PM')).toBe('Alice, 6:53 PM: hello');
  });

  it('names whom a reply answers, from the loaded message or else from the reply itself', () => {
    const target = message({ id: 1, senderName: 'Alice' });
    const reply = message({ id: 2, senderName: 'Bob', body: 'yes', replyTo: { networkId: 'n1', messageId: 1, senderName: 'alice_' } });
    expect(messageLabel(reply, '6:54 PM', target)).toBe('Bob, 6:54 PM, in reply to Alice: yes');
    expect(messageLabel(reply, '6:54 PM')).toBe('Bob, 6:54 PM, in reply to alice_: yes');
    expect(messageLabel(message({ replyTo: { networkId: 'n1' } }), '6:54 PM')).toBe('Alice, 6:54 PM, in reply: hello');
  });

  it('says who reacted with what, and the files', () => {
    const reacted = message({
      reactions: [
        { reaction: '👍', senders: [{ id: 'b', name: 'Bob' }, { id: 'c', name: 'Carol' }], mine: false },
        { reaction: '🎉', senders: [{ id: 'b', name: 'Bob' }], mine: false },
      ],
      attachments: [{ url: 'loop://files/a.pdf', name: 'a.pdf', kind: 'file' }],
    });
    expect(messageLabel(reacted, '6:53 PM')).toBe('Alice, 6:53 PM: hello. File: a.pdf. Reactions: 👍 from Bob, Carol; 🎉 from Bob');
  });

  it('reads actions, notices, events, deleted and failed messages the way they are shown', () => {
    expect(messageLabel(message({ kind: 'action', body: 'waves' }), '6:53 PM')).toBe('6:53 PM: Alice waves');
    expect(messageLabel(message({ kind: 'notice', senderName: 'NickServ', body: 'identified' }), '6:53 PM')).toBe('NickServ, 6:53 PM, notice: identified');
    expect(messageLabel(message({ kind: 'event', body: 'bob joined' }), '6:53 PM')).toBe('6:53 PM: bob joined');
    expect(messageLabel(message({ deleted: true, body: '' }), '6:53 PM')).toBe('Alice, 6:53 PM: message deleted');
    expect(messageLabel(message({ direction: 'out', status: 'failed' }), '6:53 PM')).toBe('Alice, 6:53 PM: hello (not sent)');
  });
});
