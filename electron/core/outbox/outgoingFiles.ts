/**
 * The private copies of files the user sends (`<profile>/uploads-pending/<message id>-<name>`).
 * A copy is kept until the network has the message, or the user cancels it: a file that
 * failed to go out is sent again from it on Retry, as Element and Pidgin let the user do,
 * instead of asking for the file anew. At start-up, copies of messages that no longer wait
 * (sent, cancelled, or gone with their conversation) are removed.
 */
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OutgoingFileSource } from '../files/stagedFiles.js';

/** What of a message names its copy. */
export interface OutgoingFileOf {
  readonly id: number;
  readonly name: string;
}

export class OutgoingFiles {
  constructor(private readonly dir: string) {}

  /** Where a message's copy lies (whether or not it is there). */
  pathOf(file: OutgoingFileOf): string {
    return join(this.dir, `${file.id}-${file.name}`);
  }

  /** Whether a message's copy is still there to send (again). */
  has(file: OutgoingFileOf): boolean {
    return existsSync(this.pathOf(file));
  }

  /** Keeps the file's bytes for a message: written, or moved from where headless mode staged them. */
  async keep(file: OutgoingFileOf, source: OutgoingFileSource): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.pathOf(file);
    if ('bytes' in source) await writeFile(path, source.bytes, { mode: 0o600 });
    else await moveFile(source.staged.path, path);
  }

  /** The message went out or was dropped: its copy goes. */
  async release(messageId: number): Promise<void> {
    for (const name of await this.names()) {
      if (ownerOf(name) === messageId) await rm(join(this.dir, name), { force: true });
    }
  }

  /** Removes every copy whose message does not wait any more (`waiting` says which do). */
  async sweep(waiting: (messageId: number) => boolean): Promise<void> {
    for (const name of await this.names()) {
      const owner = ownerOf(name);
      if (owner === undefined || !waiting(owner)) await rm(join(this.dir, name), { force: true });
    }
  }

  private async names(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch {
      return [];
    }
  }
}

function ownerOf(fileName: string): number | undefined {
  const match = /^(\d+)-/.exec(fileName);
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

/** A rename, or a copy where the two folders are on different file systems. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch {
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}
