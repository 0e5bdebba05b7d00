import { describe, expect, it } from 'vitest';
import { firstUnread, keepOnly, NO_READ_MARKERS, withMarker } from './readMarker.js';
import { message } from './testData.js';

describe('the "New messages" line', () => {
  const items = [
    message({ id: 1, direction: 'in' }),
    message({ id: 2, direction: 'out', status: 'sent' }),
    message({ id: 3, direction: 'in' }),
    message({ id: 4, direction: 'in', kind: 'event' }),
    message({ id: 5, direction: 'in' }),
  ];

  it('sits above the oldest of the unread messages, counting as the core counts (received, not events)', () => {
    expect(firstUnread(items, 1)).toBe(5);
    expect(firstUnread(items, 2)).toBe(3);
    expect(firstUnread(items, 3)).toBe(1);
    expect(firstUnread(items, 4)).toBe('older');
    expect(firstUnread(items, 0)).toBeUndefined();
    expect(firstUnread(items, undefined)).toBeUndefined();
  });

  it('grows while the conversation is shown, and only the shown conversation keeps one', () => {
    const one = withMarker(NO_READ_MARKERS, 1, 3);
    expect([...one.byConversation]).toEqual([[1, 3]]);
    expect([...withMarker(one, 1, 2).byConversation]).toEqual([[1, 5]]);
    expect(withMarker(one, 1, 0)).toBe(one);
    expect([...withMarker(one, 2, 4).byConversation]).toEqual([[2, 4]]);
    expect([...withMarker(one, 2, 0).byConversation]).toEqual([]);
    expect(keepOnly(one, 1)).toBe(one);
    expect([...keepOnly(one, 2).byConversation]).toEqual([]);
    expect(keepOnly(NO_READ_MARKERS, 2)).toBe(NO_READ_MARKERS);
  });
});
