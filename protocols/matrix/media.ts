/**
 * Files (spec §Content repository: `POST /_matrix/media/v3/upload`, authenticated download
 * via `/_matrix/client/v1/media/download`; §Instant Messaging: m.image / m.file).
 */
import { readFile } from 'node:fs/promises';
import { ProtocolError, toProtocolErrorData, type UploadRequest } from '../api/index.js';
import { Attachment } from '@matrix-org/matrix-sdk-crypto-wasm';
import { EventType } from 'matrix-js-sdk';
import { toProtocolError } from './errors.js';
import { roomForSending } from './messages.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';

/** Biggest file read into memory for an upload. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

function msgtypeOf(mimeType: string): string {
  if (mimeType.startsWith('image/')) return 'm.image';
  if (mimeType.startsWith('video/')) return 'm.video';
  if (mimeType.startsWith('audio/')) return 'm.audio';
  return 'm.file';
}

/** Upload a file and send it as a message; confirmed/failed like a text message (localId = txnId). */
export async function uploadFile(state: AccountState, request: UploadRequest, encryptNewDms: boolean): Promise<void> {
  if (request.size > MAX_UPLOAD_BYTES) throw new ProtocolError('not-supported', 'The file is too big to send (over 100 MB).');
  const room = await roomForSending(state, request.conversationId, encryptNewDms);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(request.path));
  } catch (error: unknown) {
    throw new ProtocolError('internal', `Could not read ${request.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // §Sending encrypted attachments: in an encrypted room the server only ever sees ciphertext.
  const encrypted = room.hasEncryptionStateEvent() ? encryptAttachment(bytes) : undefined;
  let contentUri: string;
  try {
    const upload = encrypted?.ciphertext ?? bytes;
    ({ content_uri: contentUri } = await withRetry(() => state.client.uploadContent(upload, encrypted
      ? { type: 'application/octet-stream', includeFilename: false }
      : { name: request.name, type: request.mimeType, includeFilename: true }), state.isStopped));
  } catch (error: unknown) {
    throw toProtocolError(error, `upload ${request.name}`);
  }
  const content = {
    msgtype: msgtypeOf(request.mimeType),
    body: request.name,
    filename: request.name,
    ...(encrypted ? { file: { ...encrypted.file, url: contentUri } } : { url: contentUri }),
    info: { mimetype: request.mimeType, size: bytes.byteLength },
  };
  state.client.sendEvent(room.roomId, EventType.RoomMessage, content as never, request.localId)
    .then((answer) => state.emit({ type: 'message.confirmed', localId: request.localId, networkId: answer.event_id, timestamp: Date.now() }))
    .catch((error: unknown) => state.emit({ type: 'message.failed', localId: request.localId, error: toProtocolErrorData(toProtocolError(error, `send ${request.name}`)) }));
}

/** AES-CTR encryption of a file with a fresh key (EncryptedFile minus its url: v, key, iv, hashes). */
function encryptAttachment(bytes: Uint8Array): { ciphertext: Uint8Array<ArrayBuffer>; file: Record<string, unknown> } {
  const encrypted = Attachment.encrypt(bytes);
  try {
    const info = encrypted.mediaEncryptionInfo;
    if (info === undefined) throw new ProtocolError('internal', 'The file could not be encrypted.');
    return { ciphertext: new Uint8Array(encrypted.encryptedData), file: JSON.parse(info) as Record<string, unknown> };
  } finally {
    encrypted.free();
  }
}
