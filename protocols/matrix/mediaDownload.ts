/**
 * Fetching received files (spec §Content repository: authenticated `GET
 * /_matrix/client/v1/media/download` and `/thumbnail`, v1.11; §Sending encrypted
 * attachments: AES-CTR with the EncryptedFile's key and iv, SHA-256 of the ciphertext).
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { ProtocolError, type DownloadRequest, type DownloadResult } from '../api/index.js';
import { Attachment, EncryptedAttachment } from '@matrix-org/matrix-sdk-crypto-wasm';
import { isNetworkFailure } from './errors.js';
import type { AccountState } from './state.js';

/** The size asked of `/thumbnail` (the server picks the nearest it has, `scale` keeps the ratio). */
const THUMBNAIL_SIDE = 800;
/** Report progress at most every this many bytes, so a big file does not flood the core. */
const PROGRESS_STEP = 256 * 1024;

const MXC = /^mxc:\/\/([^/]+)\/([^/?#]+)$/;
/**
 * A download that receives nothing for this long fails: a homeserver (or a proxy) that
 * stops sending would otherwise keep it "downloading" for ever. Idle time, not total time:
 * a big file on a slow link keeps going as long as bytes arrive.
 */
export const DOWNLOAD_STALL_MS = 30_000;

/** Downloads under way per connection, by downloadId, for {@link cancelDownload}. */
const underWay = new WeakMap<AccountState, Map<string, AbortController>>();

/** Stop a download under way; it fails with "cancelled" and writes nothing. */
export function cancelDownload(state: AccountState, downloadId: string): void {
  underWay.get(state)?.get(downloadId)?.abort(new ProtocolError('network', 'The download was cancelled.'));
}

/** Run `work` with an AbortSignal that {@link cancelDownload} or a stall of {@link DOWNLOAD_STALL_MS} aborts; `alive()` restarts the stall clock. */
async function cancellable<T>(state: AccountState, downloadId: string, work: (signal: AbortSignal, alive: () => void) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const running = underWay.get(state) ?? new Map<string, AbortController>();
  underWay.set(state, running);
  running.set(downloadId, controller);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const alive = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new ProtocolError('network',
      `The download stalled: the homeserver sent nothing for ${DOWNLOAD_STALL_MS / 1000} s.`)), DOWNLOAD_STALL_MS);
  };
  alive();
  try {
    return await work(controller.signal, alive);
  } catch (error: unknown) {
    const reason: unknown = controller.signal.reason;
    throw controller.signal.aborted && reason instanceof ProtocolError ? reason : error;
  } finally {
    clearTimeout(timer);
    if (running.get(downloadId) === controller) running.delete(downloadId);
  }
}

/** The parts of an EncryptedFile (§Extensions to m.room.message msgtypes) that decryption needs. */
interface EncryptedFileInfo {
  readonly v: string;
  readonly key: unknown;
  readonly iv: string;
  readonly hashes: { readonly sha256: string };
}

/** The EncryptedFile kept in {@link Attachment.reference} by content.ts, or undefined for a plain file. */
export function encryptedFileOf(reference: string | undefined): EncryptedFileInfo | undefined {
  if (reference === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(reference);
  } catch {
    throw new ProtocolError('protocol', 'The file\'s encryption details are damaged.');
  }
  const file = parsed as Partial<EncryptedFileInfo> | null;
  if (typeof file !== 'object' || file === null || typeof file.v !== 'string' || typeof file.iv !== 'string'
    || typeof file.hashes?.sha256 !== 'string' || typeof file.key !== 'object') {
    throw new ProtocolError('protocol', 'The file\'s encryption details are incomplete.');
  }
  return { v: file.v, key: file.key, iv: file.iv, hashes: { sha256: file.hashes.sha256 } };
}

/** Download an attachment into `request.path`: decrypted and verified when it was encrypted. */
export async function downloadAttachment(state: AccountState, request: DownloadRequest): Promise<DownloadResult> {
  const mxc = request.attachment.url;
  if (!MXC.test(mxc)) throw new ProtocolError('protocol', `"${mxc}" is not a Matrix media URL.`);
  const encrypted = encryptedFileOf(request.attachment.reference);
  // An encrypted file's server-side thumbnail would be of ciphertext: only the whole file makes sense.
  const thumbnail = request.variant === 'thumbnail' && encrypted === undefined;
  const fileUrl = state.client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true);
  if (fileUrl === null) throw new ProtocolError('protocol', `"${mxc}" is not a Matrix media URL.`);
  const thumbnailUrl = thumbnail ? state.client.mxcUrlToHttp(mxc, THUMBNAIL_SIDE, THUMBNAIL_SIDE, 'scale', false, true, true) : null;
  // A server without a thumbnail of this file (not an image it can scale) answers 404 or
  // 400: the file itself then serves, so the core judges its real bytes.
  const fetched = await cancellable(state, request.downloadId, async (signal, alive) =>
    (thumbnailUrl !== null ? await fetchCapped(state, thumbnailUrl, request, true, signal, alive) : undefined)
      ?? await fetchCapped(state, fileUrl, request, false, signal, alive));
  if (!fetched) throw new ProtocolError('protocol', 'The homeserver sent nothing for this file.');
  const { bytes, mimeType } = fetched;
  const plain = encrypted ? decrypt(bytes, encrypted) : bytes;
  if (plain.byteLength > request.maxBytes) throw tooBig(request.maxBytes);
  await writeFile(request.path, plain, { flag: 'wx' });
  return { size: plain.byteLength, ...(mimeType !== undefined && !encrypted ? { mimeType } : {}) };
}

function tooBig(maxBytes: number): ProtocolError {
  return new ProtocolError('protocol', `The file is bigger than the ${Math.round(maxBytes / (1024 * 1024))} MB limit.`);
}

interface Fetched {
  readonly bytes: Uint8Array;
  readonly mimeType?: string;
}

/**
 * GET with the access token, reading at most `maxBytes` and reporting progress on the way.
 * With `optional`, a 404 or 400 answer gives undefined instead of an error. `signal` stops
 * it (cancel or stall); `alive` is called as bytes arrive.
 */
async function fetchCapped(
  state: AccountState, url: string, request: DownloadRequest, optional: boolean, signal: AbortSignal, alive: () => void,
): Promise<Fetched | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${state.session.accessToken}` }, signal });
  } catch (error: unknown) {
    if (signal.aborted) throw error;
    throw new ProtocolError(isNetworkFailure(error) ? 'network' : 'protocol', 'Could not reach the homeserver to download the file.');
  }
  if (optional && (response.status === 404 || response.status === 400)) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.status === 404) throw new ProtocolError('protocol', 'The homeserver no longer has this file (it was deleted or has expired).');
  if (!response.ok) throw new ProtocolError(response.status >= 500 ? 'network' : 'protocol', `The homeserver refused the download (HTTP ${response.status}).`);
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > request.maxBytes) {
    await response.body?.cancel();
    throw tooBig(request.maxBytes);
  }
  const total = Number.isFinite(announced) ? announced : request.attachment.size;
  const reader = response.body?.getReader();
  // Whatever fetch does with the signal once the answer has begun, a waiting read ends now.
  const stop = (): void => void reader?.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await readCapped(state, reader, request, total, signal, alive, response.headers.get('content-type') ?? undefined);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** Read the answer's body, at most `maxBytes`, reporting progress; ends with the signal. */
async function readCapped(
  state: AccountState, reader: ReadableStreamDefaultReader<Uint8Array> | undefined, request: DownloadRequest,
  total: number | undefined, signal: AbortSignal, alive: () => void, mimeType: string | undefined,
): Promise<Fetched> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  let reported = 0;
  while (reader) {
    const { done, value } = await reader.read();
    signal.throwIfAborted();
    if (done) break;
    alive();
    received += value.byteLength;
    if (received > request.maxBytes) {
      await reader.cancel();
      throw tooBig(request.maxBytes);
    }
    chunks.push(value);
    if (received - reported >= PROGRESS_STEP) {
      reported = received;
      state.emit({ type: 'download.progress', downloadId: request.downloadId, receivedBytes: received, ...(total !== undefined ? { totalBytes: total } : {}) });
    }
  }
  return { bytes: Buffer.concat(chunks), ...(mimeType !== undefined ? { mimeType } : {}) };
}

/**
 * Check the ciphertext against the sender's SHA-256 before decrypting: a server (or anyone
 * on the way) that swapped the file is caught here, with a message that says so.
 */
function decrypt(ciphertext: Uint8Array, file: EncryptedFileInfo): Uint8Array {
  const digest = createHash('sha256').update(ciphertext).digest('base64').replace(/=+$/, '');
  if (digest !== file.hashes.sha256.replace(/=+$/, '')) {
    throw new ProtocolError('protocol', 'The encrypted file does not match its checksum: it was changed or damaged, so it was not decrypted.');
  }
  const attachment = new EncryptedAttachment(ciphertext, JSON.stringify(file));
  try {
    return Attachment.decrypt(attachment);
  } catch {
    throw new ProtocolError('protocol', 'The encrypted file could not be decrypted.');
  } finally {
    attachment.free();
  }
}
