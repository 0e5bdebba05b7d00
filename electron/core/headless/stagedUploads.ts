/**
 * Headless mode's file uploads: the browser POSTs the file's bytes, which stream into a
 * private file (0600, in a 0700 folder) and never sit whole in memory; the answer is an id
 * that `messages.sendFile` names. Size-capped while streaming, a few at a time, and
 * deleted when not claimed within a while.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StagedFile, StagedFiles } from '../files/stagedFiles.js';

export interface StagedUploadLimits {
  readonly maxBytes: number;
  /** Uploads streaming at once. */
  readonly maxActive: number;
  /** An upload nobody sent is deleted after this. */
  readonly keepMs: number;
}

export type UploadOutcome =
  | { readonly ok: true; readonly uploadId: string }
  | { readonly ok: false; readonly status: 413 | 503 | 500 | 400; readonly message: string };

class TooLarge extends Error {}

export class StagedUploads implements StagedFiles {
  private readonly files = new Map<string, { readonly file: StagedFile; readonly timer: NodeJS.Timeout }>();
  private active = 0;

  constructor(private readonly dir: string, private readonly limits: StagedUploadLimits) {}

  /** Streams `body` into a new staged file; `declaredLength` is the request's Content-Length. */
  async receive(body: Readable, declaredLength: number | undefined): Promise<UploadOutcome> {
    const tooLarge = { ok: false, status: 413, message: `The file is too large (the limit is ${sizeInWords(this.limits.maxBytes)}).` } as const;
    if (declaredLength !== undefined && declaredLength > this.limits.maxBytes) return tooLarge;
    if (this.active >= this.limits.maxActive) return { ok: false, status: 503, message: 'Too many files are being uploaded at once. Try again when they are done.' };
    this.active++;
    const uploadId = randomBytes(18).toString('base64url');
    const path = join(this.dir, uploadId);
    let size = 0;
    const maxBytes = this.limits.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > maxBytes ? new TooLarge() : null, chunk);
      },
    });
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await pipeline(body, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await rm(path, { force: true });
      if (error instanceof TooLarge) return tooLarge;
      return { ok: false, status: 400, message: 'The upload was interrupted. Send the file again.' };
    } finally {
      this.active--;
    }
    const timer = setTimeout(() => {
      this.files.delete(uploadId);
      void rm(path, { force: true });
    }, this.limits.keepMs);
    timer.unref();
    this.files.set(uploadId, { file: { path, size }, timer });
    return { ok: true, uploadId };
  }

  take(id: string): StagedFile | undefined {
    const entry = this.files.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.files.delete(id);
    return entry.file;
  }

  /** Deletes every upload nobody claimed. */
  async close(): Promise<void> {
    const paths = [...this.files.values()].map(({ file, timer }) => {
      clearTimeout(timer);
      return file.path;
    });
    this.files.clear();
    await Promise.all(paths.map((path) => rm(path, { force: true })));
  }
}

function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
