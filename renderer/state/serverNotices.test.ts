import { describe, expect, it } from 'vitest';
import { applyServerNoticeEvents, createServerNoticesStore, serverNoticesOf, type ServerNoticeEvent } from './serverNotices.js';

const notice = (accountId: string, text: string, timestamp = 1): ServerNoticeEvent => ({ type: 'server.notice', payload: { accountId, text, timestamp } });

describe('server notices', () => {
  it('keeps each account\'s lines in order, with ids unique in the window', () => {
    const empty = createServerNoticesStore().getState();
    const state = applyServerNoticeEvents(empty, [notice('a', 'MOTD 1'), notice('b', 'hello b'), notice('a', 'MOTD 2')]);
    expect(serverNoticesOf(state, 'a').map((line) => line.text)).toEqual(['MOTD 1', 'MOTD 2']);
    expect(serverNoticesOf(state, 'b').map((line) => line.text)).toEqual(['hello b']);
    expect(serverNoticesOf(state, 'c')).toEqual([]);
    const ids = [...serverNoticesOf(state, 'a'), ...serverNoticesOf(state, 'b')].map((line) => line.id);
    expect(new Set(ids).size).toBe(3);
    expect(applyServerNoticeEvents(state, [])).toBe(state);
    expect(serverNoticesOf(state, 'a')).toBe(serverNoticesOf(state, 'a'));
  });

  it('drops the oldest lines past the cap, per account, across batches', () => {
    let state = createServerNoticesStore().getState();
    state = applyServerNoticeEvents(state, Array.from({ length: 8 }, (_, index) => notice('a', `line ${index}`)), 5);
    state = applyServerNoticeEvents(state, [notice('a', 'line 8'), notice('b', 'other')], 5);
    expect(serverNoticesOf(state, 'a').map((line) => line.text)).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
    expect(serverNoticesOf(state, 'b')).toHaveLength(1);
  });

  it('caps at 500 by default and forgets a removed account', () => {
    let state = applyServerNoticeEvents(createServerNoticesStore().getState(), Array.from({ length: 620 }, (_, index) => notice('a', String(index))));
    expect(serverNoticesOf(state, 'a')).toHaveLength(500);
    expect(serverNoticesOf(state, 'a')[0]?.text).toBe('120');
    state = applyServerNoticeEvents(state, [notice('a', 'late'), { type: 'account.removed', payload: { accountId: 'a' } }]);
    expect(state.byAccount.has('a')).toBe(false);
  });
});
