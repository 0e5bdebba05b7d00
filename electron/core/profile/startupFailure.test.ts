import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainStartupFailure } from './startupFailure.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('a failed start in words', () => {
  it('names the file and the cause of a file-system error, and what to do', () => {
    const error = Object.assign(new Error("EROFS: read-only file system, open '/m/p/switchboard.lock'"), { code: 'EROFS', path: '/m/p/switchboard.lock' });
    expect(explainStartupFailure(error, '/m/p')).toBe(
      "The file /m/p/switchboard.lock is on a read-only file system. Switchboard writes its history there: choose a writable profile folder or remount the disk. (EROFS: read-only file system, open '/m/p/switchboard.lock')",
    );
    const missing = thrown(() => openSync(join(mkdtempSync(join(tmpdir(), 'sf-')), 'no', 'such'), 'r'));
    expect(explainStartupFailure(missing, '/p')).toMatch(/^ENOENT/);
  });

  it('names the profile for SQLite errors, which carry no path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-'));
    const db = new BetterSqlite3(join(dir, 'x.sqlite'));
    db.exec('CREATE TABLE t (x)');
    db.close();
    const readonly = new BetterSqlite3(join(dir, 'x.sqlite'), { readonly: true });
    const error = thrown(() => readonly.exec('INSERT INTO t VALUES (1)'));
    readonly.close();
    expect(explainStartupFailure(error, dir)).toBe(`The profile ${dir} is read-only. Switchboard writes its history there: make the file and its folder writable. (attempt to write a readonly database)`);
  });
});
