// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEventBatch } from '../state/applyEvents.js';
import { account, ircPlugin, richPlugin } from '../state/testData.js';
import { answering, renderRoomApp } from './testApp.js';
import { describedBy, flush } from './testHarness.js';

afterEach(cleanup);

const xmpp = { ...richPlugin, id: 'xmpp', name: 'XMPP', accountLabelField: 'jid' };
const irc = { ...ircPlugin, name: 'IRC', accountLabelField: 'nick' };
const accounts = [
  account({ id: 'x', pluginId: 'xmpp', label: 'alice@example.org (XMPP)', settings: { jid: 'alice@example.org' } }),
  account({ id: 'i', pluginId: 'irc', label: 'alice (IRC)', settings: { nick: 'alice' }, enabled: false, state: 'offline' }),
  account({ id: 'm', pluginId: 'irc', label: 'bob (IRC)', settings: { nick: 'bob' }, state: 'failed', error: { kind: 'auth', message: 'The server refused the login: wrong password' } }),
];

function openAccounts(): HTMLElement {
  fireEvent.click(within(screen.getByRole('toolbar', { name: 'Buddy list tools' })).getByRole('button', { name: 'Accounts' }));
  return screen.getByRole('dialog', { name: 'Accounts' });
}

const rowLabels = (dialog: HTMLElement) => within(within(dialog).getByRole('list', { name: 'Accounts' })).getAllByRole('listitem').map((item) => item.querySelector('.account-label')?.textContent);
const row = (dialog: HTMLElement, label: string) => {
  const found = within(within(dialog).getByRole('list', { name: 'Accounts' })).getAllByRole('listitem').find((item) => item.querySelector('.account-label')?.textContent === label);
  if (!found) throw new Error(`no row for ${label}`);
  return found;
};

function renderAccounts(extra: Parameters<typeof answering>[0] = {}) {
  return renderRoomApp({ 'accounts.reorder': () => null, 'accounts.connect': () => null, 'accounts.disconnect': () => null, ...extra }, undefined, (stores) => {
    stores.plugins.setState({ list: [xmpp, irc] });
    stores.accounts.setState({ list: accounts });
  });
}

describe('the Accounts dialog', () => {
  it('lists every account with its network badge, state in words and last error; focus starts inside and Escape closes', () => {
    renderAccounts();
    const opener = screen.getByRole('button', { name: 'Accounts' });
    opener.focus();
    const dialog = openAccounts();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(rowLabels(dialog)).toEqual(['alice@example.org (XMPP)', 'alice (IRC)', 'bob (IRC)']);
    const xmppRow = row(dialog, 'alice@example.org (XMPP)');
    expect(xmppRow.textContent).toContain('Online');
    expect(describedBy(xmppRow)).toEqual(['XMPP, alice@example.org']);
    expect(row(dialog, 'alice (IRC)').textContent).toContain('Disabled');
    expect(within(row(dialog, 'alice (IRC)')).getByRole('checkbox', { name: 'Enabled' })).toHaveProperty('checked', false);
    expect(row(dialog, 'bob (IRC)').textContent).toContain('The server refused the login: wrong password');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('reorders by the arrow buttons and by Alt+↑/↓, keeping the focus on the moved account, and the core is told', async () => {
    const { request } = renderAccounts();
    const dialog = openAccounts();
    const down = within(row(dialog, 'alice@example.org (XMPP)')).getByRole('button', { name: 'Move alice@example.org (XMPP) down' });
    down.focus();
    fireEvent.click(down);
    await flush();
    expect(rowLabels(dialog)).toEqual(['alice (IRC)', 'alice@example.org (XMPP)', 'bob (IRC)']);
    expect(request).toHaveBeenLastCalledWith('accounts.reorder', { accountIds: ['i', 'x', 'm'] });
    expect(document.activeElement).toBe(down);
    fireEvent.keyDown(down, { key: 'ArrowDown', altKey: true });
    await flush();
    expect(rowLabels(dialog)).toEqual(['alice (IRC)', 'bob (IRC)', 'alice@example.org (XMPP)']);
    expect(document.activeElement).toBe(down);
    // At the end, "down" does nothing (and keeps the focus: it is aria-disabled, not disabled).
    expect(down.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(down);
    await flush();
    expect(request.mock.calls.filter(([method]) => method === 'accounts.reorder')).toHaveLength(2);
    fireEvent.keyDown(within(row(dialog, 'bob (IRC)')).getByRole('button', { name: 'Edit account' }), { key: 'ArrowUp', altKey: true });
    await flush();
    expect(rowLabels(dialog)).toEqual(['bob (IRC)', 'alice (IRC)', 'alice@example.org (XMPP)']);
  });

  it('enables and disables an account by its checkbox, and removes one only after confirming', async () => {
    const { request, stores } = renderAccounts({ 'accounts.remove': () => null });
    const dialog = openAccounts();
    fireEvent.click(within(row(dialog, 'alice (IRC)')).getByRole('checkbox', { name: 'Enabled' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.connect', { accountId: 'i' });
    fireEvent.click(within(row(dialog, 'alice@example.org (XMPP)')).getByRole('checkbox', { name: 'Enabled' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.disconnect', { accountId: 'x' });
    fireEvent.click(within(row(dialog, 'bob (IRC)')).getByRole('button', { name: 'Remove account' }));
    expect(request).not.toHaveBeenCalledWith('accounts.remove', expect.anything());
    expect(row(dialog, 'bob (IRC)').textContent).toContain('Remove bob (IRC) and its history?');
    fireEvent.click(within(row(dialog, 'bob (IRC)')).getByRole('button', { name: 'Yes, remove account' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.remove', { accountId: 'm' });
    act(() => applyEventBatch(stores, [{ type: 'account.removed', payload: { accountId: 'm' } }]));
    expect(rowLabels(dialog)).toEqual(['alice@example.org (XMPP)', 'alice (IRC)']);
  });

  it('opens Add account and Edit account on top and comes back to the list when they close', () => {
    renderAccounts();
    let dialog = openAccounts();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    const add = screen.getByRole('dialog', { name: 'Add account' });
    fireEvent.click(within(add).getByRole('button', { name: 'Cancel' }));
    dialog = screen.getByRole('dialog', { name: 'Accounts' });
    fireEvent.click(within(row(dialog, 'bob (IRC)')).getByRole('button', { name: 'Edit account' }));
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Edit account' }), { key: 'Escape' });
    expect(screen.getByRole('dialog', { name: 'Accounts' })).toBeDefined();
  });

  it('is where the sidebar\'s line for a failing account leads too: "Edit" opens that account\'s form', () => {
    renderAccounts();
    const line = within(screen.getByRole('list', { name: 'Accounts with problems' })).getByRole('listitem');
    expect(line.textContent).toContain('bob (IRC)');
    expect(line.textContent).toContain('Failed');
    expect(line.textContent).toContain('wrong password');
    expect(describedBy(line)).toEqual(['IRC, bob']);
    fireEvent.click(within(line).getByRole('button', { name: 'Edit bob (IRC)' }));
    expect(screen.getByRole('dialog', { name: 'Edit account' })).toBeDefined();
    // The toolbar's Accounts button says how many accounts have problems, in its description.
    expect(describedBy(screen.getByRole('button', { name: 'Accounts' }))).toEqual(['1 with problems']);
  });
});

describe('an account\'s colour', () => {
  it('is the colour of its id until the user picks one; the pick is kept in the preferences, and Reset goes back', async () => {
    const { colourFromId } = await import('../state/identityColour.js');
    const { DEFAULT_PREFERENCES } = await import('../../electron/bridge/preferences.js');
    const { request } = renderAccounts({ 'preferences.set': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }) });
    const dialog = openAccounts();
    const picker = within(row(dialog, 'bob (IRC)')).getByLabelText('Colour of bob (IRC)');
    expect(picker).toHaveProperty('value', colourFromId('m'));
    fireEvent.change(picker, { target: { value: '#123456' } });
    await flush();
    expect(request).toHaveBeenCalledWith('preferences.set', { accountColours: { m: '#123456' } });
    expect(picker).toHaveProperty('value', '#123456');
    const badge = row(dialog, 'bob (IRC)').querySelector<HTMLElement>('.network-badge');
    expect(badge?.style.backgroundColor).toBe('rgb(18, 52, 86)');
    // On a dark colour the icon is white; on a light one, black (WCAG contrast either way).
    expect(badge?.style.color).toBe('rgb(255, 255, 255)');
    fireEvent.click(within(row(dialog, 'bob (IRC)')).getByRole('button', { name: 'Reset the colour of bob (IRC)' }));
    await flush();
    expect(request).toHaveBeenLastCalledWith('preferences.set', { accountColours: {} });
    expect(picker).toHaveProperty('value', colourFromId('m'));
  });
});
