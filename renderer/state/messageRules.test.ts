import { describe, expect, it } from 'vitest';
import { excerpt, formatSize, lastEditableOwn, messagePermissions, outgoingStatus, reactionSenders, toggledReactions } from './messageRules.js';
import { interleave } from './notices.js';
import { message } from './testData.js';

const everything = { replies: true, reactions: true, edits: true, deletes: true };

describe('message permissions', () => {
  it('follow the conversation\'s capabilities; edit and delete only the user\'s own messages', () => {
    expect(messagePermissions(message({ direction: 'in' }), everything)).toEqual({ reply: true, react: true, edit: false, delete: false });
    expect(messagePermissions(message({ direction: 'out', status: 'sent' }), everything)).toEqual({ reply: true, react: true, edit: true, delete: true });
    expect(messagePermissions(message({ direction: 'out', status: 'sent' }), { replies: true })).toEqual({ reply: true, react: false, edit: false, delete: false });
    expect(messagePermissions(message({ direction: 'out', status: 'sent' }), {})).toEqual({ reply: false, react: false, edit: false, delete: false });
  });

  it('leave nothing to do on deleted, failed, unsent messages and events; the same permissions are the same object', () => {
    for (const item of [message({ deleted: true }), message({ direction: 'out', status: 'failed' }), message({ direction: 'out', status: 'sending' }), message({ kind: 'event' })]) {
      expect(messagePermissions(item, everything)).toEqual({ reply: false, react: false, edit: false, delete: false });
    }
    expect(messagePermissions(message(), everything)).toBe(messagePermissions(message({ id: 2 }), everything));
    expect(messagePermissions(message({ direction: 'out', status: 'sent', undecryptable: true }), everything).edit).toBe(false);
  });

  it('find the last own editable message for Up', () => {
    const items = [message({ id: 1, direction: 'out', status: 'sent' }), message({ id: 2, direction: 'out', status: 'sent', deleted: true }), message({ id: 3 })];
    expect(lastEditableOwn(items, everything)?.id).toBe(1);
    expect(lastEditableOwn(items, { replies: true })).toBeUndefined();
  });
});

describe('reactions', () => {
  const reactions = [
    { reaction: '👍', senders: [{ id: 'a', name: 'Ann' }, { id: 'me', name: 'Me' }], mine: true },
    { reaction: '🎉', senders: [{ id: 'b', name: 'Bob' }], mine: false },
  ];
  it('toggle one of the user\'s reactions and send the whole set', () => {
    expect(toggledReactions(reactions, '👍')).toEqual([]);
    expect(toggledReactions(reactions, '🎉')).toEqual(['👍', '🎉']);
    expect(toggledReactions(undefined, '❤️')).toEqual(['❤️']);
  });
  it('name who reacted', () => {
    expect(reactionSenders(reactions[0] ?? { reaction: '', senders: [], mine: false })).toBe('Ann, Me');
    const many = { reaction: 'x', mine: false, senders: Array.from({ length: 12 }, (_, index) => ({ id: `${index}`, name: `P${index}` })) };
    expect(reactionSenders(many)).toBe('P0, P1, P2, P3, P4, P5, P6, P7, P8, P9 and 2 others');
  });
});

describe('status and formatting', () => {
  it('says sending, failed, delivered and read for the user\'s messages only', () => {
    expect(outgoingStatus(message({ direction: 'out', status: 'sending' }))).toEqual({ text: 'sending…', tone: 'muted' });
    expect(outgoingStatus(message({ direction: 'out', status: 'failed', error: { kind: 'network', message: 'offline' } }))).toEqual({ text: 'failed: offline', tone: 'failed' });
    expect(outgoingStatus(message({ direction: 'out', status: 'sent', receipt: 'delivered' }))?.text).toBe('✓ delivered');
    expect(outgoingStatus(message({ direction: 'out', status: 'sent', receipt: 'read' }))?.text).toBe('✓✓ read');
    expect(outgoingStatus(message({ direction: 'out', status: 'sent' }))).toBeNull();
    expect(outgoingStatus(message({ direction: 'in', receipt: 'read' }))).toBeNull();
  });

  it('formats sizes and excerpts', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 * 1024, 1234567].map(formatSize)).toEqual(['0 bytes', '1023 bytes', '1.0 KB', '1.5 KB', '10 MB', '1.2 MB']);
    expect(excerpt('a\n\n b   c')).toBe('a b c');
    expect(excerpt('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('interleaves local notices with messages by time', () => {
    const notice = (id: string, timestamp: number) => ({ id, conversationId: 1, lines: [id], timestamp });
    const entries = interleave([message({ id: 1, timestamp: 10 }), message({ id: 2, timestamp: 30 })], [notice('late', 40), notice('mid', 20), notice('same', 10)]);
    expect(entries.map((entry) => (entry.kind === 'message' ? entry.message.id : entry.notice.id))).toEqual([1, 'same', 'mid', 2, 'late']);
  });
});
