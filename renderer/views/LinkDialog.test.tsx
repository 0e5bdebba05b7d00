// @vitest-environment jsdom
/**
 * The link dialog over the real link reader (electron/core/links): the question in words,
 * confirm by button or Enter, cancel with Escape, "Add account" prefilled when no account
 * fits, and a refused link's reason.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveLink } from '../../electron/core/links/resolveLink.js';
import { createActions } from '../state/actions.js';
import type { Stores } from '../state/stores.js';
import { account, conversation, ircPlugin } from '../state/testData.js';
import { App } from './App.js';
import { answering } from './testApp.js';
import { flush, renderWithApp, type Harness } from './testHarness.js';

afterEach(cleanup);

/** The open dialog (the window behind it is inert, which jsdom's queries do not know). */
function dialog(name?: string) {
  return within(name === undefined ? screen.getByRole('dialog') : screen.getByRole('dialog', { name }));
}

const alice = account({ id: 'i1', pluginId: 'irc', label: 'alice', settings: { server: 'irc.example.org', nick: 'alice' } });

function renderLinks(accounts = [alice]): Harness {
  let stores: Stores | undefined;
  const harness = renderWithApp(<App />, answering({
    'links.resolve': (params) => resolveLink((params as { uri: string }).uri, stores?.accounts.getState().list ?? []),
    'conversations.joinRoom': (params) => conversation({ id: 7, accountId: (params as { accountId: string }).accountId, title: '#chan' }),
    'conversations.markRead': () => null,
    'messages.list': () => [],
    'members.list': () => [],
  }), (prepared) => {
    stores = prepared;
    prepared.plugins.setState({ list: [ircPlugin] });
    prepared.accounts.setState({ list: accounts });
  });
  return harness;
}

async function openLink(harness: Harness, uri: string): Promise<void> {
  // The same action the page's ?open= and the core's link.opened use.
  await act(() => createActions(harness.stores).askAboutLink(uri));
  await flush();
}

/** What the dialog asked the core (the window's own reads at start, like status.get, left out). */
function requested(harness: { request: { mock: { calls: unknown[][] } } }): unknown[] {
  return harness.request.mock.calls.map(([method]) => method).filter((method) => method !== 'status.get');
}

describe('link dialog', () => {
  it('asks in words and joins the room only once confirmed', async () => {
    const harness = renderLinks();
    await openLink(harness, 'irc://irc.example.org/%23chan');
    expect(screen.getByRole('dialog', { name: 'Switchboard link' }).textContent).toContain('Join #chan on irc.example.org with account alice?');
    expect(requested(harness)).toEqual(['links.resolve']);
    fireEvent.click(dialog().getByRole('button', { name: 'Join room' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('conversations.joinRoom', { accountId: 'i1', room: '#chan' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(harness.stores.conversations.getState().activeId).toBe(7);
  });

  it('is cancelled from the keyboard with Escape, doing nothing', async () => {
    const harness = renderLinks();
    await openLink(harness, 'irc://irc.example.org/chan');
    // Focus starts inside the dialog, on its first control.
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requested(harness)).toEqual(['links.resolve']);
  });

  it('lets the user choose among the accounts that fit', async () => {
    const bob = account({ id: 'i2', pluginId: 'irc', label: 'bob', settings: { server: 'irc.example.org', nick: 'bob' } });
    const harness = renderLinks([alice, bob, account({ id: 'i3', pluginId: 'irc', label: 'elsewhere', settings: { server: 'irc.other.net' } })]);
    await openLink(harness, 'irc://irc.example.org/chan');
    const select = dialog().getByRole('combobox', { name: 'Account' });
    expect([...select.querySelectorAll('option')].map((option) => option.textContent)).toEqual(['alice', 'bob']);
    fireEvent.change(select, { target: { value: 'i2' } });
    expect(screen.getByRole('dialog').textContent).toContain('Join #chan on irc.example.org with account bob?');
    fireEvent.submit(select.closest('form') ?? select);
    await flush();
    expect(harness.request).toHaveBeenCalledWith('conversations.joinRoom', { accountId: 'i2', room: '#chan' });
  });

  it('offers "Add account", prefilled with the server, port and TLS, when no account fits', async () => {
    const harness = renderLinks([]);
    await openLink(harness, 'irc://irc.new.example/chan');
    expect(screen.getByRole('dialog').textContent).toContain('You have no IRC account on irc.new.example. Add one to join #chan on irc.new.example.');
    fireEvent.click(dialog().getByRole('button', { name: 'Add account' }));
    await flush();
    expect(screen.getByRole('dialog', { name: 'Add account' })).toBeTruthy();
    expect(dialog().getByLabelText(/^Server/)).toHaveProperty('value', 'irc.new.example');
    expect(dialog().getByLabelText(/^Port/)).toHaveProperty('value', '6667');
    expect(dialog().getByLabelText(/^Use TLS/)).toHaveProperty('checked', false);
    expect(requested(harness)).toEqual(['links.resolve']);
  });

  it('shows why a malformed link is refused, and offers only Close', async () => {
    const harness = renderLinks();
    await openLink(harness, 'matrix:u/alice');
    expect(dialog().getByRole('alert').textContent).toBe('This Matrix link is not valid: its user ID @alice does not end in a valid server name (“:example.org”).');
    expect(dialog().getAllByRole('button').map((button) => button.textContent)).toEqual(['Close']);
    fireEvent.click(dialog().getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requested(harness)).toEqual(['links.resolve']);
  });
});
