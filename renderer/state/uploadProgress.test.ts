import { describe, expect, it } from 'vitest';
import { applyEventBatch } from './applyEvents.js';
import { createStores } from './stores.js';
import { message } from './testData.js';
import {
  applyUploadProgressEvents, createUploadProgressStore, progressPercent, progressText, uploadName, type UploadProgress,
} from './uploadProgress.js';

const progress = (messageId: number, sentBytes: number, totalBytes = 100, conversationId = 1): { readonly type: 'message.progress'; readonly payload: UploadProgress } =>
  ({ type: 'message.progress', payload: { conversationId, messageId, sentBytes, totalBytes } });

describe('upload progress', () => {
  it('keeps the latest report per message', () => {
    const empty = createUploadProgressStore().getState();
    const state = applyUploadProgressEvents(empty, [progress(5, 10), progress(6, 1, 4), progress(5, 42)]);
    expect(state.byMessage.get(5)).toEqual({ conversationId: 1, messageId: 5, sentBytes: 42, totalBytes: 100 });
    expect(state.byMessage.get(6)?.sentBytes).toBe(1);
    expect(empty.byMessage.size).toBe(0);
  });

  it('drops a message\'s progress once it is sent, failed, removed or its conversation closed; a still-sending update keeps it', () => {
    const start = applyUploadProgressEvents(createUploadProgressStore().getState(), [progress(1, 1), progress(2, 2), progress(3, 3), progress(4, 4, 100, 2)]);
    const sending = applyUploadProgressEvents(start, [{ type: 'message.updated', payload: { message: message({ id: 1, direction: 'out', status: 'sending' }) } }]);
    expect(sending).toBe(start);
    const after = applyUploadProgressEvents(start, [
      { type: 'message.updated', payload: { message: message({ id: 1, direction: 'out', status: 'sent' }) } },
      { type: 'message.updated', payload: { message: message({ id: 2, direction: 'out', status: 'failed' }) } },
      { type: 'message.removed', payload: { conversationId: 1, messageId: 3 } },
    ]);
    expect([...after.byMessage.keys()]).toEqual([4]);
    expect(applyUploadProgressEvents(after, [{ type: 'conversation.removed', payload: { conversationId: 2 } }]).byMessage.size).toBe(0);
    expect(applyUploadProgressEvents(after, [{ type: 'message.removed', payload: { conversationId: 1, messageId: 99 } }])).toBe(after);
  });

  it('says how far it got in whole per cent, within 0 to 100', () => {
    expect(progressText({ conversationId: 1, messageId: 1, sentBytes: 429, totalBytes: 1000 })).toBe('Sending… 42 %');
    expect(progressPercent({ conversationId: 1, messageId: 1, sentBytes: 5, totalBytes: 0 })).toBe(0);
    expect(progressPercent({ conversationId: 1, messageId: 1, sentBytes: 500, totalBytes: 100 })).toBe(100);
    expect(progressPercent({ conversationId: 1, messageId: 1, sentBytes: -5, totalBytes: 100 })).toBe(0);
    expect(uploadName(message({ body: 'x', attachments: [{ url: '', name: 'a.png', kind: 'image' }] }))).toBe('a.png');
    expect(uploadName(message({ body: 'notes.txt' }))).toBe('notes.txt');
  });

  it('is fed by the event batch', () => {
    const stores = createStores();
    applyEventBatch(stores, [progress(7, 30)]);
    expect(stores.uploadProgress.getState().byMessage.get(7)?.sentBytes).toBe(30);
    const before = stores.uploadProgress.getState();
    applyEventBatch(stores, [{ type: 'typing', payload: { conversationId: 1, participantId: 'bob', state: 'active' } }]);
    expect(stores.uploadProgress.getState()).toBe(before);
    applyEventBatch(stores, [{ type: 'message.updated', payload: { message: message({ id: 7, direction: 'out', status: 'sent' }) } }]);
    expect(stores.uploadProgress.getState().byMessage.size).toBe(0);
  });
});
