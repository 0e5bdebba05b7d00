/**
 * What the user did with each received attachment: a save in progress, done or failed, and
 * a preview being fetched, shown or refused. Keyed by message and attachment index. A
 * preview holds a blob: URL, which is revoked when the preview is hidden or replaced.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { SavedFile } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export type SaveState =
  | { readonly status: 'saving'; readonly receivedBytes: number; readonly totalBytes?: number }
  | { readonly status: 'saved'; readonly file: SavedFile }
  | { readonly status: 'failed'; readonly error: string }
  /** The user cancelled it; Save can start it again. */
  | { readonly status: 'cancelled' };

export type PreviewState =
  | { readonly status: 'loading' }
  | { readonly status: 'shown'; readonly url: string }
  | { readonly status: 'failed'; readonly error: string }
  /** The user hid it: not fetched again by itself (inline previews), only by "Show preview". */
  | { readonly status: 'hidden' };

export interface AttachmentEntry {
  readonly save?: SaveState;
  readonly preview?: PreviewState;
}

export interface AttachmentsState {
  readonly byKey: ReadonlyMap<string, AttachmentEntry>;
}

export type AttachmentProgressEvent = Extract<BridgeEvent, { type: 'attachment.progress' }>;

export function attachmentKey(messageId: number, index: number): string {
  return `${messageId}:${index}`;
}

export function createAttachmentsStore(): StoreApi<AttachmentsState> {
  return createStore<AttachmentsState>()(() => ({ byKey: new Map() }));
}

/** The state with one entry's save and/or preview replaced (undefined removes it). */
export function withEntry(state: AttachmentsState, key: string, change: { readonly save?: SaveState | undefined; readonly preview?: PreviewState | undefined }): AttachmentsState {
  const byKey = new Map(state.byKey);
  const before = byKey.get(key);
  const save = 'save' in change ? change.save : before?.save;
  const preview = 'preview' in change ? change.preview : before?.preview;
  if (save === undefined && preview === undefined) byKey.delete(key);
  else byKey.set(key, { ...(save !== undefined ? { save } : {}), ...(preview !== undefined ? { preview } : {}) });
  return { byKey };
}

/** Progress counts only for a save still running (a late report after the end is no news). */
export function applyAttachmentProgress(state: AttachmentsState, events: readonly AttachmentProgressEvent[]): AttachmentsState {
  let next = state;
  for (const { payload } of events) {
    const key = attachmentKey(payload.messageId, payload.index);
    if (next.byKey.get(key)?.save?.status !== 'saving') continue;
    next = withEntry(next, key, { save: {
      status: 'saving', receivedBytes: payload.receivedBytes, ...(payload.totalBytes !== undefined ? { totalBytes: payload.totalBytes } : {}),
    } });
  }
  return next;
}

/** "Saving… 42 %", or "Saving…" while the size is unknown. */
export function savingText(save: Extract<SaveState, { status: 'saving' }>): string {
  if (save.totalBytes === undefined || !(save.totalBytes > 0)) return i18n.t('attachments.saving');
  return i18n.t('attachments.savingPercent', { percent: Math.min(100, Math.floor((save.receivedBytes / save.totalBytes) * 100)) });
}

/** Base64 from the bridge to the bytes of a Blob. */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
