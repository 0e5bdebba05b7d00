import { describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { applyEventBatch } from './applyEvents.js';
import { createStores } from './stores.js';
import { draftOf, setDraftText } from './drafts.js';
import { addNotice } from './notices.js';
import { account, contact, conversation, member, message, request } from './testData.js';

const added = (overrides: Parameters<typeof message>[0]): BridgeEvent => ({ type: 'message.added', payload: { message: message(overrides) } });

describe('applyEventBatch', () => {
  it('keeps accounts in order, replaces by id and removes', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'account.changed', payload: { account: account({ id: 'a' }) } },
      { type: 'account.changed', payload: { account: account({ id: 'b' }) } },
      { type: 'account.changed', payload: { account: account({ id: 'a', state: 'failed' }) } },
    ]);
    expect(stores.accounts.getState().list.map((item) => [item.id, item.state])).toEqual([['a', 'failed'], ['b', 'online']]);
    applyEventBatch(stores, [{ type: 'account.removed', payload: { accountId: 'a' } }]);
    expect(stores.accounts.getState().list.map((item) => item.id)).toEqual(['b']);
  });

  it('opens a tab for a new conversation and moves to a neighbour when the active one closes', () => {
    const stores = createStores();
    applyEventBatch(stores, [1, 2, 3].map((id) => ({ type: 'conversation.changed', payload: { conversation: conversation({ id, title: `#c${id}` }) } })));
    expect(stores.conversations.getState().tabs).toEqual([1, 2, 3]);
    stores.conversations.setState({ activeId: 2 });
    applyEventBatch(stores, [
      { type: 'conversation.changed', payload: { conversation: conversation({ id: 2, title: '#c2', unread: 4 }) } },
      { type: 'conversation.removed', payload: { conversationId: 2 } },
    ]);
    const state = stores.conversations.getState();
    expect(state.tabs).toEqual([1, 3]);
    expect(state.activeId).toBe(3);
  });

  it('drops an account\'s conversations when the account is removed', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'conversation.changed', payload: { conversation: conversation({ id: 1, accountId: 'x' }) } },
      { type: 'conversation.changed', payload: { conversation: conversation({ id: 2, accountId: 'y' }) } },
      { type: 'account.removed', payload: { accountId: 'x' } },
    ]);
    expect([...stores.conversations.getState().byId.keys()]).toEqual([2]);
  });

  it('appends messages in ascending order, ignores duplicates and replaces updates by id', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      added({ id: 1, timestamp: 100 }),
      added({ id: 3, timestamp: 300 }),
      added({ id: 2, timestamp: 200 }),
      added({ id: 3, timestamp: 300, body: 'duplicate' }),
      { type: 'message.updated', payload: { message: message({ id: 1, timestamp: 100, body: 'edited' }) } },
    ]);
    const items = stores.messages.getState().byConversation.get(1)?.items ?? [];
    expect(items.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(items.map((item) => item.body)).toEqual(['edited', 'hello', 'hello']);
  });

  it('shows messages in the core\'s order, not by their times (a local clock set back, a server\'s clock ahead)', () => {
    const stores = createStores();
    const day = 86_400_000;
    applyEventBatch(stores, [
      added({ id: 1, order: 0, timestamp: 40 * day, body: 'question' }),
      added({ id: 2, order: 10, timestamp: 70 * day, body: 'answer, dated by the server' }),
      added({ id: 3, order: 20, timestamp: 40 * day + 1, body: 'thanks, dated by a clock a month behind' }),
    ]);
    applyEventBatch(stores, [{ type: 'message.updated', payload: { message: message({ id: 3, order: 20, timestamp: 70 * day + 5, body: 'thanks, confirmed' }) } }]);
    const items = stores.messages.getState().byConversation.get(1)?.items ?? [];
    expect(items.map((item) => item.body)).toEqual(['question', 'answer, dated by the server', 'thanks, confirmed']);
  });

  it('turns a sent message into failed with its error', () => {
    const stores = createStores();
    applyEventBatch(stores, [added({ id: 5, direction: 'out', status: 'sending' })]);
    applyEventBatch(stores, [{ type: 'message.updated', payload: { message: message({ id: 5, direction: 'out', status: 'failed', error: { kind: 'network', message: 'offline' } }) } }]);
    expect(stores.messages.getState().byConversation.get(1)?.items[0]?.error?.message).toBe('offline');
  });

  it('ignores an update of a message older than the loaded window', () => {
    const stores = createStores();
    applyEventBatch(stores, [added({ id: 10, timestamp: 1000 })]);
    applyEventBatch(stores, [{ type: 'message.updated', payload: { message: message({ id: 2, timestamp: 10 }) } }]);
    expect(stores.messages.getState().byConversation.get(1)?.items.map((item) => item.id)).toEqual([10]);
  });

  it('applies a batch of thousands of events with one set per store', () => {
    const stores = createStores();
    const listeners = { messages: vi.fn(), conversations: vi.fn(), typing: vi.fn(), members: vi.fn() };
    stores.messages.subscribe(listeners.messages);
    stores.conversations.subscribe(listeners.conversations);
    stores.typing.subscribe(listeners.typing);
    stores.members.subscribe(listeners.members);
    const events: BridgeEvent[] = [];
    for (let i = 0; i < 10_000; i++) {
      events.push(added({ id: i + 1, conversationId: (i % 3) + 1, timestamp: i }));
      if (i % 100 === 0) events.push({ type: 'conversation.changed', payload: { conversation: conversation({ id: (i % 3) + 1, unread: i }) } });
    }
    events.push({ type: 'typing', payload: { conversationId: 1, participantId: 'carol', state: 'active' } });
    // How fast is the bench's (npm run bench -- state); here, one set per store and every message kept.
    applyEventBatch(stores, events);
    expect(listeners.messages).toHaveBeenCalledTimes(1);
    expect(listeners.conversations).toHaveBeenCalledTimes(1);
    expect(listeners.typing).toHaveBeenCalledTimes(1);
    expect(listeners.members).not.toHaveBeenCalled();
    const lengths = [1, 2, 3].map((id) => stores.messages.getState().byConversation.get(id)?.items.length);
    expect(lengths).toEqual([3334, 3333, 3333]);
  });

  it('applies member deltas: reset, removed, renamed, added', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'members.changed', payload: { conversationId: 1, reset: true, added: [member('alice', 'operator'), member('bob'), member('carol')], removed: [], renamed: [] } },
      { type: 'members.changed', payload: { conversationId: 1, reset: false, added: [member('dave', 'voice')], removed: ['carol'], renamed: [{ from: 'bob', to: 'robert' }] } },
    ]);
    const room = stores.members.getState().byRoom.get(1);
    expect(room?.loaded).toBe(true);
    expect([...(room?.byId.values() ?? [])].map((item) => `${item.id}/${item.displayName}`).sort()).toEqual(['alice/alice', 'dave/dave', 'robert/robert']);
    applyEventBatch(stores, [{ type: 'members.changed', payload: { conversationId: 1, reset: true, added: [member('zed')], removed: [], renamed: [] } }]);
    expect([...(stores.members.getState().byRoom.get(1)?.byId.keys() ?? [])]).toEqual(['zed']);
  });

  it('tracks typing and clears it when that person\'s message arrives', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'typing', payload: { conversationId: 1, participantId: 'bob', state: 'active' } },
      { type: 'typing', payload: { conversationId: 1, participantId: 'carol', state: 'paused' } },
    ], 5000);
    expect([...(stores.typing.getState().byConversation.get(1)?.entries() ?? [])]).toEqual([['bob', { state: 'active', at: 5000 }], ['carol', { state: 'paused', at: 5000 }]]);
    applyEventBatch(stores, [added({ id: 1, senderId: 'bob' }), { type: 'typing', payload: { conversationId: 1, participantId: 'carol', state: 'done' } }]);
    expect(stores.typing.getState().byConversation.get(1)?.size).toBe(0);
  });

  it('forgets messages, members and typing of a removed conversation', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'conversation.changed', payload: { conversation: conversation() } },
      added({ id: 1 }),
      { type: 'members.changed', payload: { conversationId: 1, reset: true, added: [member('a')], removed: [], renamed: [] } },
      { type: 'typing', payload: { conversationId: 1, participantId: 'a', state: 'active' } },
    ]);
    applyEventBatch(stores, [{ type: 'conversation.removed', payload: { conversationId: 1 } }]);
    expect(stores.messages.getState().byConversation.has(1)).toBe(false);
    expect(stores.members.getState().byRoom.has(1)).toBe(false);
    expect(stores.typing.getState().byConversation.has(1)).toBe(false);
    expect(stores.conversations.getState().tabs).toEqual([]);
  });

  it('keeps contacts and requests, and forgets an account\'s contacts and requests when it is removed', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'contact.changed', payload: { contact: contact({ accountId: 'a', id: 'bob' }) } },
      { type: 'contact.changed', payload: { contact: contact({ accountId: 'b', id: 'bob' }) } },
      { type: 'request.raised', payload: { request: request({ accountId: 'a' }) } },
      { type: 'request.raised', payload: { request: request({ accountId: 'b' }) } },
      { type: 'contact.changed', payload: { contact: contact({ accountId: 'a', id: 'bob', presence: { status: 'away' } }) } },
    ]);
    expect([...stores.contacts.getState().byKey.values()].map((item) => `${item.accountId}/${item.presence.status}`)).toEqual(['a/away', 'b/available']);
    applyEventBatch(stores, [{ type: 'account.removed', payload: { accountId: 'a' } }]);
    expect([...stores.contacts.getState().byKey.values()].map((item) => item.accountId)).toEqual(['b']);
    expect(stores.requests.getState().list.map((item) => item.accountId)).toEqual(['b']);
  });

  it('keeps edits, deletions, reactions and receipts from message.updated', () => {
    const stores = createStores();
    applyEventBatch(stores, [added({ id: 1, direction: 'out', status: 'sent' })]);
    applyEventBatch(stores, [{ type: 'message.updated', payload: { message: message({
      id: 1, direction: 'out', status: 'sent', body: 'fixed', edited: true, receipt: 'read',
      reactions: [{ reaction: '👍', senders: [{ id: 'bob', name: 'bob' }], mine: false }],
    }) } }]);
    expect(stores.messages.getState().byConversation.get(1)?.items[0]).toMatchObject({ body: 'fixed', edited: true, receipt: 'read', reactions: [{ reaction: '👍' }] });
    applyEventBatch(stores, [{ type: 'message.updated', payload: { message: message({ id: 1, direction: 'out', status: 'sent', body: '', deleted: true }) } }]);
    expect(stores.messages.getState().byConversation.get(1)?.items[0]).toMatchObject({ body: '', deleted: true });
  });

  it('forgets the draft and local notices of a closed conversation', () => {
    const stores = createStores();
    stores.drafts.setState(setDraftText(stores.drafts.getState(), 1, 'unsent'));
    stores.notices.setState(addNotice(stores.notices.getState(), { id: 'n', conversationId: 1, lines: ['x'], timestamp: 0 }));
    applyEventBatch(stores, [{ type: 'conversation.removed', payload: { conversationId: 1 } }]);
    expect(draftOf(stores.drafts.getState(), 1).text).toBe('');
    expect(stores.notices.getState().byConversation.has(1)).toBe(false);
  });

  it('removes a cancelled message in order within a batch, and ignores one it does not have', () => {
    const stores = createStores();
    const removed = (messageId: number, conversationId = 1): BridgeEvent => ({ type: 'message.removed', payload: { conversationId, messageId } });
    applyEventBatch(stores, [
      added({ id: 1 }), added({ id: 2, direction: 'out', status: 'queued', timestamp: 2000 }), removed(2),
      added({ id: 3, direction: 'out', status: 'queued', timestamp: 3000 }), added({ id: 4, timestamp: 4000 }), removed(3),
    ]);
    expect(stores.messages.getState().byConversation.get(1)?.items.map((item) => item.id)).toEqual([1, 4]);
    const before = stores.messages.getState();
    applyEventBatch(stores, [removed(99), removed(1, 42)]);
    expect(stores.messages.getState().byConversation.get(1)).toBe(before.byConversation.get(1));
    expect(stores.messages.getState().byConversation.has(42)).toBe(false);
  });

  it('collects server notices per account and drops the uploads of a closed conversation', () => {
    const stores = createStores();
    applyEventBatch(stores, [
      { type: 'server.notice', payload: { accountId: 'acc-1', text: '- Message of the day -', timestamp: 1 } },
      { type: 'server.notice', payload: { accountId: 'acc-1', text: '- be nice -', timestamp: 2 } },
    ]);
    expect(stores.serverNotices.getState().byAccount.get('acc-1')?.map((line) => line.text)).toEqual(['- Message of the day -', '- be nice -']);
    stores.fileUploads.setState({ byConversation: new Map([[1, [{ id: 1, conversationId: 1, name: 'a', status: 'sending' }]]]), nextId: 2 });
    applyEventBatch(stores, [{ type: 'conversation.removed', payload: { conversationId: 1 } }]);
    expect(stores.fileUploads.getState().byConversation.has(1)).toBe(false);
  });
});
