/**
 * A failed start in words: which file, and whether the disk is full, read-only, locked or
 * the file damaged, with what to do. The raw error (EROFS, SQLITE_FULL…) is kept at the
 * end for a bug report, never shown alone.
 */
import { statfsSync } from 'node:fs';
import { ProfileDatabaseError } from './profileDatabase.js';
import { ProfileInUseError } from './profileLock.js';
import { SecretsFileError } from '../secrets/secretsFile.js';

const CAUSES: Readonly<Record<string, string>> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'cannot be written by this user (permission denied)',
  EPERM: 'cannot be written by this user (operation not permitted)',
  ENOSPC: 'is on a full disk',
  EDQUOT: 'is over its disk quota',
  SQLITE_READONLY: 'is read-only',
  SQLITE_FULL: 'is on a full disk',
  SQLITE_CANTOPEN: 'cannot be opened',
  SQLITE_CORRUPT: 'is damaged',
  SQLITE_NOTADB: 'is not a database (damaged)',
  SQLITE_BUSY: 'is locked by another program',
  SQLITE_IOERR: 'could not be read or written (a disk error)',
};

const ADVICE: Readonly<Record<string, string>> = {
  EROFS: 'Switchboard writes its history there: choose a writable profile folder or remount the disk.',
  EACCES: 'Give your user write access to the profile folder, or choose another one.',
  EPERM: 'Give your user write access to the profile folder, or choose another one.',
  ENOSPC: 'Free some space on that disk and start again.',
  EDQUOT: 'Free some space and start again.',
  SQLITE_FULL: 'Free some space on that disk and start again.',
  SQLITE_READONLY: 'Switchboard writes its history there: make the file and its folder writable.',
  SQLITE_BUSY: 'Quit the other program using it and start again.',
};

function freeBytes(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The startup failure as the user should read it. */
export function explainStartupFailure(error: unknown, profileDir: string): string {
  if (error instanceof ProfileDatabaseError || error instanceof ProfileInUseError || error instanceof SecretsFileError) return error.message;
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const key = typeof code === 'string' ? (code.startsWith('SQLITE_IOERR') ? 'SQLITE_IOERR' : code) : undefined;
  // SQLite reports a full disk as a plain I/O error when it cannot even create its WAL or
  // shared-memory file: the free space tells which it is.
  const full = (key === 'SQLITE_IOERR' || key === 'SQLITE_FULL') && freeBytes(profileDir) < 64 * 1024;
  const cause = key === undefined ? undefined : full ? CAUSES['ENOSPC'] : CAUSES[key];
  if (cause === undefined) return error.message;
  const path = (error as { path?: unknown }).path;
  const what = typeof path === 'string' ? `The file ${path}` : `The profile ${profileDir}`;
  return `${what} ${cause}. ${ADVICE[full ? 'ENOSPC' : key ?? ''] ?? ''} (${error.message})`.replace('  ', ' ');
}
