// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { resetContacts } from '../state/contacts.js';
import type { Stores } from '../state/stores.js';
import { account, contact, conversation, ircPlugin, richPlugin } from '../state/testData.js';
import { App } from './App.js';
import { ContactsPanel } from './ContactsPanel.js';
import { describedBy, flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

function prepare(stores: Stores): void {
  stores.plugins.setState({ list: [richPlugin, ircPlugin] });
  stores.accounts.setState({ list: [account({ id: 'x', pluginId: 'rich', label: 'me@xmpp.example' }), account({ id: 'i', pluginId: 'irc', label: 'me on irc' })] });
  stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, accountId: 'i', title: '#test' })]]), tabs: [1], activeId: null });
  stores.contacts.setState(resetContacts([
    contact({ accountId: 'x', id: 'ann@x', displayName: 'Ann', presence: { status: 'away', message: 'at lunch' } }),
    contact({ accountId: 'x', id: 'bob@x', displayName: 'Bob', presence: { status: 'available' } }),
    contact({ accountId: 'x', id: 'zed@x', displayName: 'Zed', presence: { status: 'offline' } }),
    contact({ accountId: 'x', id: 'wes@x', displayName: 'Wes', groups: ['Work'], presence: { status: 'busy' } }),
    contact({ accountId: 'i', id: 'nick', displayName: 'nick', presence: { status: 'available' } }),
  ]));
}

const answers: Readonly<Partial<Record<RequestName, (params: unknown) => unknown>>> = {
  'conversations.openDirect': () => conversation({ id: 9, accountId: 'x', kind: 'direct', networkId: 'bob@x', title: 'Bob' }),
  'messages.list': () => [],
  'contacts.update': () => null,
  'contacts.setBlocked': () => null,
  'contacts.remove': () => null,
  'contacts.add': () => null,
  'preferences.set': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }),
};

function renderPanel(ui = <ContactsPanel />, unsupported: readonly RequestName[] = []) {
  return renderWithApp(ui, (method, params) => {
    const answer = unsupported.includes(method) ? undefined : answers[method];
    return answer ? Promise.resolve(answer(params)) : Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method}: not supported yet` }));
  }, prepare);
}

const buddyNames = (list: HTMLElement) => within(list).getAllByRole('listitem').map((item) => item.querySelector('.contact-title')?.textContent);

describe('the buddy list', () => {
  it('shows a contact\'s avatar as a decorative round image before the name, only for a safe image data URL', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    renderWithApp(<ContactsPanel />, () => Promise.resolve(null), (stores) => {
      prepare(stores);
      stores.contacts.setState(resetContacts([
        contact({ accountId: 'x', id: 'ann@x', displayName: 'Ann', avatarDataUrl: png, presence: { status: 'available' } }),
        contact({ accountId: 'x', id: 'bob@x', displayName: 'Bob', presence: { status: 'available' } }),
        contact({ accountId: 'x', id: 'eve@x', displayName: 'Eve', avatarDataUrl: 'data:image/svg+xml;base64,PHN2Zz4=', presence: { status: 'available' } }),
      ]));
    });
    const buddies = screen.getByRole('list', { name: 'Buddies' });
    const ann = within(buddies).getByRole('button', { name: 'Ann' });
    const image = ann.querySelector('img');
    expect(image?.getAttribute('src')).toBe(png);
    expect(image?.getAttribute('alt')).toBe('');
    expect(image?.closest('.avatar')?.getAttribute('aria-hidden')).toBe('true');
    expect(within(ann).queryByRole('img')).toBeNull();
    expect(image?.compareDocumentPosition(within(ann).getByText('Ann')) ?? 0).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    const bob = within(buddies).getByRole('button', { name: 'Bob' });
    expect(bob.querySelector('img')).toBeNull();
    expect(bob.querySelector('.avatar-initials')?.getAttribute('data-initials')).toBe('B');
    expect(bob.querySelector('.presence-dot')).not.toBeNull();
    const eve = within(buddies).getByRole('button', { name: 'Eve' });
    expect(eve.querySelector('img')).toBeNull();
    expect(eve.querySelector('.avatar-initials')?.getAttribute('data-initials')).toBe('E');
    expect(eve.querySelector('.presence-dot')).not.toBeNull();
  });

  it('shows each account\'s conversations, and the contacts of every account in groups merged by name, presence in words, offline last', () => {
    renderPanel();
    const contacts = screen.getByRole('list', { name: 'Contacts' });
    expect(within(contacts).getByRole('button', { name: '#test' })).toBeDefined();
    const buddies = screen.getByRole('list', { name: 'Buddies' });
    expect(buddyNames(buddies)).toEqual(['Bob', 'nick', 'Ann', 'Zed']);
    expect(buddies.textContent).toContain('Away — at lunch');
    expect(buddies.textContent).toContain('Offline');
    expect(buddyNames(screen.getByRole('list', { name: 'Work' }))).toEqual(['Wes']);
    const ann = within(buddies).getByRole('button', { name: 'Ann' });
    expect(describedBy(ann)).toEqual(['Away — at lunch', 'Rich, me@xmpp.example']);
    expect(screen.getByRole('button', { name: /^Buddies/, expanded: true }).textContent).toContain('3/4');
  });

  it('filters contacts and conversations, and hides offline contacts on request', async () => {
    const { request } = renderPanel();
    fireEvent.click(screen.getByLabelText('Show offline contacts'));
    await flush();
    expect(request).toHaveBeenCalledWith('preferences.set', { showOffline: false });
    expect(buddyNames(screen.getByRole('list', { name: 'Buddies' }))).toEqual(['Bob', 'nick', 'Ann']);
    fireEvent.change(screen.getByLabelText('Filter contacts'), { target: { value: 'lunch' } });
    const contacts = screen.getByRole('list', { name: 'Contacts' });
    expect(within(contacts).queryByRole('button', { name: '#test' })).toBeNull();
    expect(within(contacts).getAllByRole('button', { name: 'Ann' })).toHaveLength(1);
    expect(within(contacts).queryByRole('button', { name: 'Bob' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Filter contacts'), { target: { value: 'nothing like it' } });
    expect(screen.getByText('Nothing matches “nothing like it”.')).toBeDefined();
  });

  it('opens a direct conversation when a contact is clicked', async () => {
    const { request, stores } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Bob' }));
    await flush();
    expect(request).toHaveBeenCalledWith('conversations.openDirect', { accountId: 'x', contactId: 'bob@x' });
    expect(stores.conversations.getState().activeId).toBe(9);
  });

  it('renames, blocks and removes where the plugin manages contacts, and only there; merges anywhere', async () => {
    const { request, stores } = renderPanel();
    // An account without a buddy list to change (IRC here, Matrix alike) still offers "Merge with…", and only that.
    const nick = within(screen.getByRole('group', { name: 'Manage nick' }));
    expect(nick.getAllByRole('button').map((button) => button.textContent)).toEqual(['Merge with…', 'View log', 'Move to group…']);
    fireEvent.click(nick.getByRole('button', { name: 'Merge with…' }));
    expect(stores.ui.getState().dialog).toMatchObject({ kind: 'merge-contact', contact: { accountId: 'i', id: 'nick' } });
    act(() => { stores.ui.setState({ dialog: null }); });
    const manage = within(screen.getByRole('group', { name: 'Manage Bob' }));
    fireEvent.click(manage.getByRole('button', { name: 'Rename' }));
    fireEvent.change(screen.getByLabelText('New name for Bob'), { target: { value: 'Robert' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await flush();
    expect(request).toHaveBeenCalledWith('contacts.update', { accountId: 'x', contactId: 'bob@x', displayName: 'Robert' });
    expect(screen.getByRole('button', { name: 'Robert' })).toBeDefined();

    fireEvent.click(within(screen.getByRole('group', { name: 'Manage Robert' })).getByRole('button', { name: 'Block' }));
    await flush();
    expect(request).toHaveBeenCalledWith('contacts.setBlocked', { accountId: 'x', contactId: 'bob@x', blocked: true });
    expect(within(screen.getByRole('group', { name: 'Manage Robert' })).getByRole('button', { name: 'Unblock' })).toBeDefined();

    fireEvent.click(within(screen.getByRole('group', { name: 'Manage Robert' })).getByRole('button', { name: 'Remove contact' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove contact' }));
    await flush();
    expect(request).toHaveBeenCalledWith('contacts.remove', { accountId: 'x', contactId: 'bob@x' });
    expect(screen.queryByRole('button', { name: 'Robert' })).toBeNull();
  });

  it('shows the core\'s error when it cannot do it yet', async () => {
    renderPanel(<ContactsPanel />, ['contacts.setBlocked']);
    fireEvent.click(within(screen.getByRole('group', { name: 'Manage Ann' })).getByRole('button', { name: 'Block' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('contacts.setBlocked: not supported yet');
  });

  it('adds a contact from the "Add contact" dialog, on an account that manages contacts', async () => {
    const { request } = renderPanel(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add contact' }));
    expect(dialog.getAllByRole('option').map((option) => option.textContent)).toEqual(['me@xmpp.example']);
    fireEvent.click(dialog.getByRole('button', { name: 'Add contact' }));
    expect(dialog.getByRole('alert').textContent).toBe('Enter the contact\'s address.');
    fireEvent.change(dialog.getByLabelText('Contact ID'), { target: { value: 'carol@x' } });
    fireEvent.change(dialog.getByLabelText('Name'), { target: { value: 'Carol' } });
    fireEvent.change(dialog.getByLabelText('Group'), { target: { value: 'Work' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add contact' }));
    await flush();
    expect(request).toHaveBeenCalledWith('contacts.add', { accountId: 'x', contactId: 'carol@x', displayName: 'Carol', groups: ['Work'] });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('has no "Add contact" without an account that manages contacts, and says when contacts could not be loaded', () => {
    const { stores } = renderWithApp(<ContactsPanel />, () => Promise.resolve(null), (s) => {
      s.plugins.setState({ list: [ircPlugin] });
      s.accounts.setState({ list: [account({ pluginId: 'irc' })] });
      s.contacts.setState({ byKey: new Map(), loadError: 'no handler for contacts.list' });
    });
    expect(screen.queryByRole('button', { name: 'Add contact' })).toBeNull();
    expect(screen.getByText('Contacts are not available: no handler for contacts.list')).toBeDefined();
    act(() => { stores.contacts.setState({ byKey: new Map() }, true); });
    expect(screen.queryByText(/Contacts are not available/)).toBeNull();
  });
});
