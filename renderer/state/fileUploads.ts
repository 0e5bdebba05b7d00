/**
 * Files the user is sending, per conversation: "Sending <name>…" until the core has stored
 * the message, or the reason it was not sent. Files over the bridge's limit are refused
 * here, before they are read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { formatSize } from './messageRules.js';
import { i18n } from '../i18n/index.js';

/** The core's limit (`messages.sendFile`): 40 MB of file, before base64. */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

export const FALLBACK_MIME_TYPE = 'application/octet-stream';

export interface FileUpload {
  readonly id: number;
  readonly conversationId: number;
  readonly name: string;
  readonly status: 'sending' | 'failed';
  /** Why it was not sent (status failed). */
  readonly error?: string;
}

export interface FileUploadsState {
  readonly byConversation: ReadonlyMap<number, readonly FileUpload[]>;
  readonly nextId: number;
}

export function createFileUploadsStore(): StoreApi<FileUploadsState> {
  return createStore<FileUploadsState>()(() => ({ byConversation: new Map(), nextId: 1 }));
}

/** What the UI knows of a file the user picked or dropped (a `File` is one). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/**
 * The largest file that can be sent on an account: the core's 40 MB, or the account's own
 * `limits.maxUploadBytes` when that is smaller (a server limit the core reports).
 */
export function uploadLimit(account: Pick<AccountView, 'limits'> | undefined): number {
  const own = account?.limits?.maxUploadBytes;
  return own !== undefined && Number.isFinite(own) && own >= 0 ? Math.min(MAX_FILE_BYTES, Math.floor(own)) : MAX_FILE_BYTES;
}

/** The hint beside "Attach file": "Files up to 64 KB". */
export function uploadLimitHint(limit: number): string {
  return i18n.t('uploads.limitHint', { size: formatSize(limit) });
}

/** Why a file cannot be sent at all, or null when it can. */
export function fileProblem(file: PickedFile, limit: number = MAX_FILE_BYTES): string | null {
  if (file.size > limit) {
    return i18n.t('uploads.tooLarge', { name: file.name, size: formatSize(file.size), limit: formatSize(limit) });
  }
  return null;
}

export function mimeTypeOf(file: PickedFile): string {
  const type = file.type.trim();
  return type === '' ? FALLBACK_MIME_TYPE : type.slice(0, 255);
}

/** A name the bridge accepts (1 to 255 characters); the core sanitizes it further. */
export function fileNameOf(file: PickedFile): string {
  const name = file.name.trim();
  if (name === '') return 'file';
  let kept = '';
  for (const char of name) {
    // By whole characters, so that a name is never cut inside a surrogate pair.
    if (kept.length + char.length > 255) break;
    kept += char;
  }
  return kept;
}

/** The base64 payload of a `data:` URL as FileReader.readAsDataURL gives it. */
export function base64OfDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma === -1 ? '' : dataUrl.slice(comma + 1);
}

function withUploads(state: FileUploadsState, conversationId: number, uploads: readonly FileUpload[], nextId = state.nextId): FileUploadsState {
  const byConversation = new Map(state.byConversation);
  if (uploads.length === 0) byConversation.delete(conversationId);
  else byConversation.set(conversationId, uploads);
  return { byConversation, nextId };
}

/** Adds an upload (sending, or already failed); returns the new state and its id. */
export function startUpload(
  state: FileUploadsState, conversationId: number, name: string, error?: string,
): { readonly state: FileUploadsState; readonly id: number } {
  const id = state.nextId;
  const upload: FileUpload = error === undefined ? { id, conversationId, name, status: 'sending' } : { id, conversationId, name, status: 'failed', error };
  const list = state.byConversation.get(conversationId) ?? [];
  return { state: withUploads(state, conversationId, [...list, upload], id + 1), id };
}

export function uploadFailed(state: FileUploadsState, conversationId: number, id: number, error: string): FileUploadsState {
  const list = state.byConversation.get(conversationId) ?? [];
  return withUploads(state, conversationId, list.map((upload) => (upload.id === id ? { ...upload, status: 'failed', error } : upload)));
}

/** The upload is done (stored by the core) or the user dismissed its error. */
export function dropUpload(state: FileUploadsState, conversationId: number, id: number): FileUploadsState {
  const list = state.byConversation.get(conversationId) ?? [];
  if (!list.some((upload) => upload.id === id)) return state;
  return withUploads(state, conversationId, list.filter((upload) => upload.id !== id));
}

/** A closed conversation's uploads go with it. */
export function forgetUploads(state: FileUploadsState, conversationId: number): FileUploadsState {
  return state.byConversation.has(conversationId) ? withUploads(state, conversationId, []) : state;
}
