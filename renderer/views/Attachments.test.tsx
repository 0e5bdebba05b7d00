// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { applyEventBatch } from '../state/applyEvents.js';
import { message } from '../state/testData.js';
import { Attachments } from './MessageParts.js';
import { flush, renderWithApp, type FakeRequest } from './testHarness.js';

const received = message({ id: 7, body: 'files', attachments: [
  { url: 'mxc://example.org/cat', name: 'cat.png', size: 2048, kind: 'image', mimeType: 'image/png' },
  { url: 'mxc://example.org/setup', name: 'setup.exe', size: 4_000_000, kind: 'file' },
] });
const PNG_BASE64 = 'iVBORw0KGgo=';

// jsdom has no blob: URLs; count what the actions create and revoke.
const created: Blob[] = [];
const revoked: string[] = [];
beforeEach(() => {
  created.length = 0;
  revoked.length = 0;
  vi.stubGlobal('URL', Object.assign(URL, {
    createObjectURL: (blob: Blob) => { created.push(blob); return `blob:test/${created.length}`; },
    revokeObjectURL: (url: string) => { revoked.push(url); },
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show(implementation: FakeRequest) {
  const harness = renderWithApp(<Attachments message={received} />, implementation);
  return { ...harness, list: screen.getByRole('list', { name: 'Attachments' }) };
}

const item = (list: HTMLElement, name: string): HTMLElement => {
  const found = within(list).getByText(name).closest('li');
  if (!found) throw new Error(`no item ${name}`);
  return found;
};

describe('received attachments', () => {
  it('fetch nothing until "Show preview"; then show the core\'s sniffed image as a blob: URL, and revoke it on hide', async () => {
    const { list, request } = show((method) => Promise.resolve(method === 'attachments.preview' ? { mimeType: 'image/png', dataBase64: PNG_BASE64 } : null));
    expect(list.querySelector('img')).toBeNull();
    expect(request).not.toHaveBeenCalled();
    expect(within(item(list, 'setup.exe')).queryByRole('button', { name: 'Show preview' })).toBeNull();

    fireEvent.click(within(item(list, 'cat.png')).getByRole('button', { name: 'Show preview' }));
    expect(request).toHaveBeenCalledWith('attachments.preview', { messageId: 7, index: 0 });
    await flush();
    const image = list.querySelector('img');
    expect(image?.getAttribute('src')).toBe('blob:test/1');
    expect(image?.getAttribute('alt')).toBe('cat.png');
    expect(created[0]?.type).toBe('image/png');
    expect(created[0]?.size).toBe(8);

    fireEvent.click(within(item(list, 'cat.png')).getByRole('button', { name: 'Hide preview' }));
    expect(list.querySelector('img')).toBeNull();
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('a refused preview says why and shows no image', async () => {
    const { list } = show(() => Promise.reject(new BridgeRequestError({ kind: 'protocol', message: 'No preview: the file is not a PNG, JPEG, GIF or WebP image although it says image/png.' })));
    fireEvent.click(within(item(list, 'cat.png')).getByRole('button', { name: 'Show preview' }));
    await flush();
    expect(list.querySelector('img')).toBeNull();
    expect(within(list).getByRole('alert').textContent).toContain('although it says image/png');
  });

  it('Save shows progress, then where the file went, and warns about a program without opening it', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const { list, stores } = show(() => new Promise((resolve) => { finish = resolve; }));
    const setup = item(list, 'setup.exe');
    fireEvent.click(within(setup).getByRole('button', { name: 'Save' }));
    expect(within(setup).getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
    act(() => applyEventBatch(stores, [{ type: 'attachment.progress', payload: { messageId: 7, index: 1, receivedBytes: 1_000_000, totalBytes: 4_000_000 } }]));
    expect(within(setup).getByRole('status').textContent).toBe('Saving… 25 %');
    finish({ name: 'setup (2).exe', path: '/home/me/Downloads/setup (2).exe', size: 4_000_000, executable: true });
    await flush();
    const status = within(setup).getByRole('status').textContent;
    expect(status).toContain('Saved as setup (2).exe in the downloads folder');
    expect(status).toContain('This is a program: it was not opened');
  });

  it('Cancel next to the progress stops the save: "Cancelled", not a failure, and Save starts it again', async () => {
    let refuse: (error: unknown) => void = () => undefined;
    const { list, stores, request } = show((method) => (method === 'attachments.save'
      ? new Promise((_resolve, reject) => { refuse = reject; })
      : Promise.resolve(null)));
    const setup = item(list, 'setup.exe');
    expect(within(setup).queryByRole('button', { name: 'Cancel' })).toBeNull();
    fireEvent.click(within(setup).getByRole('button', { name: 'Save' }));
    act(() => applyEventBatch(stores, [{ type: 'attachment.progress', payload: { messageId: 7, index: 1, receivedBytes: 1_000_000, totalBytes: 4_000_000 } }]));
    expect(within(setup).getByRole('status').textContent).toBe('Saving… 25 %');

    fireEvent.click(within(setup).getByRole('button', { name: 'Cancel' }));
    expect(request).toHaveBeenCalledWith('attachments.cancel', { messageId: 7, index: 1 });
    // The core then fails the save as cancelled: that is no error for the user.
    refuse(new BridgeRequestError({ kind: 'network', message: 'The download was cancelled.' }));
    await flush();
    expect(within(setup).getByRole('status').textContent).toBe('Cancelled');
    expect(within(setup).queryByRole('alert')).toBeNull();
    expect(within(setup).queryByRole('button', { name: 'Cancel' })).toBeNull();

    const save = within(setup).getByRole('button', { name: 'Save' });
    expect(save).toHaveProperty('disabled', false);
    fireEvent.click(save);
    expect(request.mock.calls.filter(([method]) => method === 'attachments.save')).toHaveLength(2);
  });

  it('a failed save says why and can be tried again', async () => {
    const { list, request } = show(() => Promise.reject(new BridgeRequestError({ kind: 'protocol', message: 'The homeserver no longer has this file (it was deleted or has expired).' })));
    const cat = item(list, 'cat.png');
    fireEvent.click(within(cat).getByRole('button', { name: 'Save' }));
    await flush();
    expect(within(cat).getByRole('alert').textContent).toBe('Not saved: The homeserver no longer has this file (it was deleted or has expired).');
    fireEvent.click(within(cat).getByRole('button', { name: 'Save' }));
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('own sent files offer neither Save nor preview', () => {
    renderWithApp(<Attachments message={message({ id: 8, direction: 'out', status: 'sent', attachments: [{ url: '', name: 'mine.png', kind: 'image' }] })} />, () => Promise.resolve(null));
    expect(screen.queryByRole('button')).toBeNull();
  });
});
