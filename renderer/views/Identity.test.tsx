// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resetContacts } from '../state/contacts.js';
import { colourFromId, contrastRatio, parseHexColour } from '../state/identityColour.js';
import { contact, message, richPlugin } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { describedBy, flush } from './testHarness.js';
import { i18n } from '../i18n/index.js';

afterEach(cleanup);

const png = 'data:image/png;base64,iVBORw0KGgo=';

/** jsdom reports inline colours as rgb(r, g, b). */
function hex(rgb: string): string {
  const parts = /rgb\((\d+), (\d+), (\d+)\)/.exec(rgb);
  return parts ? `#${parts.slice(1).map((part) => Number(part).toString(16).padStart(2, '0')).join('')}` : rgb;
}

describe('network badges and avatars', () => {
  it('badge the conversation row and the tab with the account\'s network and name, in its colour', async () => {
    renderRoomApp({ 'messages.list': () => [] }, undefined, (stores) => {
      stores.plugins.setState({ list: [{ ...richPlugin, name: 'XMPP', accountLabelField: 'jid' }] });
      stores.accounts.setState({ list: stores.accounts.getState().list.map((item) => ({ ...item, settings: { jid: 'me@example.org' } })) });
    });
    const row = within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' });
    expect(describedBy(row)).toEqual(['XMPP, me@example.org']);
    fireEvent.click(row);
    await flush();
    const tab = screen.getByRole('tab', { name: '#room' });
    // The badge, then how to move the tab from the keyboard (TabDrag.tsx).
    expect(describedBy(tab)).toEqual(['XMPP, me@example.org', i18n.t('tabDrag.instructions')]);
    const badge = tab.querySelector<HTMLElement>('.network-badge');
    expect(badge?.querySelector('svg')).not.toBeNull();
    expect(hex(badge?.style.backgroundColor ?? '')).toBe(colourFromId('acc-1'));
  });

  it('show the network\'s picture for a message sender the buddy list knows, else initials on the colour of their id', async () => {
    renderRoomApp({
      'messages.list': () => [
        message({ id: 1, senderId: 'ann@example.org', senderName: 'Ann Smith', body: 'hello' }),
        message({ id: 2, senderId: 'bob@example.org', senderName: 'Bob', body: 'hi' }),
      ],
    }, undefined, (stores) => {
      stores.contacts.setState(resetContacts([contact({ accountId: 'acc-1', id: 'ann@example.org', displayName: 'Ann', avatarDataUrl: png })]));
    });
    fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
    await flush();
    const log = screen.getByRole('log', { name: 'Messages in #room' });
    const [ann, bob] = [...log.querySelectorAll<HTMLElement>('.message-sender')];
    expect(ann?.querySelector('img')?.getAttribute('src')).toBe(png);
    const initials = bob?.querySelector<HTMLElement>('.avatar-initials');
    expect(initials?.dataset['initials']).toBe('B');
    const background = hex(initials?.style.backgroundColor ?? '');
    expect(background).toBe(colourFromId('bob@example.org'));
    expect(parseHexColour(hex(initials?.style.color ?? ''))).toBeDefined();
    expect(contrastRatio(background, hex(initials?.style.color ?? ''))).toBeGreaterThanOrEqual(4.5);
    // The letters are drawn by CSS: the sender's text is still just the name.
    expect(bob?.textContent).toBe('Bob');
  });
});
