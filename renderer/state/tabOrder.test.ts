import { describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { applyEventBatch } from './applyEvents.js';
import { resetConversations, showTab } from './conversations.js';
import { keepTabsInOrder } from './tabActions.js';
import { dropTab, mergeTabOrder, sortTabs } from './tabOrder.js';
import { conversation } from './testData.js';
import { setupActions } from './testActions.js';

describe('the saved tab order', () => {
  it('shows a window\'s tabs in the saved order, tabs it does not know at the end as they were', () => {
    expect(sortTabs([1, 2, 3, 4], [3, 1])).toEqual([3, 1, 2, 4]);
    expect(sortTabs([4, 2], [9, 2, 4])).toEqual([2, 4]);
    const tabs = [1, 2];
    expect(sortTabs(tabs, [1, 5, 2])).toBe(tabs);
  });

  it('puts a window\'s new order where its first tab was and keeps the other windows\' tabs in place', () => {
    const exists = (): boolean => true;
    expect(mergeTabOrder([1, 2, 3, 4], [3, 1], exists)).toEqual([3, 1, 2, 4]);
    // Tabs 7 and 8 are in another window; this one holds 2 and 5 (5 never ordered yet).
    expect(mergeTabOrder([7, 2, 8], [5, 2], exists)).toEqual([7, 5, 2, 8]);
    expect(mergeTabOrder([], [2, 1], exists)).toEqual([2, 1]);
    // A conversation gone from the list leaves the order.
    expect(mergeTabOrder([9, 1, 2], [2, 1], (id) => id !== 9)).toEqual([2, 1]);
  });

  it('moves a dropped tab to the place of the tab it was dropped on', () => {
    expect(dropTab([1, 2, 3], 3, 1)).toEqual([3, 1, 2]);
    expect(dropTab([1, 2, 3], 1, 2)).toEqual([2, 1, 3]);
    const tabs = [1, 2];
    expect(dropTab(tabs, 1, 1)).toBe(tabs);
    expect(dropTab(tabs, 1, 9)).toBe(tabs);
  });
});

function threeTabs(handlers: Parameters<typeof setupActions>[0] = {}) {
  const setup = setupActions({ 'messages.list': () => [], 'members.list': () => [], 'conversations.markRead': () => null, ...handlers });
  setup.stores.conversations.setState({
    byId: new Map([1, 2, 3].map((id) => [id, conversation({ id, networkId: `#${id}`, title: `#${id}` })])), tabs: [1, 2, 3], activeId: 1,
  });
  const stop = keepTabsInOrder(setup.stores.conversations, setup.stores.preferences);
  return { ...setup, stop };
}

describe('reordering tabs', () => {
  it('shows the new order at once and keeps it in the profile', async () => {
    const { stores, actions, calls } = threeTabs({ 'preferences.set': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }) });
    await actions.reorderTabs([3, 1, 2]);
    expect(stores.conversations.getState().tabs).toEqual([3, 1, 2]);
    expect(calls).toContainEqual(['preferences.set', { tabOrder: [3, 1, 2] }]);
    expect(stores.preferences.getState().preferences.tabOrder).toEqual([3, 1, 2]);
  });

  it('moves the current tab with Ctrl+Shift+PageDown through the same saved order', async () => {
    const { stores, actions, calls } = threeTabs({ 'preferences.set': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }) });
    expect(actions.tabCommand({ kind: 'move-tab', by: 1 })).toBe(true);
    expect(stores.conversations.getState().tabs).toEqual([2, 1, 3]);
    await Promise.resolve();
    expect(calls).toContainEqual(['preferences.set', { tabOrder: [2, 1, 3] }]);
  });

  it('puts the old order back when the core refuses', async () => {
    const { stores, actions } = threeTabs({ 'preferences.set': () => { throw new BridgeRequestError({ kind: 'internal', message: 'The disk is full.' }); } });
    await expect(actions.reorderTabs([3, 1, 2])).rejects.toThrow('The disk is full.');
    expect(stores.conversations.getState().tabs).toEqual([1, 2, 3]);
  });

  it('follows an order changed in another window, and keeps a reopened tab in its place', () => {
    const { stores } = threeTabs();
    applyEventBatch(stores, [{ type: 'preferences.changed', payload: { preferences: { ...DEFAULT_PREFERENCES, tabOrder: [2, 3, 1] } } }]);
    expect(stores.conversations.getState().tabs).toEqual([2, 3, 1]);
    stores.conversations.setState({ ...stores.conversations.getState(), tabs: [2, 1] });
    stores.conversations.setState(showTab(stores.conversations.getState(), 3));
    expect(stores.conversations.getState().tabs).toEqual([2, 3, 1]);
  });

  it('restores the order after a reload (the list comes, then the preferences)', () => {
    const { stores } = threeTabs();
    stores.conversations.setState({ byId: new Map(), tabs: [], activeId: null }, true);
    stores.conversations.setState(resetConversations(stores.conversations.getState(), [1, 2, 3].map((id) => conversation({ id, networkId: `#${id}` }))));
    expect(stores.conversations.getState().tabs).toEqual([1, 2, 3]);
    stores.preferences.setState({ preferences: { ...DEFAULT_PREFERENCES, tabOrder: [3, 1, 2] } }, true);
    expect(stores.conversations.getState().tabs).toEqual([3, 1, 2]);
  });
});
