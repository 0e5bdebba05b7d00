import { describe, expect, it } from 'vitest';
import { createActions } from '../state/actions.js';
import { createStores } from '../state/stores.js';
import { account, contact, conversation, ircPlugin, member, message, request } from '../state/testData.js';
import { FakeCore } from './fakeCore.js';
import { startSession } from './session.js';

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function coreWith(overrides: ConstructorParameters<typeof FakeCore>[0] = {}): FakeCore {
  return new FakeCore({
    'plugins.list': () => [ircPlugin],
    'accounts.list': () => [account()],
    'conversations.list': () => [conversation({ id: 7, unread: 3 })],
    'messages.list': () => [message({ id: 1, conversationId: 7 })],
    'members.list': () => [member('alice', 'operator')],
    'conversations.markRead': () => null,
    ...overrides,
  });
}

describe('startSession', () => {
  it('loads the state, opens the active tab and marks it read', async () => {
    const stores = createStores();
    const core = coreWith();
    const session = startSession({ stores, actions: createActions(stores), createTransport: () => core.transport() });
    expect(stores.connection.getState().status).toBe('connecting');
    await settle();
    expect(stores.connection.getState().status).toBe('connected');
    expect(stores.plugins.getState().list).toEqual([ircPlugin]);
    expect(stores.conversations.getState().activeId).toBe(7);
    await settle();
    expect(stores.messages.getState().byConversation.get(7)?.items.map((item) => item.id)).toEqual([1]);
    expect(stores.members.getState().byRoom.get(7)?.byId.has('alice')).toBe(true);
    expect(stores.conversations.getState().byId.get(7)?.unread).toBe(0);
    expect(core.requests.map((request) => request.method)).toContain('conversations.markRead');
    expect(core.requests.find((request) => request.method === 'messages.list')?.params).toEqual({ conversationId: 7, limit: 100 });
    session.stop();
  });

  it('applies events that arrive during the initial load after it', async () => {
    const stores = createStores();
    const core = coreWith({ 'conversations.list': () => FakeCore.hold });
    const session = startSession({ stores, actions: createActions(stores), createTransport: () => core.transport() });
    core.push([{ type: 'conversation.changed', payload: { conversation: conversation({ id: 9, title: '#late' }) } }]);
    const pending = core.held[0];
    expect(pending?.method).toBe('conversations.list');
    core.reply(pending?.id ?? -1, [conversation({ id: 7 })]);
    await settle();
    expect([...stores.conversations.getState().byId.keys()].sort()).toEqual([7, 9]);
    session.stop();
  });

  it('shows the disconnection and reconnects with a new client every 2 s', async () => {
    const stores = createStores();
    const cores: FakeCore[] = [];
    const timers: { callback: () => void; ms: number }[] = [];
    const session = startSession({
      stores,
      actions: createActions(stores),
      createTransport: () => {
        const core = coreWith();
        cores.push(core);
        return core.transport();
      },
      setTimer: (callback, ms) => timers.push({ callback, ms }),
    });
    await settle();
    cores[0]?.close('core went away');
    expect(stores.connection.getState()).toMatchObject({ status: 'disconnected', client: null });
    expect(timers.map((timer) => timer.ms)).toEqual([2000]);
    stores.accounts.setState({ list: [] });
    timers[0]?.callback();
    expect(cores).toHaveLength(2);
    await settle();
    expect(stores.connection.getState().status).toBe('connected');
    expect(stores.accounts.getState().list).toHaveLength(1);
    session.stop();
  });

  it('loads the buddy list and open requests with the state, and applies their events', async () => {
    const stores = createStores();
    const core = coreWith({ 'contacts.list': () => [contact()], 'requests.list': () => [request()] });
    const session = startSession({ stores, actions: createActions(stores), createTransport: () => core.transport() });
    await settle();
    expect([...stores.contacts.getState().byKey.values()].map((item) => item.id)).toEqual(['bob@example.org']);
    expect(stores.requests.getState().list.map((item) => item.id)).toEqual(['req-1']);
    core.push([
      { type: 'contact.changed', payload: { contact: contact({ id: 'carol', presence: { status: 'away' } }) } },
      { type: 'request.closed', payload: { accountId: 'acc-1', requestId: 'req-1' } },
    ]);
    expect(stores.contacts.getState().byKey.size).toBe(2);
    expect(stores.requests.getState().list).toEqual([]);
    session.stop();
  });

  it('works on with a core that cannot list contacts or requests, and says why they are missing', async () => {
    const stores = createStores();
    const core = coreWith(); // no handlers: the fake core answers not-supported
    const session = startSession({ stores, actions: createActions(stores), createTransport: () => core.transport() });
    await settle();
    expect(stores.connection.getState().status).toBe('connected');
    expect(stores.contacts.getState().loadError).toBe('no handler for contacts.list');
    expect(stores.requests.getState().loadError).toBe('no handler for requests.list');
    expect(stores.conversations.getState().activeId).toBe(7);
    session.stop();
  });
});
