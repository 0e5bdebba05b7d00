/**
 * The profile folder holds every message, contact and (in headless mode) password of the
 * user: nobody else on the machine may read it. The folder is made owner-only (0700) even
 * when it existed before with the usual 0755, and the database is created 0600 before
 * SQLite opens it, since SQLite gives its -wal and -shm files the database file's mode.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DATABASE_FILE = 'switchboard.sqlite';

/**
 * Creates or tightens the profile folder; returns a warning in words when it cannot be
 * made owner-only (a folder of another user, a file system without modes).
 */
export function secureProfileFolder(profileDir: string): string | undefined {
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const mode = statSync(profileDir).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  try {
    chmodSync(profileDir, mode & 0o700);
  } catch (error) {
    return `The profile folder ${profileDir} can be read by other users of this machine (mode ${mode.toString(8)}) and could not be changed: ${(error as Error).message}`;
  }
  const after = statSync(profileDir).mode & 0o777;
  return (after & 0o077) === 0 ? undefined
    : `The profile folder ${profileDir} can be read by other users of this machine (mode ${after.toString(8)}); its file system keeps no owner-only modes.`;
}

/** The database's path, the file created owner-only if missing and tightened if not. */
export function prepareDatabaseFile(profileDir: string): string {
  const file = join(profileDir, DATABASE_FILE);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm']) {
    const path = file + suffix;
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
  return file;
}
