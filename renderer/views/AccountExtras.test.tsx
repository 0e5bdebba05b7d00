// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginView } from '../../electron/bridge/schemas.js';
import { applyEventBatch } from '../state/applyEvents.js';
import { account, ircPlugin, richPlugin } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { flush } from './testHarness.js';

afterEach(cleanup);

const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
const certificate = { fingerprint256: fingerprint, subject: 'CN=irc.example', issuer: 'CN=Evil CA', reason: 'self-signed certificate', validTo: Date.UTC(2030, 0, 1) };
const pinning: PluginView = { ...ircPlugin, accountFields: [...ircPlugin.accountFields, { kind: 'text', key: 'trustedFingerprint', label: 'Trusted fingerprint', advanced: true }] };
const refused = account({
  id: 'irc-1', label: 'alice (IRC)', settings: { server: 'irc.example', nick: 'alice' }, state: 'failed',
  error: { kind: 'certificate', message: 'The server\'s certificate is not trusted.', certificate },
});

/** The Accounts dialog, opened from the buddy list's toolbar if it is not open yet. */
function accountsDialog(): HTMLElement {
  const open = screen.queryByRole('dialog', { name: 'Accounts' });
  if (open) return open;
  fireEvent.click(within(screen.getByRole('toolbar', { name: 'Buddy list tools' })).getByRole('button', { name: 'Accounts' }));
  return screen.getByRole('dialog', { name: 'Accounts' });
}

function accountItem(label: string): HTMLElement {
  const item = within(within(accountsDialog()).getByRole('list', { name: 'Accounts' })).getAllByRole('listitem').find((element) => element.textContent.includes(label));
  if (!item) throw new Error(`no account item for ${label}`);
  return item;
}

describe('trusting a certificate', () => {
  it('confirms with the certificate\'s details and a plain warning, then trusts exactly that fingerprint', async () => {
    const harness = renderRoomApp({ 'accounts.trustCertificate': () => ({ ...refused, state: 'connecting', error: undefined }) }, undefined, (stores) => {
      stores.plugins.setState({ list: [richPlugin, pinning] });
      stores.accounts.setState({ list: [refused] });
    });
    const item = accountItem('alice (IRC)');
    expect(item.textContent).toContain(fingerprint);
    fireEvent.click(within(item).getByRole('button', { name: 'Trust this certificate' }));
    const dialog = screen.getByRole('dialog', { name: 'Trust certificate' });
    for (const text of ['irc.example', 'CN=irc.example', 'CN=Evil CA', fingerprint, 'self-signed certificate', 'read everything']) {
      expect(dialog.textContent).toContain(text);
    }
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trust and connect' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('accounts.trustCertificate', { accountId: 'irc-1', fingerprint256: fingerprint });
    // Trusting goes back to the Accounts dialog, where the account now connects.
    expect(screen.queryByRole('dialog', { name: 'Trust certificate' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Accounts' })).toBeDefined();
    expect(accountItem('alice (IRC)').textContent).toContain('Connecting');
  });

  it('shows the core\'s refusal as an alert, and is not offered by plugins without a pinned fingerprint', async () => {
    renderRoomApp({}, undefined, (stores) => {
      stores.plugins.setState({ list: [richPlugin, pinning] });
      stores.accounts.setState({ list: [refused] });
    });
    fireEvent.click(within(accountItem('alice (IRC)')).getByRole('button', { name: 'Trust this certificate' }));
    fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' }));
    await flush();
    expect(within(screen.getByRole('dialog', { name: 'Trust certificate' })).getByRole('alert').textContent)
      .toBe('Not trusted: accounts.trustCertificate: not supported yet');
    cleanup();
    renderRoomApp({}, undefined, (stores) => {
      stores.plugins.setState({ list: [richPlugin, ircPlugin] });
      stores.accounts.setState({ list: [refused] });
    });
    expect(accountItem('alice (IRC)').textContent).toContain(fingerprint);
    expect(screen.queryByRole('button', { name: 'Trust this certificate' })).toBeNull();
  });
});

describe('server messages', () => {
  it('collects server notices and shows them per account in place of the conversation, as text', async () => {
    const harness = renderRoomApp({});
    act(() => applyEventBatch(harness.stores, [
      { type: 'server.notice', payload: { accountId: 'acc-1', text: '- Welcome <b>to</b> the server -', timestamp: 1000 } },
      { type: 'server.notice', payload: { accountId: 'other', text: 'not mine', timestamp: 1000 } },
    ]));
    fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
    await flush();
    fireEvent.click(within(accountItem('me@example.org')).getByRole('button', { name: 'Server messages' }));
    // The dialog closes to show them.
    expect(screen.queryByRole('dialog')).toBeNull();
    const log = screen.getByRole('log', { name: 'Server messages of me@example.org' });
    expect(log.textContent).toContain('- Welcome <b>to</b> the server -');
    expect(log.querySelector('b')).toBeNull();
    expect(log.textContent).not.toContain('not mine');
    expect(screen.queryByRole('log', { name: 'Messages in #room' })).toBeNull();
    expect(screen.getByRole('tab', { name: '#room' }).getAttribute('aria-selected')).toBe('false');
    act(() => applyEventBatch(harness.stores, [{ type: 'server.notice', payload: { accountId: 'acc-1', text: 'second line', timestamp: 2000 } }]));
    expect(log.textContent).toContain('second line');

    fireEvent.click(screen.getByRole('tab', { name: '#room' }));
    expect(screen.queryByRole('log', { name: /Server messages/ })).toBeNull();
    expect(screen.getByRole('log', { name: 'Messages in #room' })).toBeDefined();
    fireEvent.click(within(accountItem('me@example.org')).getByRole('button', { name: 'Server messages' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close server messages' }));
    expect(screen.getByRole('log', { name: 'Messages in #room' })).toBeDefined();
  });
});

describe('own status', () => {
  it('shows the status of its own the core reports for the account, with its message', () => {
    renderRoomApp({}, undefined, (stores) => {
      stores.accounts.setState({ list: [account({ pluginId: 'rich', label: 'me@example.org' })] });
      stores.status.setState({ view: { global: { status: 'available' }, autoAway: false, saved: [], overrides: { 'acc-1': { status: 'away', message: 'at lunch' } }, notes: {} } });
    });
    accountsDialog();
    expect(screen.getByLabelText('Status of me@example.org')).toHaveProperty('value', 'away');
    expect(screen.getByLabelText('Status message of me@example.org')).toHaveProperty('value', 'at lunch');
  });
});
