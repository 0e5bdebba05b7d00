/**
 * One running core per profile. Two cores on one profile would both connect the same
 * accounts (the servers kick one, then the other, forever), and each would rewrite the
 * secret store from its own stale copy. The desktop app and headless mode default to the
 * same folder, so both hosts take this lock (in createCore) before they open anything.
 *
 * The lock is a file created with O_EXCL holding the owner's PID. A lock whose process is
 * gone (a crash, kill -9, a power cut) is stale and is taken over; one whose process lives
 * refuses the start with that PID, in words. Same rule as Firefox's `lock`/`.parentlock`.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const PROFILE_LOCK_FILE = 'switchboard.lock';

/** The profile is in use by another running process. */
export class ProfileInUseError extends Error {
  constructor(readonly profileDir: string, readonly pid: number) {
    super(`This profile is in use by ${pid > 0 ? `process ${pid}` : 'another process that is starting'} (${profileDir}). Quit the other Switchboard, or start this one with another profile.`);
    this.name = 'ProfileInUseError';
  }
}

export interface ProfileLock {
  /** Removes the lock file if it is still ours. */
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const [pid, host] = readFileSync(file, 'utf8').trim().split('\n');
    const parsed = Number.parseInt(pid ?? '', 10);
    return Number.isSafeInteger(parsed) && parsed > 0 ? { pid: parsed, host: host ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this PID runs on this machine (EPERM: it runs as someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

/**
 * Takes the profile's lock or throws {@link ProfileInUseError}. A lock written on another
 * host (a profile on a network share) is honoured as long as its file exists: its process
 * cannot be checked from here.
 */
export function acquireProfileLock(profileDir: string): ProfileLock {
  const file = join(profileDir, PROFILE_LOCK_FILE);
  const me = `${process.pid}\n${hostname()}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      return {
        release() {
          if (readOwner(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner === undefined) {
      // Created but not yet written: another start is between its two steps. Left empty for
      // seconds, its writer died there: stale.
      if (!olderThan(file, 5_000)) throw new ProfileInUseError(profileDir, 0);
    } else if (owner.host !== hostname() || processAlive(owner.pid)) {
      throw new ProfileInUseError(profileDir, owner.pid);
    }
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`Could not take the profile lock ${file}: another process keeps creating it.`);
}
