/**
 * The other person sends a file the way Element does (spec §m.image / §m.file; in an
 * encrypted room §Sending encrypted attachments: AES-CTR, the key, iv and SHA-256 in the
 * event's `file`), with ways to misbehave for the hostile-input tests.
 */
import { Attachment } from '@matrix-org/matrix-sdk-crypto-wasm';
import type { MatrixClient } from 'matrix-js-sdk';

export interface OutgoingFile {
  readonly name: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** Announce this size instead of the real one. */
  readonly claimedSize?: number;
  /** Flip a byte of the ciphertext after encrypting (the hash no longer matches). */
  readonly tamper?: boolean;
  /** Point at this mxc:// instead of uploading. */
  readonly url?: string;
}

export async function sendFile(client: MatrixClient, roomId: string, encrypted: boolean, file: OutgoingFile): Promise<void> {
  const info = { mimetype: file.mimeType, size: file.claimedSize ?? file.bytes.length };
  const msgtype = file.mimeType.startsWith('image/') ? 'm.image' : 'm.file';
  let source: Record<string, unknown>;
  if (encrypted) {
    const sealed = Attachment.encrypt(file.bytes);
    const keys = JSON.parse(sealed.mediaEncryptionInfo ?? '{}') as Record<string, unknown>;
    const ciphertext = new Uint8Array(sealed.encryptedData);
    sealed.free();
    if (file.tamper === true) ciphertext[0] = (ciphertext[0] ?? 0) ^ 0xff;
    const upload = await client.uploadContent(ciphertext, { type: 'application/octet-stream', includeFilename: false });
    source = { file: { ...keys, url: upload.content_uri } };
  } else {
    const url = file.url ?? (await client.uploadContent(new Uint8Array(file.bytes), { type: file.mimeType, name: file.name, includeFilename: true })).content_uri;
    source = { url };
  }
  await client.sendEvent(roomId, 'm.room.message' as never, { msgtype, body: file.name, filename: file.name, info, ...source } as never);
}

/** Resolves once `client` sees `userId` joined to the room (so room keys are shared with them). */
export function untilJoined(client: MatrixClient, roomId: string, userId: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (client.getRoom(roomId)?.getMember(userId)?.membership === 'join') resolve();
      else setTimeout(check, 100);
    };
    check();
  });
}
