// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import type { BuddyGroupView } from '../../electron/bridge/schemas.js';
import { resetContacts } from '../state/contacts.js';
import type { Stores } from '../state/stores.js';
import { account, contact, conversation, ircPlugin, richPlugin } from '../state/testData.js';
import { ContactsPanel } from './ContactsPanel.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

const GROUPS: BuddyGroupView[] = [{ name: 'Buddies', collapsed: false }, { name: 'Work', collapsed: false }];

function prepare(stores: Stores): void {
  stores.plugins.setState({ list: [richPlugin, ircPlugin] });
  stores.accounts.setState({ list: [account({ id: 'x', pluginId: 'rich', label: 'me@xmpp.example' }), account({ id: 'i', pluginId: 'irc', label: 'me on irc' })] });
  stores.conversations.setState({
    byId: new Map([[5, conversation({ id: 5, accountId: 'i', kind: 'direct', networkId: 'zed', title: 'zed', lastActivity: 900 })]]), tabs: [], activeId: null,
  });
  stores.contacts.setState(resetContacts([
    contact({ accountId: 'x', id: 'ann@x', displayName: 'Ann', presence: { status: 'away', message: 'at lunch' } }),
    contact({ accountId: 'x', id: 'bob@x', displayName: 'Bob', presence: { status: 'available' } }),
    contact({ accountId: 'i', id: 'zed', displayName: 'zed', presence: { status: 'offline' } }),
    contact({ accountId: 'i', id: 'ann', displayName: 'ann', presence: { status: 'available' } }),
  ]));
  stores.groups.setState({
    list: GROUPS,
    suggestions: [{ a: { accountId: 'x', contactId: 'ann@x' }, b: { accountId: 'i', contactId: 'ann' }, reason: 'nick' }],
  });
}

function renderGroups() {
  return renderWithApp(<ContactsPanel />, (method: RequestName, params: unknown) => {
    switch (method) {
      case 'groups.create': return Promise.resolve([...GROUPS, { name: (params as { name: string }).name, collapsed: false }]);
      case 'groups.setCollapsed': return Promise.resolve(GROUPS.map((group) => (group.name === 'Work' ? { ...group, collapsed: true } : group)));
      case 'groups.reorder': return Promise.resolve((params as { names: string[] }).names.map((name) => ({ name, collapsed: false })));
      case 'groups.moveContact': case 'people.dismissSuggestion': case 'contacts.merge': return Promise.resolve(null);
      case 'preferences.set': return Promise.resolve({ ...DEFAULT_PREFERENCES, ...(params as object) });
      default: return Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method}: not here` }));
    }
  }, prepare);
}

const names = (list: HTMLElement) => within(list).getAllByRole('listitem').map((item) => item.querySelector('.contact-title')?.textContent);

describe('buddy groups in the list', () => {
  it('shows every group, an empty one too, and sorts by status, name or recent activity as chosen', async () => {
    const { request } = renderGroups();
    expect(names(screen.getByRole('list', { name: 'Buddies' }))).toEqual(['ann', 'Bob', 'Ann', 'zed']);
    expect(screen.getByRole('button', { name: /^Work/, expanded: true })).toBeDefined();
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'name' } });
    await flush();
    expect(names(screen.getByRole('list', { name: 'Buddies' }))).toEqual(['ann', 'Ann', 'Bob', 'zed']);
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'recent' } });
    await flush();
    expect(request).toHaveBeenCalledWith('preferences.set', { buddySort: 'recent' });
    expect(names(screen.getByRole('list', { name: 'Buddies' }))[0]).toBe('zed');
  });

  it('says the density on the panel, for the stylesheet', async () => {
    renderGroups();
    fireEvent.click(screen.getByLabelText('Compact list'));
    await flush();
    expect(document.querySelector('.contacts-panel')?.classList.contains('density-compact')).toBe(true);
  });

  it('moves a buddy with Move to group…: the menu takes the focus, Escape gives it back to the button, an item moves the buddy', async () => {
    const { request } = renderGroups();
    const move = screen.getByRole('button', { name: 'Move Bob to group' });
    fireEvent.click(move);
    const menu = screen.getByRole('menu', { name: 'Move Bob to group' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Work']);
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Work' }));
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(move);
    fireEvent.click(move);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Work' }));
    await flush();
    expect(request).toHaveBeenCalledWith('groups.moveContact', { accountId: 'x', contactId: 'bob@x', from: 'Buddies', to: 'Work' });
  });

  it('creates a group, collapses one and moves one up from its menu', async () => {
    const { request } = renderGroups();
    fireEvent.click(screen.getByRole('button', { name: 'New group' }));
    fireEvent.change(screen.getByLabelText('Group name'), { target: { value: 'Family' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create group' }));
    await flush();
    expect(request).toHaveBeenCalledWith('groups.create', { name: 'Family' });
    expect(screen.getByRole('button', { name: /^Family/ })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: /^Work/ }));
    await flush();
    expect(request).toHaveBeenCalledWith('groups.setCollapsed', { name: 'Work', collapsed: true });
    expect(screen.getByRole('button', { name: /^Work/ }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group Work' }));
    expect(screen.getByRole('menuitem', { name: 'Move down' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Move up' }));
    await flush();
    expect(request).toHaveBeenCalledWith('groups.reorder', { names: ['Work', 'Buddies'] });
  });

  it('offers a suggested merge: Merge merges the two, Not the same never asks again', async () => {
    const offerOf = () => screen.getByRole('group', { name: 'Merge Ann (me@xmpp.example) and ann (me on irc)?' });
    const first = renderGroups();
    fireEvent.click(within(offerOf()).getByRole('button', { name: 'Merge' }));
    await flush();
    expect(first.request).toHaveBeenCalledWith('contacts.merge', { accountId: 'x', contactId: 'ann@x', withAccountId: 'i', withContactId: 'ann' });
    first.unmount();
    const { request, stores } = renderGroups();
    fireEvent.click(within(offerOf()).getByRole('button', { name: 'Not the same' }));
    await flush();
    expect(request).toHaveBeenCalledWith('people.dismissSuggestion', { a: { accountId: 'x', contactId: 'ann@x' }, b: { accountId: 'i', contactId: 'ann' } });
    expect(stores.groups.getState().suggestions).toEqual([]);
    expect(screen.queryByRole('list', { name: 'Suggested merges' })).toBeNull();
  });
});
