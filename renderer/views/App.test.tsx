// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestName } from '../../electron/bridge/contract.js';
import { applyEventBatch } from '../state/applyEvents.js';
import type { Stores } from '../state/stores.js';
import { account, conversation, ircPlugin, member, message } from '../state/testData.js';
import { App } from './App.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

const answers: Partial<Record<RequestName, (params: unknown) => unknown>> = {
  'messages.list': () => [
    message({ id: 1, body: '<b>not bold</b>', senderName: 'bob' }),
    message({ id: 2, kind: 'action', body: 'waves', senderName: 'carol', timestamp: 2000 }),
    message({ id: 3, kind: 'event', body: 'dave joined', timestamp: 3000 }),
    message({ id: 4, direction: 'out', status: 'failed', body: 'mine', senderName: 'alice', timestamp: 4000, error: { kind: 'network', message: 'offline' } }),
  ],
  'members.list': () => Array.from({ length: 20_000 }, (_, index) => member(`user${index}`, index === 5 ? 'operator' : undefined)),
  'conversations.markRead': () => null,
  'conversations.leave': () => null,
  'accounts.connect': () => null,
  'accounts.remove': () => null,
};

function prepare(stores: Stores): void {
  stores.plugins.setState({ list: [ircPlugin] });
  stores.accounts.setState({
    list: [
      account({ id: 'a1', label: 'alice on irc.example', state: 'online' }),
      account({
        id: 'a2', label: 'alice on bad.example', state: 'failed',
        error: { kind: 'certificate', message: 'The server\'s certificate is self-signed.', certificate: { fingerprint256: 'AB:CD:EF', subject: 'CN=bad', issuer: 'CN=bad', reason: 'self-signed' } },
      }),
    ],
  });
}

function renderApp() {
  const harness = renderWithApp(<App />, (method, params) => Promise.resolve(answers[method]?.(params) ?? null), prepare);
  return harness;
}

describe('App', () => {
  it('leads with the buddy list: only a failing account has a line there; the Accounts dialog has them all', () => {
    renderApp();
    // One level-one heading names the page for screen readers' heading navigation.
    expect(screen.getAllByRole('heading', { level: 1 }).map((heading) => heading.textContent)).toEqual(['Switchboard']);
    const sidebar = screen.getByRole('complementary', { name: 'Buddy list' });
    expect(within(sidebar).queryByRole('list', { name: 'Accounts' })).toBeNull();
    const alerts = within(within(sidebar).getByRole('list', { name: 'Accounts with problems' })).getAllByRole('listitem');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textContent).toContain('alice on bad.example');
    expect(alerts[0]?.textContent).toContain('Failed');
    expect(alerts[0]?.textContent).toContain('The server\'s certificate is self-signed.');
    expect(within(alerts[0] ?? document.body).getByRole('button', { name: 'Reconnect now' })).toBeDefined();
    expect(within(alerts[0] ?? document.body).getByRole('button', { name: 'Edit alice on bad.example' })).toBeDefined();

    fireEvent.click(within(sidebar).getByRole('button', { name: 'Accounts' }));
    const dialog = screen.getByRole('dialog', { name: 'Accounts' });
    const items = within(within(dialog).getByRole('list', { name: 'Accounts' })).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Online');
    expect(items[1]?.textContent).toContain('Failed');
    expect(items[1]?.textContent).toContain('The server\'s certificate is self-signed.');
    expect(items[1]?.textContent).toContain('AB:CD:EF');
    const failed = within(items[1] ?? document.body);
    expect(failed.getByRole('button', { name: 'Reconnect now' })).toBeDefined();
    fireEvent.click(failed.getByRole('button', { name: 'Remove account' }));
    expect(failed.getByRole('button', { name: 'Yes, remove account' })).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Welcome to Switchboard' })).toBeDefined();
    fireEvent.click(within(screen.getByRole('main')).getByRole('button', { name: 'Join room' }));
    expect(screen.getByRole('dialog', { name: 'Join room' })).toBeDefined();
    expect(screen.getByLabelText('Room').getAttribute('placeholder')).toBe('#channel');
    expect(screen.getByLabelText('Room password')).toBeDefined();
  });

  it('opens a room: tab, messages as text, failed status, virtualized members', async () => {
    const { stores, request } = renderApp();
    act(() => {
      applyEventBatch(stores, [{ type: 'conversation.changed', payload: { conversation: conversation({ id: 1, accountId: 'a1', title: '#test', topic: 'Testing', unread: 2 }) } }]);
    });
    const contacts = screen.getByRole('list', { name: 'Contacts' });
    fireEvent.click(within(contacts).getByRole('button', { name: '#test' }));
    await flush();
    const tab = within(screen.getByRole('tablist', { name: 'Conversations' })).getByRole('tab', { name: '#test' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    const log = screen.getByRole('log', { name: 'Messages in #test' });
    expect(log.textContent).toContain('<b>not bold</b>');
    expect(log.querySelector('b')).toBeNull();
    expect(log.textContent).toContain('* carol waves');
    expect(log.textContent).toContain('failed: offline');
    expect(request).toHaveBeenCalledWith('messages.list', { conversationId: 1, limit: 100 });
    expect(request).toHaveBeenCalledWith('conversations.markRead', { conversationId: 1 });

    const members = screen.getByRole('list', { name: 'Members' });
    const rows = within(members).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]?.textContent).toBe('@user5');
    fireEvent.change(screen.getByLabelText('Filter members'), { target: { value: 'user19999' } });
    expect(within(members).getAllByRole('listitem').map((row) => row.textContent)).toEqual(['user19999']);

    // Delete on the tab closes it (the close button is the mouse's, outside the accessibility tree).
    expect(screen.queryByRole('button', { name: 'Close #test' })).toBeNull();
    fireEvent.keyDown(screen.getByRole('tab', { name: '#test' }), { key: 'Delete' });
    await flush();
    expect(request).not.toHaveBeenCalledWith('conversations.leave', expect.anything());
    expect(screen.queryByRole('tab')).toBeNull();
    // The room is still joined and listed; choosing it gives it its tab back.
    fireEvent.click(within(contacts).getByRole('button', { name: '#test' }));
    await flush();
    expect(within(screen.getByRole('tablist', { name: 'Conversations' })).getByRole('tab', { name: '#test' }).getAttribute('aria-selected')).toBe('true');
  });

  it('"Leave room" asks first; Cancel keeps the room, Leave leaves it', async () => {
    const { stores, request } = renderApp();
    act(() => {
      applyEventBatch(stores, [{ type: 'conversation.changed', payload: { conversation: conversation({ id: 1, accountId: 'a1', title: '#test' }) } }]);
    });
    fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#test' }));
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Leave room' }));
    const dialog = screen.getByRole('dialog', { name: 'Leave room' });
    expect(dialog.textContent).toContain('Leave #test? Others in the room will see that you left.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(request).not.toHaveBeenCalledWith('conversations.leave', expect.anything());

    fireEvent.click(screen.getByRole('button', { name: 'Leave room' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Leave room' })).getByRole('button', { name: 'Leave' }));
    await flush();
    expect(request).toHaveBeenCalledWith('conversations.leave', { conversationId: 1 });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Contacts' })).queryByRole('button', { name: '#test' })).toBeNull();
  });

  it('a chat stays listed when its tab closes, and leaves the list with "Remove from list", without asking', async () => {
    const { stores, request } = renderApp();
    act(() => {
      applyEventBatch(stores, [{ type: 'conversation.changed', payload: { conversation: conversation({ id: 2, accountId: 'a1', kind: 'direct', networkId: 'bob', title: 'bob' }) } }]);
    });
    const contacts = screen.getByRole('list', { name: 'Contacts' });
    fireEvent.click(within(contacts).getByRole('button', { name: 'bob' }));
    await flush();
    expect(screen.queryByRole('button', { name: 'Leave room' })).toBeNull();
    fireEvent.click(screen.getByTitle('Close bob'));
    await flush();
    expect(screen.queryByRole('tab')).toBeNull();
    fireEvent.click(within(contacts).getByRole('button', { name: 'bob' }));
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Remove from list' }));
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(request).toHaveBeenCalledWith('conversations.leave', { conversationId: 2 });
    expect(within(screen.getByRole('list', { name: 'Contacts' })).queryByRole('button', { name: 'bob' })).toBeNull();
  });

  it('shows the disconnection banner', () => {
    const { stores } = renderApp();
    act(() => { stores.connection.setState({ status: 'disconnected', client: null }); });
    expect(screen.getByRole('alert').textContent).toBe('Disconnected from Switchboard core');
  });
});
