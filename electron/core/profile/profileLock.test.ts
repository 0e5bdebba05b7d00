import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireProfileLock, PROFILE_LOCK_FILE, ProfileInUseError } from './profileLock.js';

const profile = (): string => mkdtempSync(join(tmpdir(), 'switchboard-lock-'));

/** The PID of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('profile lock', () => {
  it('writes our PID owner-only and removes it on release', () => {
    const dir = profile();
    const lock = acquireProfileLock(dir);
    const file = join(dir, PROFILE_LOCK_FILE);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(String(process.pid));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a second start while the owner lives, naming its PID', () => {
    const dir = profile();
    const lock = acquireProfileLock(dir);
    expect(() => acquireProfileLock(dir)).toThrow(ProfileInUseError);
    expect(() => acquireProfileLock(dir)).toThrow(`This profile is in use by process ${process.pid}`);
    lock.release();
    acquireProfileLock(dir).release();
  });

  it('refuses a lock held by another live process', () => {
    const dir = profile();
    writeFileSync(join(dir, PROFILE_LOCK_FILE), `${process.ppid}\n${hostname()}\n`);
    expect(() => acquireProfileLock(dir)).toThrow(`process ${process.ppid}`);
  });

  it('takes over the stale lock of a process that died', () => {
    const dir = profile();
    const pid = deadPid();
    writeFileSync(join(dir, PROFILE_LOCK_FILE), `${pid}\n${hostname()}\n`);
    const lock = acquireProfileLock(dir);
    expect(readFileSync(join(dir, PROFILE_LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('waits out an empty lock file being written, takes one left empty for long', () => {
    const dir = profile();
    const file = join(dir, PROFILE_LOCK_FILE);
    writeFileSync(file, '');
    expect(() => acquireProfileLock(dir)).toThrow('another process that is starting');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(file, old, old);
    acquireProfileLock(dir).release();
  });

  it('honours a lock written on another host', () => {
    const dir = profile();
    writeFileSync(join(dir, PROFILE_LOCK_FILE), `${deadPid()}\nsome-other-host\n`);
    expect(() => acquireProfileLock(dir)).toThrow(ProfileInUseError);
  });

  it('does not remove a lock that another process took after ours', () => {
    const dir = profile();
    const lock = acquireProfileLock(dir);
    writeFileSync(join(dir, PROFILE_LOCK_FILE), `${process.ppid}\n${hostname()}\n`);
    lock.release();
    expect(existsSync(join(dir, PROFILE_LOCK_FILE))).toBe(true);
  });
});
