/**
 * Fetching an attachment that is a plain https URL (XMPP HTTP upload, XEP-0363) by the core
 * itself: the URL comes from someone else's message, so the request carries nothing of the
 * user's (no cookies, no credentials, no referrer), TLS is verified, plain http is refused
 * (also after a redirect), redirects are few, and reading stops at a size limit whatever the
 * server announced.
 */
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { get, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { CoreError } from '../model/coreError.js';

export interface HttpsDownloadOptions {
  readonly maxBytes: number;
  readonly maxRedirects?: number;
  /** Certificate authorities to trust instead of the system's; tests only (a local server's own CA). */
  readonly ca?: string;
  readonly timeoutMs?: number;
  readonly onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
  /** Stops the transfer (the user cancelled); the partial file is removed. */
  readonly signal?: AbortSignal;
}

export interface HttpsDownloadResult {
  readonly size: number;
  readonly mimeType?: string;
}

const DEFAULT_REDIRECTS = 3;

function fault(kind: 'network' | 'protocol', message: string): CoreError {
  return new CoreError({ kind, message });
}

export function tooBigFault(maxBytes: number): CoreError {
  return fault('protocol', `The file is bigger than the ${Math.round(maxBytes / (1024 * 1024))} MB limit.`);
}

function open(url: URL, options: HttpsDownloadOptions): Promise<IncomingMessage> {
  const request: RequestOptions = {
    headers: { 'User-Agent': 'Switchboard', Accept: '*/*' },
    timeout: options.timeoutMs ?? 30_000,
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  };
  return new Promise((resolve, reject) => {
    const outgoing = get(url, request, resolve);
    outgoing.on('timeout', () => outgoing.destroy(fault('network', `${url.hostname} did not answer in time.`)));
    outgoing.on('error', (error: Error & { code?: string }) => {
      if (error instanceof CoreError) return reject(error);
      const tls = /CERT|SELF_SIGNED|SSL|TLS/i.test(error.code ?? '');
      reject(fault('network', tls
        ? `The file was not downloaded: the certificate of ${url.hostname} could not be verified (${error.code ?? error.message}).`
        : `Could not reach ${url.hostname} to download the file (${error.code ?? error.message}).`));
    });
  });
}

/** Follow at most `maxRedirects` https redirects to a 200 answer. */
async function openFollowing(start: string, options: HttpsDownloadOptions): Promise<IncomingMessage> {
  let url = new URL(start);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:') throw fault('protocol', 'The file was not downloaded: only https links are fetched (this one is not encrypted).');
    const response = await open(url, options);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location !== undefined) {
      response.resume();
      if (hop >= (options.maxRedirects ?? DEFAULT_REDIRECTS)) throw fault('protocol', 'The file was not downloaded: the server redirected too many times.');
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status === 200) return response;
    response.resume();
    if (status === 404 || status === 410) throw fault('protocol', 'The server no longer has this file (it was deleted or has expired).');
    throw fault(status >= 500 ? 'network' : 'protocol', `The server refused the download (HTTP ${status}).`);
  }
}

/** Download `url` into a new file at `path`; the file is removed again when anything fails. */
export async function httpsDownload(url: string, path: string, options: HttpsDownloadOptions): Promise<HttpsDownloadResult> {
  const response = await openFollowing(url, options);
  const announced = Number(response.headers['content-length'] ?? NaN);
  if (announced > options.maxBytes) {
    response.destroy();
    throw tooBigFault(options.maxBytes);
  }
  const total = Number.isFinite(announced) ? announced : undefined;
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > options.maxBytes) {
        callback(tooBigFault(options.maxBytes));
        return;
      }
      options.onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(response, counter, createWriteStream(path, { flags: 'wx' }), ...(options.signal !== undefined ? [{ signal: options.signal }] : []));
  } catch (error: unknown) {
    await unlink(path).catch(() => undefined);
    if (error instanceof CoreError) throw error;
    throw fault('network', `The download broke off: ${error instanceof Error ? error.message : String(error)}`);
  }
  const mimeType = response.headers['content-type'];
  return { size: received, ...(mimeType !== undefined ? { mimeType } : {}) };
}
