// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { account, ircPlugin } from '../state/testData.js';
import { AccountDialog } from './AccountDialog.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

const otherPlugin = { ...ircPlugin, id: 'xmpp', name: 'XMPP', accountFields: [{ kind: 'text' as const, key: 'jid', label: 'JID', required: true }] };

function input(label: string): HTMLInputElement {
  const element = screen.getByLabelText(label);
  if (!(element instanceof HTMLInputElement)) throw new Error(`${label} is not an input`);
  return element;
}

describe('AccountDialog', () => {
  it('generates labelled inputs from the plugin\'s fields, with defaults, help and an advanced toggle', () => {
    const onClose = vi.fn();
    renderWithApp(<AccountDialog onClose={onClose} />, () => Promise.resolve(null), (stores) => stores.plugins.setState({ list: [ircPlugin, otherPlugin] }));
    const dialog = screen.getByRole('dialog', { name: 'Add account' });
    expect(within(dialog).getByLabelText('Network')).toHaveProperty('value', 'irc');
    expect(within(dialog).getByRole('option', { name: 'XMPP' })).toBeDefined();
    const server = input('Server');
    expect(server.type).toBe('text');
    expect(server.required).toBe(true);
    expect(server.placeholder).toBe('irc.libera.chat');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Network'));
    expect(server.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(server.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Host name of the IRC server.');
    const password = input('Password');
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('off');
    expect(screen.queryByLabelText('Port')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show advanced settings' }));
    const port = input('Port');
    expect([port.type, port.value, port.min, port.max]).toEqual(['number', '6697', '1', '65535']);
    expect(input('Use TLS').checked).toBe(true);
    expect(screen.getByLabelText('SASL mechanism')).toHaveProperty('value', 'plain');
    expect(screen.getByRole('button', { name: 'Hide advanced settings' }).getAttribute('aria-expanded')).toBe('true');

    fireEvent.change(screen.getByLabelText('Network'), { target: { value: 'xmpp' } });
    expect(input('JID').required).toBe(true);
    expect(screen.queryByLabelText('Server')).toBeNull();

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('shows validation messages and sends nothing until they are fixed; then sends the settings with the secret', async () => {
    const onClose = vi.fn();
    const { request } = renderWithApp(<AccountDialog onClose={onClose} />,
      (_method, params) => Promise.resolve(account({ id: 'new', settings: {} , label: JSON.stringify(params) })),
      (stores) => stores.plugins.setState({ list: [ircPlugin] }));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(screen.getByText('Server is required.')).toBeDefined();
    expect(document.activeElement).toBe(input('Server'));
    expect(input('Server').getAttribute('aria-invalid')).toBe('true');
    expect(request).not.toHaveBeenCalled();

    fireEvent.change(input('Server'), { target: { value: 'irc.example' } });
    fireEvent.change(input('Nickname'), { target: { value: '1bad' } });
    fireEvent.change(input('Password'), { target: { value: 'hunter2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show advanced settings' }));
    fireEvent.change(input('Port'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(screen.getByText('A nickname starts with a letter.')).toBeDefined();
    expect(screen.getByText('Port must be at least 1.')).toBeDefined();
    expect(screen.queryByText('Server is required.')).toBeNull();
    expect(request).not.toHaveBeenCalled();

    fireEvent.change(input('Nickname'), { target: { value: 'alice' } });
    fireEvent.change(input('Port'), { target: { value: '6667' } });
    fireEvent.click(input('Use TLS'));
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.add', {
      pluginId: 'irc',
      settings: { server: 'irc.example', nick: 'alice', password: 'hunter2', port: 6667, tls: false, sasl: 'plain' },
    });
    expect(onClose).toHaveBeenCalled();
  });

  it('shows a request error in the dialog and keeps what was typed', async () => {
    const onClose = vi.fn();
    renderWithApp(<AccountDialog onClose={onClose} />,
      () => Promise.reject(new BridgeRequestError({ kind: 'invalid-request', message: 'An account for alice on irc.example exists already.' })),
      (stores) => stores.plugins.setState({ list: [ircPlugin] }));
    fireEvent.change(input('Server'), { target: { value: 'irc.example' } });
    fireEvent.change(input('Nickname'), { target: { value: 'alice' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('An account for alice on irc.example exists already.');
    expect(input('Server').value).toBe('irc.example');
    expect(input('Nickname').value).toBe('alice');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('edits an account: stored values filled in, blank secret kept (left out)', async () => {
    const stored = account({ id: 'acc-9', settings: { server: 'irc.example', nick: 'alice', port: 6697, tls: true, sasl: 'plain' }, secretsStored: ['password'] });
    const { request } = renderWithApp(<AccountDialog accountId="acc-9" onClose={() => undefined} />,
      () => Promise.resolve(stored),
      (stores) => {
        stores.plugins.setState({ list: [ircPlugin] });
        stores.accounts.setState({ list: [stored] });
      });
    expect(screen.getByRole('dialog', { name: 'Edit account' })).toBeDefined();
    expect(input('Server').value).toBe('irc.example');
    expect(input('Password').value).toBe('');
    fireEvent.change(input('Nickname'), { target: { value: 'alice2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.update', {
      accountId: 'acc-9',
      settings: { server: 'irc.example', nick: 'alice2', port: 6697, tls: true, sasl: 'plain' },
    });
  });
});
