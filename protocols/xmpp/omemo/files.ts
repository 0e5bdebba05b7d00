/**
 * Encrypted file sharing with OMEMO as Conversations, Gajim and Dino do it (XEP-0454, "OMEMO
 * Media sharing"): the file is encrypted with AES-256-GCM (the 16-byte tag appended), uploaded
 * with HTTP upload (XEP-0363), and shared as an `aesgcm://` link whose fragment carries the IV
 * (12 bytes; 16 from older clients) and the key (32 bytes) in hex, inside an OMEMO message.
 * The link alone is the message body; the receiver fetches the https URL and decrypts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProtocolError, type DownloadRequest, type DownloadResult } from '../../api/index.js';

const TAG_BYTES = 16;

export interface SealedFile {
  /** The encrypted file to upload (in the account's data folder); removed by `dispose`. */
  readonly path: string;
  /** The `aesgcm://` link for the https URL the upload gives. */
  link(httpsUrl: string): string;
  dispose(): Promise<void>;
}

export async function sealFile(source: string, dataDir: string): Promise<SealedFile> {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(await readFile(source)), cipher.final(), cipher.getAuthTag()]);
  const target = path.join(dataDir, `upload-${randomBytes(6).toString('hex')}.omemo`);
  await writeFile(target, sealed, { mode: 0o600 });
  const fragment = Buffer.concat([iv, key]).toString('hex');
  return {
    path: target,
    link: (httpsUrl) => `${httpsUrl.replace(/^https?:/i, 'aesgcm:').replace(/#.*$/, '')}#${fragment}`,
    dispose: () => rm(target, { force: true }),
  };
}

/** An `aesgcm://` link: the URL to fetch, the IV and the key; undefined when it is not one. */
export function parseAesgcm(link: string): { url: string; iv: Buffer; key: Buffer } | undefined {
  const match = /^aesgcm:\/\/([^#\s]+)#([0-9a-f]{88}|[0-9a-f]{96})$/i.exec(link.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const secret = Buffer.from(match[2], 'hex');
  const ivBytes = secret.length - 32;
  return { url: `https://${match[1]}`, iv: secret.subarray(0, ivBytes), key: secret.subarray(ivBytes) };
}

/**
 * Fetches and decrypts an `aesgcm://` attachment into `request.path`. Over https, except for
 * a loopback host (W3C Secure Contexts, as uploads): test servers upload over plain http.
 */
export async function downloadAesgcm(request: DownloadRequest, fetchFile: typeof fetch = fetch): Promise<DownloadResult> {
  const parsed = parseAesgcm(request.attachment.url);
  if (!parsed) throw new ProtocolError('protocol', 'This attachment is not an encrypted file link this app can open.');
  let response = await fetchFile(parsed.url).catch(() => undefined);
  const host = new URL(parsed.url).hostname;
  if (!response && (host === '127.0.0.1' || host === 'localhost' || host === '[::1]')) {
    response = await fetchFile(parsed.url.replace(/^https:/, 'http:')).catch(() => undefined);
  }
  if (!response) throw new ProtocolError('network', `The encrypted file could not be fetched from ${host}.`);
  if (!response.ok) throw new ProtocolError('network', `${host} answered ${response.status} for the encrypted file.`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > request.maxBytes + TAG_BYTES) throw new ProtocolError('protocol', 'The encrypted file is larger than allowed.');
  if (bytes.length < TAG_BYTES) throw new ProtocolError('protocol', 'The encrypted file is cut short.');
  const decipher = createDecipheriv('aes-256-gcm', parsed.key, parsed.iv);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ProtocolError('protocol', 'The encrypted file does not match its key: it was changed or damaged on the way.');
  }
  await writeFile(request.path, plain, { mode: 0o600 });
  const mimeType = response.headers.get('content-type');
  return { size: plain.length, ...(mimeType ? { mimeType } : {}) };
}
