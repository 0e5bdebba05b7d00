/**
 * How much of each file being sent has gone out (`message.progress`): the latest report
 * per message, dropped once the message is sent, failed or gone.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export interface UploadProgress {
  readonly conversationId: number;
  readonly messageId: number;
  readonly sentBytes: number;
  readonly totalBytes: number;
}

export interface UploadProgressState {
  readonly byMessage: ReadonlyMap<number, UploadProgress>;
}

export type UploadProgressEvent =
  | { readonly type: 'message.progress'; readonly payload: UploadProgress }
  | { readonly type: 'message.added' | 'message.updated'; readonly payload: { readonly message: MessageView } }
  | { readonly type: 'message.removed'; readonly payload: { readonly conversationId: number; readonly messageId: number } }
  | { readonly type: 'conversation.removed'; readonly payload: { readonly conversationId: number } };

export function createUploadProgressStore(): StoreApi<UploadProgressState> {
  return createStore<UploadProgressState>()(() => ({ byMessage: new Map() }));
}

/** Whole per cent gone out, 0 to 100 (0 while the size is unknown). */
export function progressPercent(progress: UploadProgress): number {
  if (!(progress.totalBytes > 0) || !Number.isFinite(progress.sentBytes)) return 0;
  return Math.min(100, Math.max(0, Math.floor((progress.sentBytes / progress.totalBytes) * 100)));
}

/** "Sending… 42 %". */
export function progressText(progress: UploadProgress): string {
  return i18n.t('uploads.sendingPercent', { percent: progressPercent(progress) });
}

/** The name shown for the file of an own message: its first attachment's, else the body. */
export function uploadName(message: MessageView): string {
  return message.attachments?.[0]?.name ?? message.body;
}

/** Whether a message is past sending, so that its progress is no longer news. */
function finished(message: MessageView): boolean {
  return message.status === 'sent' || message.status === 'failed' || message.status === 'received';
}

export function applyUploadProgressEvents(state: UploadProgressState, events: readonly UploadProgressEvent[]): UploadProgressState {
  const byMessage = new Map(state.byMessage);
  let changed = 0;
  for (const event of events) {
    switch (event.type) {
      case 'message.progress': {
        const { conversationId, messageId, sentBytes, totalBytes } = event.payload;
        byMessage.set(messageId, { conversationId, messageId, sentBytes, totalBytes });
        changed++;
        break;
      }
      case 'message.added':
      case 'message.updated':
        if (finished(event.payload.message) && byMessage.delete(event.payload.message.id)) changed++;
        break;
      case 'message.removed':
        if (byMessage.delete(event.payload.messageId)) changed++;
        break;
      case 'conversation.removed':
        for (const [messageId, progress] of byMessage) {
          if (progress.conversationId === event.payload.conversationId && byMessage.delete(messageId)) changed++;
        }
        break;
    }
  }
  return changed === 0 ? state : { byMessage };
}
