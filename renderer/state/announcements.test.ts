import { describe, expect, it } from 'vitest';
import { announcementOf, nextAnnouncement, startAnnouncing } from './announcements.js';
import { emptyConversationMessages, type ConversationMessages } from './messages.js';
import { message } from './testData.js';

const loaded = (items: ConversationMessages['items']): ConversationMessages => ({ ...emptyConversationMessages, loaded: true, items });
const history = [message({ id: 1, order: 10, body: 'old one' }), message({ id: 2, order: 20, body: 'old two' })];

describe('what the live region says', () => {
  it('nothing when a conversation opens with its history, loaded before or after it opens', () => {
    expect(startAnnouncing(1, loaded(history)).text).toBe('');
    const opening = startAnnouncing(1, emptyConversationMessages);
    const afterPage = nextAnnouncement(opening, loaded(history));
    expect(afterPage.text).toBe('');
  });

  it('a message that arrives after that, with its sender', () => {
    const state = startAnnouncing(1, loaded(history));
    const next = nextAnnouncement(state, loaded([...history, message({ id: 3, order: 30, senderName: 'bob', body: 'new here' })]));
    expect(next.text).toBe('bob: new here');
  });

  it('never older history loaded on scroll, own messages or event lines', () => {
    const state = startAnnouncing(1, loaded(history));
    const older = [message({ id: 0, order: 5, body: 'older' })];
    expect(nextAnnouncement(state, loaded([...older, ...history]))).toBe(state);
    const mine = nextAnnouncement(state, loaded([...history, message({ id: 4, order: 40, direction: 'out', body: 'mine' })]));
    expect(mine.text).toBe('');
    const joined = nextAnnouncement(mine, loaded([...history, message({ id: 5, order: 50, kind: 'event', body: 'carol joined' })]));
    expect(joined.text).toBe('');
  });

  it('a flood says its last three', () => {
    const state = startAnnouncing(1, loaded(history));
    const flood = Array.from({ length: 10 }, (_, index) => message({ id: 10 + index, order: 100 + index, body: `line ${index}` }));
    expect(nextAnnouncement(state, loaded([...history, ...flood])).text).toBe('bob: line 7\nbob: line 8\nbob: line 9');
  });

  it('actions and files in words', () => {
    expect(announcementOf(message({ kind: 'action', body: 'waves' }))).toBe('* bob waves');
    expect(announcementOf(message({ body: '', attachments: [{ url: 'x', name: 'cat.png', kind: 'image' }] }))).toBe('bob: sent cat.png');
  });
});
