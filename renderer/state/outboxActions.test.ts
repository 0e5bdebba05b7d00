import { describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { applyEventBatch } from './applyEvents.js';
import { MAX_FILE_BYTES } from './fileUploads.js';
import { createActions } from './actions.js';
import { setupActions } from './testActions.js';
import { message } from './testData.js';

/** A two-byte file that says it has `size` bytes (so a "huge" one costs nothing). */
function file(name: string, size: number, type = ''): File {
  const made = new File(['hi'], name, { type });
  Object.defineProperty(made, 'size', { value: size });
  return made;
}
const items = (stores: ReturnType<typeof setupActions>['stores']) => stores.messages.getState().byConversation.get(1)?.items.map((item) => [item.id, item.status]);

describe('retry and cancel', () => {
  it('cancels: the message goes at once, and the core\'s message.removed changes nothing more', async () => {
    const { stores, actions, calls } = setupActions({ 'messages.cancel': () => null });
    const queued = message({ id: 5, direction: 'out', status: 'queued' });
    applyEventBatch(stores, [{ type: 'message.added', payload: { message: queued } }, { type: 'message.added', payload: { message: message({ id: 6 }) } }]);
    await actions.cancelMessage(queued);
    expect(calls).toEqual([['messages.cancel', { messageId: 5 }]]);
    expect(items(stores)).toEqual([[6, 'received']]);
    applyEventBatch(stores, [{ type: 'message.removed', payload: { conversationId: 1, messageId: 5 } }]);
    expect(items(stores)).toEqual([[6, 'received']]);
  });

  it('retries through the core and leaves the new status to its events; a refusal rejects with the core\'s words', async () => {
    const failed = message({ id: 5, direction: 'out', status: 'failed' });
    const ok = setupActions({ 'messages.retry': () => ({ ...failed, status: 'queued' }) });
    applyEventBatch(ok.stores, [{ type: 'message.added', payload: { message: failed } }]);
    await ok.actions.retryMessage(failed);
    expect(ok.calls).toEqual([['messages.retry', { messageId: 5 }]]);
    const refused = setupActions({ 'messages.cancel': () => { throw new BridgeRequestError({ kind: 'invalid-request', message: 'Only a queued or failed message can be cancelled.' }); } });
    await expect(refused.actions.cancelMessage(failed)).rejects.toThrow('Only a queued or failed message can be cancelled.');
  });
});

describe('sending a file', () => {
  it('reads it as base64 and sends it; "sending" lasts until the core has stored it', async () => {
    let stored: (() => void) | undefined;
    const sent = message({ id: 40, direction: 'out', status: 'sending', body: 'cat.png' });
    const { stores, actions, calls } = setupActions({
      'messages.sendFile': () => new Promise((resolve) => { stored = () => resolve(sent); }),
    });
    const sending = actions.sendFile(1, file('cat.png', 2, 'image/png'));
    expect(stores.fileUploads.getState().byConversation.get(1)?.map((upload) => [upload.name, upload.status])).toEqual([['cat.png', 'sending']]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([['messages.sendFile', { conversationId: 1, name: 'cat.png', mimeType: 'image/png', dataBase64: 'aGk=' }]]);
    stored?.();
    await sending;
    expect(stores.fileUploads.getState().byConversation.has(1)).toBe(false);
    expect(items(stores)).toEqual([[40, 'sending']]);
  });

  it('refuses a file over 40 MB without reading it, and shows a refusal from the core', async () => {
    const { stores, actions, calls, readAsBase64 } = setupActions({
      'messages.sendFile': () => { throw new BridgeRequestError({ kind: 'network', message: 'Files can be sent only while the account is connected.' }); },
    });
    await actions.sendFile(1, file('big.iso', MAX_FILE_BYTES + 1));
    expect(readAsBase64).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    await actions.sendFile(1, file('notes', 2));
    expect(calls[0]?.[1]).toMatchObject({ name: 'notes', mimeType: 'application/octet-stream' });
    const uploads = stores.fileUploads.getState().byConversation.get(1) ?? [];
    expect(uploads.map((upload) => upload.error)).toEqual([
      'big.iso is too large to send (40 MB; the limit is 40 MB).',
      'notes was not sent: Files can be sent only while the account is connected.',
    ]);
    for (const upload of uploads) actions.dismissUpload(1, upload.id);
    expect(stores.fileUploads.getState().byConversation.has(1)).toBe(false);
  });

  it('in headless mode uploads the file by HTTP and names it by its upload id', async () => {
    const sent = message({ id: 41, direction: 'out', status: 'sending', body: 'cat.png' });
    const { stores, calls, platform, readAsBase64 } = setupActions({ 'messages.sendFile': () => sent });
    const uploadFile = vi.fn((_file: Blob) => Promise.resolve('up-1'));
    const actions = createActions(stores, { ...platform, uploadFile });
    await actions.sendFile(1, file('cat.png', 2, 'image/png'));
    expect(readAsBase64).not.toHaveBeenCalled();
    expect(uploadFile).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([['messages.sendFile', { conversationId: 1, name: 'cat.png', mimeType: 'image/png', uploadId: 'up-1' }]]);

    uploadFile.mockRejectedValueOnce(new Error('The file is too large (the limit is 40 MB).'));
    await actions.sendFile(1, file('dog.png', 2, 'image/png'));
    expect(stores.fileUploads.getState().byConversation.get(1)?.map((upload) => upload.error)).toEqual(['dog.png was not sent: The file is too large (the limit is 40 MB).']);
  });
});
