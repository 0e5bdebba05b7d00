import { describe, expect, it } from 'vitest';
import { account, message } from './testData.js';
import { accountStateText, secondsUntilRetry } from './accounts.js';
import { applyPage, emptyConversationMessages, fetchedOlder, historyEdge, type MessagesState } from './messages.js';

describe('history edge', () => {
  const empty: MessagesState = { byConversation: new Map() };
  it('offers more while the store or the network may have more; "beginning" only when the network says so', () => {
    expect(historyEdge(emptyConversationMessages, true)).toBeNull();
    const full = applyPage(empty, 1, [1, 2, 3].map((id) => message({ id, timestamp: id })), 3).byConversation.get(1);
    expect(full && historyEdge(full, false)).toBe('more');
    const short = applyPage(empty, 1, [], 3);
    const shortEntry = short.byConversation.get(1);
    expect(shortEntry && historyEdge(shortEntry, false)).toBe('nothing-stored');
    expect(shortEntry && historyEdge(shortEntry, true)).toBe('more');
    const complete = fetchedOlder(short, 1, true).byConversation.get(1);
    expect(complete && historyEdge(complete, true)).toBe('beginning');
    expect(fetchedOlder(fetchedOlder(short, 1, true), 1, false).byConversation.get(1)?.complete).toBe(true);
  });
});

describe('reconnect countdown', () => {
  it('counts whole seconds down to retryAt while reconnecting', () => {
    const reconnecting = account({ state: 'reconnecting', retryAt: 10_000 });
    expect(secondsUntilRetry(reconnecting, 0)).toBe(10);
    expect(secondsUntilRetry(reconnecting, 9_001)).toBe(1);
    expect(secondsUntilRetry(reconnecting, 10_000)).toBeNull();
    expect(accountStateText(reconnecting, 2_500)).toBe('Reconnecting in 8 s…');
    expect(accountStateText(reconnecting, 11_000)).toBe('Reconnecting…');
    expect(accountStateText(account({ state: 'reconnecting' }), 0)).toBe('Reconnecting…');
    expect(accountStateText(account({ state: 'online', retryAt: 10_000 }), 0)).toBe('Online');
  });

  it('says when the network resumes its own session while the account stays online', () => {
    const resuming = account({ state: 'online', resuming: { kind: 'network', message: 'Stream lost; resuming.' } });
    expect(accountStateText(resuming, 0)).toBe('Online, resuming the session…');
  });
});
