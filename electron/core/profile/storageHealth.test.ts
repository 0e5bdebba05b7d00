import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../bridge/contract.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { isStorageFailure, StorageHealth } from './storageHealth.js';

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
});

/** A real SQLite database whose "disk" is full while max_page_count is at its page count. */
function fullDatabase() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v TEXT)');
  db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(3000));
  const fill = (): void => void db.pragma(`max_page_count = ${String(db.pragma('page_count', { simple: true }))}`);
  const free = (): void => void db.pragma('max_page_count = 1000000');
  const write = (): void => void db.prepare('INSERT INTO t VALUES (?)').run('y'.repeat(3000));
  return { db, fill, free, write };
}

function health(probe: () => void) {
  const events = new EventBatcher(1);
  const seen: BridgeEvent[] = [];
  events.subscribe((batch) => void seen.push(...batch));
  const storage = new StorageHealth('/profile', events, () => undefined, probe, () => 2 * 1024 * 1024, 10);
  open.push(() => {
    storage.dispose();
    events.dispose();
  });
  const states = (): string[] => seen.flatMap((e) => (e.type === 'storage.state' ? [e.payload.state] : []));
  return { storage, states };
}

describe('storage health', () => {
  it('knows a full disk from other errors', () => {
    const { db, fill, write } = fullDatabase();
    fill();
    let full: unknown;
    try {
      write();
    } catch (error) {
      full = error;
    }
    expect(isStorageFailure(full)).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('disk'), { code: 'ENOSPC' }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('io'), { code: 'SQLITE_IOERR_WRITE' }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isStorageFailure(new Error('database or disk is full'))).toBe(false);
    db.close();
  });

  it('a refused request shows the disk full until a probe write goes through, then ok', async () => {
    const { db, fill, free, write } = fullDatabase();
    open.push(() => db.close());
    fill();
    let probes = 0;
    const { storage, states } = health(() => {
      probes++;
      write();
    });
    expect(() => storage.persist(write)).not.toThrow();
    storage.refused(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    await vi.waitFor(() => expect(storage.state).toEqual({ state: 'full', freeBytes: 2 * 1024 * 1024, folder: '/profile', dropped: 0 }));
    // Probed on the clock while the disk stays full: still full, announced once.
    await vi.waitFor(() => expect(probes).toBeGreaterThanOrEqual(3));
    expect(storage.state.state).toBe('full');
    free();
    await vi.waitFor(() => expect(storage.state).toEqual({ state: 'ok' }));
    expect(states()).toEqual(['full', 'ok']);
  });

  it('an error that is not the disk\'s is thrown to the caller, not held', () => {
    const { storage, states } = health(() => undefined);
    expect(() => storage.persist(() => {
      throw new Error('a bug');
    })).toThrow('a bug');
    expect(storage.state).toEqual({ state: 'ok' });
    expect(states()).toEqual([]);
  });
});
