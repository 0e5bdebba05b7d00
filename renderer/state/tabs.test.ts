import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { applyEventBatch } from './applyEvents.js';
import { closeTab, resetConversations } from './conversations.js';
import { conversation } from './testData.js';
import { setupActions } from './testActions.js';

function twoRooms() {
  const setup = setupActions({ 'conversations.leave': () => null, 'messages.list': () => [], 'members.list': () => [], 'conversations.markRead': () => null });
  setup.stores.conversations.setState({
    byId: new Map([[1, conversation({ id: 1 })], [2, conversation({ id: 2, networkId: '#other', title: '#other' })]]), tabs: [1, 2], activeId: 1,
  });
  return setup;
}

describe('closing a tab', () => {
  it('only closes the tab: no request to the core, the room stays in the list and the neighbour is shown', () => {
    const { stores, actions, methods } = twoRooms();
    actions.closeTab(1);
    const state = stores.conversations.getState();
    expect(state.tabs).toEqual([2]);
    expect(state.activeId).toBe(2);
    expect([...state.byId.keys()]).toEqual([1, 2]);
    expect(methods()).not.toContain('conversations.leave');
  });

  it('keeps counting unread messages of a room without a tab', () => {
    const { stores, actions } = twoRooms();
    actions.closeTab(1);
    const events: BridgeEvent[] = [{ type: 'conversation.changed', payload: { conversation: conversation({ id: 1, unread: 3 }) } }];
    applyEventBatch(stores, events);
    expect(stores.conversations.getState().byId.get(1)?.unread).toBe(3);
    expect(stores.conversations.getState().tabs).toEqual([2]);
  });

  it('reopens the tab when the conversation is chosen in the list', () => {
    const { stores, actions } = twoRooms();
    actions.closeTab(1);
    actions.activateConversation(1);
    expect(stores.conversations.getState().tabs).toEqual([2, 1]);
    expect(stores.conversations.getState().activeId).toBe(1);
  });

  it('leaves nothing shown when the last tab closes', () => {
    const state = closeTab({ byId: new Map([[1, conversation({ id: 1 })]]), tabs: [1], activeId: 1 }, 1);
    expect(state).toEqual({ byId: new Map([[1, conversation({ id: 1 })]]), tabs: [], activeId: null });
  });

  it('a reload (reconnect) does not bring back a closed tab, but gives a new conversation one', () => {
    const closed = closeTab({ byId: new Map([[1, conversation({ id: 1 })], [2, conversation({ id: 2 })]]), tabs: [1, 2], activeId: 1 }, 1);
    const reloaded = resetConversations(closed, [conversation({ id: 1 }), conversation({ id: 2 }), conversation({ id: 3 })]);
    expect(reloaded.tabs).toEqual([2, 3]);
    expect(reloaded.activeId).toBe(2);
    expect([...reloaded.byId.keys()]).toEqual([1, 2, 3]);
  });
});

describe('leaving a room', () => {
  it('asks the core to leave and drops the room from the list', async () => {
    const { stores, actions, calls } = twoRooms();
    await actions.leaveConversation(1);
    expect(calls).toContainEqual(['conversations.leave', { conversationId: 1 }]);
    expect([...stores.conversations.getState().byId.keys()]).toEqual([2]);
    expect(stores.conversations.getState().tabs).toEqual([2]);
    expect(stores.conversations.getState().activeId).toBe(2);
  });

  it('leaves a room whose tab is closed', async () => {
    const { stores, actions, calls } = twoRooms();
    actions.closeTab(2);
    await actions.leaveConversation(2);
    expect(calls).toContainEqual(['conversations.leave', { conversationId: 2 }]);
    expect([...stores.conversations.getState().byId.keys()]).toEqual([1]);
  });
});
