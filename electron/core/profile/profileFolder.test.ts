import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import { prepareDatabaseFile, secureProfileFolder } from './profileFolder.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('profile folder', () => {
  it('tightens a folder that existed with 0755 and creates a new one 0700', () => {
    const parent = mkdtempSync(join(tmpdir(), 'switchboard-profile-'));
    const existing = join(parent, 'existing');
    mkdirSync(existing, { mode: 0o755 });
    chmodSync(existing, 0o755);
    expect(secureProfileFolder(existing)).toBeUndefined();
    expect(mode(existing)).toBe(0o700);
    const fresh = join(parent, 'fresh', 'nested');
    expect(secureProfileFolder(fresh)).toBeUndefined();
    expect(mode(fresh)).toBe(0o700);
  });

  it('creates the database, its WAL and shared memory owner-only, and tightens old ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-profile-'));
    chmodSync(dir, 0o755);
    const file = prepareDatabaseFile(dir);
    const db = openDatabase(file);
    db.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
    db.close();
    chmodSync(file, 0o644);
    prepareDatabaseFile(dir);
    expect(mode(file)).toBe(0o600);
  });
});
