/**
 * Avatar bytes checked and kept on disk. XEP-0084 §4.2.1 and XEP-0153 §4.2 both name an
 * image by the SHA-1 of its bytes (40 hex digits), so the cache is one file per hash under
 * the account's data folder, and a file is trusted only after its hash is checked again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Avatar } from '../api/index.js';

/** Contact.avatar is at most 64 KiB of bytes (API 0.2). */
export const AVATAR_MAX_BYTES = 64 * 1024;

const HASH = /^[0-9a-f]{40}$/;

/** A SHA-1 hex hash as both XEPs write it (lower-case); undefined when it is not one. */
export function normalizeHash(text: string | undefined): string | undefined {
  const hash = text?.trim().toLowerCase();
  return hash !== undefined && HASH.test(hash) ? hash : undefined;
}

export function sha1Hex(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The image type from the first bytes (never from what the sender claims), or undefined. */
export function sniffImageType(bytes: Uint8Array): Avatar['mimeType'] | undefined {
  const starts = (...values: number[]): boolean => values.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

/** Base64 as XMPP carries it (line breaks allowed, XEP-0153 BINVAL often has them); undefined when malformed. */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

export type AvatarCheck = { readonly ok: true; readonly avatar: Avatar } | { readonly ok: false; readonly reason: string };

/** Bytes that claim to be the image `hash`: checked for the hash, the size and the type. */
export function checkAvatar(hash: string, bytes: Uint8Array): AvatarCheck {
  if (bytes.length > AVATAR_MAX_BYTES) return { ok: false, reason: `it is ${bytes.length} bytes (at most ${AVATAR_MAX_BYTES})` };
  if (sha1Hex(bytes) !== hash) return { ok: false, reason: 'its SHA-1 does not match the announced hash' };
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return { ok: false, reason: 'it is not a PNG, JPEG, GIF or WebP image' };
  return { ok: true, avatar: { mimeType, dataBase64: Buffer.from(bytes).toString('base64') } };
}

export class AvatarCache {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'avatars');
  }

  private file(hash: string): string | undefined {
    const checked = normalizeHash(hash); // never a path from the network
    return checked ? path.join(this.dir, checked) : undefined;
  }

  /** The cached image `hash`, re-checked; undefined when absent or damaged. */
  async get(hash: string): Promise<Avatar | undefined> {
    const file = this.file(hash);
    if (!file) return undefined;
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) return undefined;
    const check = checkAvatar(hash, bytes);
    return check.ok ? check.avatar : undefined;
  }

  /** Keep checked bytes (written to a temporary name first, so a crash leaves no half file). */
  async put(hash: string, bytes: Uint8Array): Promise<void> {
    const file = this.file(hash);
    if (!file) return;
    await mkdir(this.dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  }
}
