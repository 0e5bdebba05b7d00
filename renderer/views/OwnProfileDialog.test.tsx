// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { account, ircPlugin, richPlugin } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { describedBy, flush } from './testHarness.js';

afterEach(cleanup);

const xmpp = { ...richPlugin, id: 'xmpp', name: 'XMPP', accountLabelField: 'jid', capabilities: { ...richPlugin.capabilities, ownProfile: true } };
const irc = { ...ircPlugin, name: 'IRC', accountLabelField: 'nick' };
const accounts = [
  account({ id: 'x', pluginId: 'xmpp', label: 'alice@example.org (XMPP)', settings: { jid: 'alice@example.org' } }),
  account({ id: 'y', pluginId: 'xmpp', label: 'alice@other.example (XMPP)', state: 'offline', settings: { jid: 'alice@other.example' } }),
  account({ id: 'i', pluginId: 'irc', label: 'alice (IRC)', settings: { nick: 'alice' } }),
];
// The first bytes of a PNG are all the dialog and the fake core need.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function renderAccounts(setProfile: (params: unknown) => unknown, profile?: () => unknown) {
  const reading = { ...xmpp, capabilities: { ...xmpp.capabilities, ownProfileRead: true } };
  const harness = renderRoomApp({ 'accounts.setProfile': setProfile, ...(profile ? { 'accounts.profile': profile } : {}) }, undefined, (stores) => {
    stores.plugins.setState({ list: [profile ? reading : xmpp, irc] });
    stores.accounts.setState({ list: accounts });
    stores.ui.setState({ dialog: { kind: 'accounts' } });
  });
  return harness;
}

const row = (label: string): HTMLElement => {
  const found = screen.getAllByRole('listitem').find((item) => item.querySelector('.account-label')?.textContent === label);
  if (!found) throw new Error(`no row for ${label}`);
  return found;
};

function openProfile(): HTMLElement {
  fireEvent.click(within(row('alice@example.org (XMPP)')).getByRole('button', { name: 'Profile…' }));
  return screen.getByRole('dialog', { name: 'Your profile' });
}

describe('Your profile', () => {
  it('is offered for an online account whose network has a profile, and only there', () => {
    renderAccounts(() => null);
    expect(within(row('alice@example.org (XMPP)')).queryByRole('button', { name: 'Profile…' })).not.toBeNull();
    expect(within(row('alice@other.example (XMPP)')).queryByRole('button', { name: 'Profile…' }), 'offline').toBeNull();
    expect(within(row('alice (IRC)')).queryByRole('button', { name: 'Profile…' }), 'IRC has no profile').toBeNull();
  });

  it('says what is wrong by the field, previews the picture, sends name and picture, and goes back to Accounts', async () => {
    const { request } = renderAccounts(() => null);
    const dialog = openProfile();
    const name = within(dialog).getByRole('textbox', { name: 'Display name' });
    expect(document.activeElement).toBe(name);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Enter a display name or choose a picture.');

    fireEvent.change(name, { target: { value: 'A'.repeat(101) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(name)).toContain('The display name can be at most 100 characters long.');
    expect(document.activeElement).toBe(name);

    const picture = within(dialog).getByLabelText('Picture');
    fireEvent.change(picture, { target: { files: [new File(['just text'], 'notes.txt', { type: 'text/plain' })] } });
    expect(await within(dialog).findByText('notes.txt is not a PNG, JPEG, GIF or WebP picture.')).toBeDefined();
    expect(describedBy(picture)).toContain('notes.txt is not a PNG, JPEG, GIF or WebP picture.');
    fireEvent.change(picture, { target: { files: [new File([new Uint8Array(21 * 1024 * 1024)], 'huge.png', { type: 'image/png' })] } });
    expect(await within(dialog).findByText('huge.png is 21 MB; a picture can be at most 20 MB.')).toBeDefined();

    fireEvent.change(picture, { target: { files: [new File([PNG], 'me.png', { type: 'image/png' })] } });
    const preview = await within(dialog).findByRole('img', { name: 'Your new picture' });
    expect(preview.getAttribute('src')).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    expect(picture.getAttribute('aria-invalid')).toBeNull();

    fireEvent.change(name, { target: { value: '  Alice  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.setProfile', {
      accountId: 'x', displayName: 'Alice', picture: { mimeType: 'image/png', dataBase64: Buffer.from(PNG).toString('base64') },
    });
    expect(screen.queryByRole('dialog', { name: 'Your profile' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Accounts' })).toBeDefined();
  });

  it('shows the network\'s refusal in words and stays open; Cancel goes back without sending', async () => {
    const { request } = renderAccounts(() => {
      throw new BridgeRequestError({ kind: 'protocol', message: 'The picture is 300 KB; XMPP contacts accept at most 64 KB. Choose a smaller one.' });
    });
    const dialog = openProfile();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Display name' }), { target: { value: 'Alice' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(within(dialog).getByRole('alert').textContent).toBe('Not saved: The picture is 300 KB; XMPP contacts accept at most 64 KB. Choose a smaller one.');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('dialog', { name: 'Accounts' })).toBeDefined();
    expect(request.mock.calls.filter(([method]) => method === 'accounts.setProfile')).toHaveLength(1);
  });

  it('shows the name and picture shown now where the network says them; Remove picture sends the removal, Keep picture undoes it', async () => {
    const now = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
    const { request } = renderAccounts(() => null, () => ({ displayName: 'Alice Liddell', pictureDataUrl: now }));
    const dialog = openProfile();
    expect(within(dialog).getByRole('status').textContent).toBe('Reading what you show now…');
    await flush();
    expect(within(dialog).getByRole('textbox', { name: 'Display name' })).toHaveProperty('value', 'Alice Liddell');
    expect(within(dialog).getByRole('img', { name: 'Your picture now' }).getAttribute('src')).toBe(now);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove picture' }));
    expect(within(dialog).queryByRole('img', { name: 'Your picture now' })).toBeNull();
    expect(within(dialog).getByText('Your picture is removed when you save.')).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep picture' }));
    expect(within(dialog).getByRole('img', { name: 'Your picture now' })).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove picture' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.setProfile', { accountId: 'x', displayName: 'Alice Liddell', removePicture: true });
  });

  it('says in words when what is shown now cannot be read, and still saves', async () => {
    const { request } = renderAccounts(() => null, () => {
      throw new BridgeRequestError({ kind: 'network', message: 'Could not reach the server.' });
    });
    const dialog = openProfile();
    await flush();
    expect(within(dialog).getByRole('alert').textContent).toBe('What you show now could not be read: Could not reach the server.');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Display name' }), { target: { value: 'Alice' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(request).toHaveBeenCalledWith('accounts.setProfile', { accountId: 'x', displayName: 'Alice' });
  });
});
