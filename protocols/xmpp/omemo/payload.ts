/**
 * The message payload of OMEMO 0.3 (XEP-0384 v0.3 §6.3, as Conversations implements it):
 * AES-128-GCM with a random 16-byte key and 12-byte IV; the key and the 16-byte GCM tag,
 * concatenated (32 bytes), are what each device's libsignal session encrypts. Older
 * Conversations versions appended the tag to the payload and sent a 16-byte key, and used
 * 16-byte IVs: both are read.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedPayload {
  /** key (16) + tag (16): encrypted for each device. */
  readonly keyMaterial: Buffer;
  readonly iv: Buffer;
  readonly payload: Buffer;
}

export function sealPayload(plaintext: string): SealedPayload {
  const key = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-128-gcm', key, iv);
  const payload = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyMaterial: Buffer.concat([key, cipher.getAuthTag()]), iv, payload };
}

/** Key material for a key transport element (§7.3): a key and no payload. */
export function transportKeyMaterial(): { readonly keyMaterial: Buffer; readonly iv: Buffer } {
  return { keyMaterial: randomBytes(32), iv: randomBytes(12) };
}

/** Throws when the key does not fit the payload (the GCM tag does not verify). */
export function openPayload(keyMaterial: Buffer, iv: Buffer, payload: Buffer): string {
  let key: Buffer;
  let tag: Buffer;
  let ciphertext: Buffer;
  if (keyMaterial.length >= 32) {
    key = keyMaterial.subarray(0, 16);
    tag = keyMaterial.subarray(16, 32);
    ciphertext = payload;
  } else if (keyMaterial.length === 16 && payload.length >= 16) {
    key = keyMaterial;
    tag = payload.subarray(payload.length - 16);
    ciphertext = payload.subarray(0, payload.length - 16);
  } else {
    throw new Error('the message key has an unknown length');
  }
  const decipher = createDecipheriv('aes-128-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
