// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEventBatch } from '../state/applyEvents.js';
import { MAX_FILE_BYTES } from '../state/fileUploads.js';
import { account, message, richPlugin } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { flush } from './testHarness.js';

afterEach(cleanup);

async function openRoom(): Promise<HTMLElement> {
  fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
  await flush();
  return screen.getByRole('log', { name: 'Messages in #room' });
}

const line = (log: HTMLElement, id: number): HTMLElement => {
  const element = log.querySelector<HTMLElement>(`#message-1-${id}`);
  if (!element) throw new Error(`message ${id} is not shown`);
  return element;
};

function file(name: string, size: number, type = ''): File {
  const made = new File(['hello'], name, { type });
  Object.defineProperty(made, 'size', { value: size });
  return made;
}

describe('the outbox', () => {
  const history = [
    message({ id: 1, body: 'hi' }),
    message({ id: 2, direction: 'out', status: 'queued', body: 'waiting', senderName: 'me', timestamp: 2000 }),
    message({ id: 3, direction: 'out', status: 'failed', body: 'refused', senderName: 'me', timestamp: 3000, error: { kind: 'network', message: 'Connection lost' } }),
    message({ id: 4, direction: 'out', status: 'sent', body: 'done', senderName: 'me', timestamp: 4000 }),
  ];

  it('shows queued and failed messages with Cancel, and Retry for failed ones; the core removes a cancelled one', async () => {
    const harness = renderRoomApp({ 'messages.list': () => history, 'messages.cancel': () => null, 'messages.retry': () => ({ ...history[2], status: 'queued' }) });
    const log = await openRoom();
    expect(line(log, 2).textContent).toContain('queued');
    expect(within(line(log, 2)).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(line(log, 3).textContent).toContain('failed: Connection lost');
    expect(within(line(log, 4)).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(line(log, 2)).queryByRole('button', { name: 'Reply' })).toBeNull();

    fireEvent.click(within(line(log, 3)).getByRole('button', { name: 'Retry' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.retry', { messageId: 3 });
    act(() => applyEventBatch(harness.stores, [{ type: 'message.updated', payload: { message: { ...history[2], status: 'queued' } as typeof history[number] } }]));
    expect(line(log, 3).textContent).toContain('queued');

    fireEvent.click(within(line(log, 2)).getByRole('button', { name: 'Cancel' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.cancel', { messageId: 2 });
    expect(log.querySelector('#message-1-2')).toBeNull();
    act(() => applyEventBatch(harness.stores, [{ type: 'message.removed', payload: { conversationId: 1, messageId: 3 } }]));
    expect(log.querySelector('#message-1-3')).toBeNull();
    expect(log.querySelector('#message-1-4')).not.toBeNull();
  });

  it('shows the core\'s refusal to cancel as an alert on the message', async () => {
    const log = await (async () => { renderRoomApp({ 'messages.list': () => history }); return openRoom(); })();
    fireEvent.click(within(line(log, 2)).getByRole('button', { name: 'Cancel' }));
    await flush();
    expect(within(line(log, 2)).getByRole('alert').textContent).toBe('Not cancelled: messages.cancel: not supported yet');
  });

  it('lets the user write while the account is offline, and says the messages wait for it', async () => {
    const harness = renderRoomApp({
      'messages.send': () => message({ id: 9, direction: 'out', status: 'queued', body: 'later', timestamp: 9000 }),
    }, richPlugin.capabilities, (stores) => {
      stores.accounts.setState({ list: [account({ pluginId: 'rich', label: 'me@example.org', state: 'offline' })] });
    });
    const log = await openRoom();
    expect(screen.getByText('Offline: messages will be sent when me@example.org reconnects')).toBeDefined();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    expect(composer).toHaveProperty('disabled', false);
    fireEvent.change(composer, { target: { value: 'later' } });
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false);
    fireEvent.keyDown(composer, { key: 'Enter' });
    await flush();
    expect(harness.request).toHaveBeenCalledWith('messages.send', { conversationId: 1, body: 'later', kind: 'text' });
    expect(line(log, 9).textContent).toContain('queued');
    act(() => applyEventBatch(harness.stores, [{ type: 'account.changed', payload: { account: account({ pluginId: 'rich', label: 'me@example.org' }) } }]));
    expect(screen.queryByText(/Offline: messages will be sent/)).toBeNull();
  });
});

describe('sending a file', () => {
  it('offers "Attach file" only where the conversation can take files; a file dropped elsewhere is not sent', async () => {
    const harness = renderRoomApp({});
    const log = await openRoom();
    expect(screen.queryByRole('button', { name: 'Attach file' })).toBeNull();
    expect(screen.queryByLabelText('Attach file')).toBeNull();
    const scroller = log.parentElement;
    if (!scroller) throw new Error('the log has no scroller');
    const dataTransfer = { types: ['Files'], files: [file('drop.bin', 5)], dropEffect: 'copy' };
    fireEvent.dragOver(scroller, { dataTransfer });
    expect(scroller.classList.contains('dragging')).toBe(false);
    expect(fireEvent.drop(scroller, { dataTransfer })).toBe(false);
    await flush();
    expect(harness.request).not.toHaveBeenCalledWith('messages.sendFile', expect.anything());
  });

  it('reads a picked file, shows "Sending <name>…" until the core has stored it, and sends it as base64', async () => {
    let store: ((value: unknown) => void) | undefined;
    const harness = renderRoomApp({
      'messages.sendFile': () => new Promise((resolve) => { store = resolve; }),
    }, { ...richPlugin.capabilities, fileUpload: true });
    await openRoom();
    expect(screen.getByRole('button', { name: 'Attach file' })).toBeDefined();
    const input = screen.getByLabelText('Attach file');
    expect(input).toHaveProperty('type', 'file');
    fireEvent.change(input, { target: { files: [file('notes.txt', 5, 'text/plain')] } });
    expect(screen.getByText('Sending notes.txt…')).toBeDefined();
    // FileReader reads in the background: on a busy machine that takes more than a tick or two.
    await waitFor(() => expect(harness.request).toHaveBeenCalledWith('messages.sendFile', { conversationId: 1, name: 'notes.txt', mimeType: 'text/plain', dataBase64: 'aGVsbG8=' }));
    store?.(message({ id: 50, direction: 'out', status: 'sending', body: 'notes.txt', attachments: [{ url: '', name: 'notes.txt', kind: 'file', size: 5 }] }));
    await flush();
    expect(screen.queryByText('Sending notes.txt…')).toBeNull();
    expect(screen.getByRole('log', { name: 'Messages in #room' }).textContent).toContain('notes.txt');
  });

  it('refuses a file over 40 MB before reading it, and shows the core\'s refusal; dropped files are sent too', async () => {
    const harness = renderRoomApp({}, { ...richPlugin.capabilities, fileUpload: true });
    const log = await openRoom();
    fireEvent.change(screen.getByLabelText('Attach file'), { target: { files: [file('movie.mkv', MAX_FILE_BYTES + 1)] } });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('movie.mkv is too large to send (40 MB; the limit is 40 MB).');
    expect(harness.request).not.toHaveBeenCalledWith('messages.sendFile', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();

    const scroller = log.parentElement;
    if (!scroller) throw new Error('the log has no scroller');
    const dataTransfer = { types: ['Files'], files: [file('drop.bin', 5)], dropEffect: 'none' };
    fireEvent.dragOver(scroller, { dataTransfer });
    expect(scroller.classList.contains('dragging')).toBe(true);
    fireEvent.drop(scroller, { dataTransfer });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('drop.bin was not sent: messages.sendFile: not supported yet'));
    expect(harness.request).toHaveBeenCalledWith('messages.sendFile', expect.objectContaining({ name: 'drop.bin', mimeType: 'application/octet-stream' }));
    expect(scroller.classList.contains('dragging')).toBe(false);
  });
});

describe('upload progress and limits', () => {
  it('shows "Sending… 42 %" with a labelled progress bar on the own message until it is sent', async () => {
    const sending = message({ id: 60, direction: 'out', status: 'sending', body: 'notes.txt', senderName: 'me', attachments: [{ url: '', name: 'notes.txt', kind: 'file', size: 1000 }] });
    const harness = renderRoomApp({ 'messages.list': () => [sending] });
    const log = await openRoom();
    expect(line(log, 60).textContent).toContain('sending…');
    expect(screen.queryByRole('progressbar')).toBeNull();
    act(() => applyEventBatch(harness.stores, [{ type: 'message.progress', payload: { conversationId: 1, messageId: 60, sentBytes: 420, totalBytes: 1000 } }]));
    const bar = within(line(log, 60)).getByRole('progressbar', { name: 'Upload progress of notes.txt' });
    expect(bar).toHaveProperty('value', 42);
    expect(line(log, 60).textContent).toContain('Sending… 42 %');
    act(() => applyEventBatch(harness.stores, [{ type: 'message.progress', payload: { conversationId: 1, messageId: 60, sentBytes: 990, totalBytes: 1000 } }]));
    expect(line(log, 60).textContent).toContain('Sending… 99 %');
    act(() => applyEventBatch(harness.stores, [{ type: 'message.updated', payload: { message: { ...sending, status: 'sent' } } }]));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(line(log, 60).textContent).not.toContain('Sending…');
    expect(harness.stores.uploadProgress.getState().byMessage.size).toBe(0);
  });

  it('says the account\'s upload limit beside "Attach file" and refuses a bigger file before reading it', async () => {
    const harness = renderRoomApp({}, { ...richPlugin.capabilities, fileUpload: true }, (stores) => {
      stores.accounts.setState({ list: [account({ pluginId: 'rich', label: 'me@example.org', selfId: 'me', limits: { maxUploadBytes: 64 * 1024 } })] });
    });
    await openRoom();
    const attach = screen.getByRole('button', { name: 'Attach file' });
    expect(attach.getAttribute('title')).toBe('Files up to 64 KB');
    fireEvent.change(screen.getByLabelText('Attach file'), { target: { files: [file('photo.jpg', 100 * 1024)] } });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('photo.jpg is too large to send (100 KB; the limit is 64 KB).');
    expect(harness.request).not.toHaveBeenCalledWith('messages.sendFile', expect.anything());
  });

  it('says the core\'s 40 MB when the account has no smaller limit', async () => {
    renderRoomApp({}, { ...richPlugin.capabilities, fileUpload: true });
    await openRoom();
    expect(screen.getByRole('button', { name: 'Attach file' }).getAttribute('title')).toBe('Files up to 40 MB');
  });
});
