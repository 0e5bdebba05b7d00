import { describe, expect, it } from 'vitest';
import { applyPage } from './messages.js';
import { setupActions } from './testActions.js';
import { conversation, message } from './testData.js';

const page = (from: number, count: number) => Array.from({ length: count }, (_, index) => message({ id: from - index, timestamp: from - index })).reverse();

describe('searching', () => {
  it('asks for 50 results, everywhere or in the active conversation, and clears on an empty query', async () => {
    const hit = { message: message({ id: 3 }), snippet: '\u0002hello\u0003' };
    const { stores, actions, calls } = setupActions({ 'search.query': () => [hit] });
    await actions.searchMessages(' hello ', 'all');
    await actions.searchMessages('hello', 'conversation');
    expect(calls).toEqual([
      ['search.query', { query: 'hello', limit: 50 }],
      ['search.query', { query: 'hello', limit: 50, conversationId: 1 }],
    ]);
    expect(stores.search.getState()).toMatchObject({ status: 'done', query: 'hello', hits: [hit] });
    await actions.searchMessages('  ', 'all');
    expect(stores.search.getState()).toMatchObject({ status: 'idle', query: '', hits: [] });
    expect(calls).toHaveLength(2);
  });

  it('ignores a late answer to an older search, and shows a failure', async () => {
    const answers: ((value: unknown) => void)[] = [];
    const { stores, actions } = setupActions({ 'search.query': () => new Promise((resolve) => { answers.push(resolve); }) });
    const older = actions.searchMessages('old', 'all');
    const newer = actions.searchMessages('new', 'all');
    answers[1]?.([{ message: message({ id: 2 }), snippet: 'new' }]);
    await newer;
    answers[0]?.([{ message: message({ id: 1 }), snippet: 'old' }]);
    await older;
    expect(stores.search.getState().hits.map((hit) => hit.snippet)).toEqual(['new']);
    const failing = setupActions();
    await failing.actions.searchMessages('x', 'all');
    expect(failing.stores.search.getState()).toMatchObject({ status: 'error', error: 'search.query is not supported yet' });
  });
});

describe('opening a result', () => {
  it('activates the conversation, pages back through stored history to the message, and focuses it', async () => {
    let lists = 0;
    const { stores, actions, methods } = setupActions({
      'messages.list': () => { lists += 1; return lists === 1 ? page(300, 100) : page(200, 100); },
      'conversations.markRead': () => null,
      'members.list': () => [],
    });
    stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1 })], [2, conversation({ id: 2, title: '#two' })]]), tabs: [1, 2], activeId: 2 });
    stores.ui.setState({ serverConsole: 'acc-1' });
    expect(await actions.openSearchResult({ message: message({ id: 150, conversationId: 1 }), snippet: '' })).toBe(true);
    expect(stores.conversations.getState().activeId).toBe(1);
    expect(stores.ui.getState()).toMatchObject({ serverConsole: null, focusedMessage: { conversationId: 1, messageId: 150 } });
    expect(methods().filter((method) => method === 'messages.list')).toHaveLength(2);
    expect(methods()).not.toContain('messages.fetchOlder');
  });

  it('gives up when the message is not in stored history', async () => {
    const { stores, actions, methods } = setupActions({ 'messages.list': () => page(10, 5), 'members.list': () => [] });
    expect(await actions.openSearchResult({ message: message({ id: 999 }), snippet: '' })).toBe(false);
    expect(stores.ui.getState().focusedMessage).toBeNull();
    expect(methods().filter((method) => method === 'messages.list')).toHaveLength(1);
  });

  it('opens a closed conversation again through the core (no join), shows its tab and focuses the message', async () => {
    const left = conversation({ id: 7, title: '#left', joined: false });
    const { stores, actions, calls } = setupActions({
      'conversations.show': () => left,
      'messages.list': () => page(10, 5).map((item) => ({ ...item, conversationId: 7 })),
      'conversations.markRead': () => null,
      'members.list': () => [],
    });
    stores.messages.setState(applyPage(stores.messages.getState(), 1, page(10, 5), 100));
    expect(await actions.openSearchResult({ message: message({ id: 8, conversationId: 7 }), snippet: '' })).toBe(true);
    expect(calls).toContainEqual(['conversations.show', { conversationId: 7 }]);
    expect(calls.map(([method]) => method)).not.toContain('conversations.joinRoom');
    expect(stores.conversations.getState()).toMatchObject({ activeId: 7 });
    expect(stores.conversations.getState().tabs).toContain(7);
    expect(stores.ui.getState().focusedMessage).toEqual({ conversationId: 7, messageId: 8 });
  });
});
