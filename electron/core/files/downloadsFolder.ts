/**
 * Where saved attachments land: the downloads folder, under the sender's file name made
 * safe (fileNames.ts) and unique ("photo (2).png"), never overwriting anything. A download
 * is written to a hidden temporary file in the same folder first and only given its name
 * once complete and checked, so a broken download never leaves a half file behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, link, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { sanitizeFileName } from './fileNames.js';

/** How many "name (n).ext" variants to try before giving up. */
const MAX_VARIANTS = 1000;

export class DownloadsFolder {
  constructor(readonly dir: string) {}

  /** A fresh path for a download in progress (the file does not exist yet). */
  async temporaryPath(): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    return join(this.dir, `.switchboard-${randomBytes(8).toString('hex')}.part`);
  }

  /**
   * Give a finished temporary file its final, unique name. `link` fails when the name is
   * taken, so two saves at once cannot pick the same name and nothing is overwritten.
   */
  async place(temporaryPath: string, wantedName: string): Promise<{ readonly name: string; readonly path: string }> {
    const safe = sanitizeFileName(wantedName);
    const extension = extname(safe);
    const stem = extension === '' || extension === safe ? safe : safe.slice(0, -extension.length);
    for (let variant = 1; variant <= MAX_VARIANTS; variant++) {
      const name = variant === 1 ? safe : `${stem} (${variant})${extension}`;
      const path = join(this.dir, name);
      try {
        await link(temporaryPath, path);
      } catch (error: unknown) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      await unlink(temporaryPath);
      return { name, path };
    }
    throw new Error(`No free name for ${safe} in ${this.dir}.`);
  }
}
