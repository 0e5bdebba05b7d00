// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import type { StatusView } from '../../electron/bridge/userStatus.js';
import type { Stores } from '../state/stores.js';
import { account, ircPlugin, richPlugin } from '../state/testData.js';
import { AccountAlerts } from './AccountAlerts.js';
import { AccountsDialog } from './AccountsDialog.js';
import { JoinRoomDialog } from './JoinRoomDialog.js';
import { DIRECTORY_DEBOUNCE_MS } from './RoomDirectorySearch.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

type Answers = Partial<Record<RequestName, (params: unknown) => unknown>>;

function answering(answers: Answers) {
  return (method: RequestName, params: unknown): Promise<unknown> => {
    const answer = answers[method];
    return answer ? Promise.resolve(answer(params)) : Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method}: not supported yet` }));
  };
}

function withAccounts(stores: Stores): void {
  stores.plugins.setState({ list: [richPlugin, ircPlugin] });
  stores.accounts.setState({ list: [account({ id: 'x', pluginId: 'rich', label: 'me@xmpp.example' }), account({ id: 'i', pluginId: 'irc', label: 'me on irc' })] });
}

const statusView = (overrides: StatusView['overrides'] = {}): StatusView => ({ global: { status: 'available' }, autoAway: false, saved: [], overrides, notes: {} });

describe('an account\'s own status', () => {
  it('is offered per account whose plugin has presence, follows the Status control, and can be set with a message', async () => {
    const { request } = renderWithApp(<AccountsDialog onClose={() => undefined} />, answering({ 'status.setAccount': () => statusView({ x: { status: 'busy' } }) }), (stores) => {
      withAccounts(stores);
      stores.status.setState({ view: statusView() });
    });
    expect(screen.queryByLabelText('Status of me on irc')).toBeNull();
    const select = screen.getByLabelText('Status of me@xmpp.example');
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual(['Same as Status', 'Available', 'Away', 'Busy', 'Invisible', 'Offline']);
    expect(select).toHaveProperty('value', 'global');
    fireEvent.change(select, { target: { value: 'busy' } });
    await flush();
    expect(request).toHaveBeenCalledWith('status.setAccount', { accountId: 'x', status: { status: 'busy' } });
    expect(select).toHaveProperty('value', 'busy');
    fireEvent.change(screen.getByLabelText('Status message of me@xmpp.example'), { target: { value: 'in a meeting' } });
    fireEvent.keyDown(screen.getByLabelText('Status message of me@xmpp.example'), { key: 'Enter' });
    await flush();
    expect(request).toHaveBeenLastCalledWith('status.setAccount', { accountId: 'x', status: { status: 'busy', message: 'in a meeting' } });
  });

  it('stays as it was and shows the core\'s error when the core refuses', async () => {
    renderWithApp(<AccountsDialog onClose={() => undefined} />, answering({}), (stores) => {
      withAccounts(stores);
      stores.status.setState({ view: statusView() });
    });
    const select = screen.getByLabelText('Status of me@xmpp.example');
    fireEvent.change(select, { target: { value: 'away' } });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Status not changed: status.setAccount: not supported yet');
    expect(select).toHaveProperty('value', 'global');
  });
});

describe('reconnect countdown', () => {
  it('counts down each second and offers "Reconnect now", in the buddy list\'s line for the account and in the Accounts dialog', async () => {
    vi.useFakeTimers({ now: 100_000 });
    const { request } = renderWithApp(<><AccountAlerts /><AccountsDialog onClose={() => undefined} /></>, answering({ 'accounts.connect': () => null }), (stores) => {
      stores.plugins.setState({ list: [ircPlugin] });
      stores.accounts.setState({ list: [account({ id: 'i', state: 'reconnecting', retryAt: 105_000, error: { kind: 'network', message: 'Connection refused by 127.0.0.1:1' } })] });
    });
    act(() => { vi.advanceTimersByTime(0); });
    const line = within(screen.getByRole('list', { name: 'Accounts with problems' })).getByRole('listitem');
    expect(line.textContent).toContain('Reconnecting in 5 s…');
    expect(line.textContent).toContain('Connection refused by 127.0.0.1:1');
    const item = within(screen.getByRole('list', { name: 'Accounts' })).getByRole('listitem');
    expect(item.textContent).toContain('Reconnecting in 5 s…');
    act(() => { vi.advanceTimersByTime(2000); });
    expect(item.textContent).toContain('Reconnecting in 3 s…');
    act(() => { vi.advanceTimersByTime(4000); });
    expect(item.textContent).toContain('Reconnecting…');
    fireEvent.click(within(item).getByRole('button', { name: 'Reconnect now' }));
    await act(() => Promise.resolve());
    expect(request).toHaveBeenCalledWith('accounts.connect', { accountId: 'i' });
  });
});

describe('room directory', () => {
  it('searches after a pause, lists title, topic and members, and fills Room with the choice', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { request } = renderWithApp(<JoinRoomDialog onClose={() => undefined} />, answering({
      'rooms.directory': () => [{ id: 'lounge@conference.example', title: 'Lounge', topic: 'Chat about anything', memberCount: 1234 }],
    }), withAccounts);
    const search = screen.getByLabelText('Search rooms');
    fireEvent.change(search, { target: { value: 'lo' } });
    fireEvent.change(search, { target: { value: 'loun' } });
    expect(request).not.toHaveBeenCalled();
    await act(async () => { vi.advanceTimersByTime(DIRECTORY_DEBOUNCE_MS); await Promise.resolve(); });
    await flush();
    expect(request.mock.calls).toEqual([['rooms.directory', { accountId: 'x', query: 'loun', limit: 50 }]]);
    const results = screen.getByRole('list', { name: 'Rooms found' });
    expect(results.textContent).toContain('Lounge · 1,234 members');
    expect(results.textContent).toContain('Chat about anything');
    fireEvent.click(within(results).getByRole('button', { name: /Lounge/ }));
    expect(screen.getByLabelText('Room')).toHaveProperty('value', 'lounge@conference.example');
  });

  it('is absent without the capability, and shows the core\'s error', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderWithApp(<JoinRoomDialog onClose={() => undefined} />, answering({}), withAccounts);
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'i' } });
    expect(screen.queryByLabelText('Search rooms')).toBeNull();
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('Search rooms'), { target: { value: 'x' } });
    await act(async () => { vi.advanceTimersByTime(DIRECTORY_DEBOUNCE_MS); await Promise.resolve(); });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Could not search: rooms.directory: not supported yet');
  });
});
