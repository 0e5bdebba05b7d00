// @vitest-environment jsdom
/** Settings' avatars and inline image previews taking effect in the whole app (log and buddy list), not only stored. */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../electron/bridge/preferences.js';
import { resetContacts } from '../state/contacts.js';
import { contact, message } from '../state/testData.js';
import { renderRoomApp, type Answers } from './testApp.js';
import { flush } from './testHarness.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// jsdom has no blob: URLs.
beforeEach(() => {
  let created = 0;
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => `blob:test/${++created}`, revokeObjectURL: () => undefined }));
});

/** The app with #room open, its core storing preferences as the real one answers `preferences.set`. */
async function openRoom(answers: Answers) {
  let stored: Preferences = DEFAULT_PREFERENCES;
  const harness = renderRoomApp({
    'preferences.set': (patch) => { stored = { ...stored, ...(patch as Partial<Preferences>) }; return stored; },
    ...answers,
  }, undefined, (stores) => {
    stores.contacts.setState(resetContacts([contact({ id: 'ann@example.org', displayName: 'Ann', groups: ['Friends'] })]));
  });
  fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
  await flush();
  fireEvent.click(screen.getAllByRole('button', { name: 'Settings' })[0] ?? document.body);
  return { ...harness, log: screen.getByRole('log', { name: 'Messages in #room' }), settings: screen.getByRole('dialog', { name: 'Settings' }) };
}

describe('Settings: avatars and inline image previews', () => {
  it('turning avatars off takes them out of the message log and the buddy list; the presence dot and names stay', async () => {
    const { log, settings } = await openRoom({ 'messages.list': () => [message({ id: 1, senderId: 'ann@example.org', senderName: 'Ann', body: 'hello' })] });
    const buddy = within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: /^Ann/ });
    expect(log.querySelectorAll('.avatar')).toHaveLength(1);
    expect(buddy.querySelector('.avatar .presence-dot')).not.toBeNull();

    const box = within(settings).getByRole('checkbox', { name: 'Show avatars in the messages and the buddy list' });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    await flush();
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(log.querySelectorAll('.avatar, .avatar-initials')).toHaveLength(0);
    expect(log.querySelector('.message-sender')?.textContent).toBe('Ann');
    const after = within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: /^Ann/ });
    expect(after.querySelector('.avatar')).toBeNull();
    expect(after.firstElementChild?.className).toBe('presence-dot');
  });

  it('with inline previews on, a received image shows without a click, through the same preview request; one hidden stays hidden', async () => {
    const image = message({ id: 7, body: 'look', attachments: [{ url: 'mxc://example.org/cat', name: 'cat.png', size: 2048, kind: 'image', mimeType: 'image/png' }] });
    const { log, settings, request } = await openRoom({
      'messages.list': () => [image],
      'attachments.preview': () => ({ mimeType: 'image/png', dataBase64: 'iVBORw0KGgo=' }),
    });
    const previews = () => request.mock.calls.filter(([method]) => method === 'attachments.preview');
    expect(within(log).getByRole('button', { name: 'Show preview' })).toBeTruthy();
    expect(log.querySelector('img.attachment-preview')).toBeNull();
    expect(previews()).toHaveLength(0);

    const box = within(settings).getByRole('checkbox', { name: 'Show received images at once, without a click' });
    expect((box as HTMLInputElement).checked).toBe(false);
    fireEvent.click(box);
    await flush();
    await flush();
    expect(previews()).toEqual([['attachments.preview', { messageId: 7, index: 0 }]]);
    expect(log.querySelector('img.attachment-preview')?.getAttribute('src')).toMatch(/^blob:test\//);

    fireEvent.click(within(log).getByRole('button', { name: 'Hide preview' }));
    await flush();
    expect(log.querySelector('img.attachment-preview')).toBeNull();
    expect(previews()).toHaveLength(1);
    fireEvent.click(within(log).getByRole('button', { name: 'Show preview' }));
    await flush();
    expect(log.querySelector('img.attachment-preview')).not.toBeNull();
  });
});
