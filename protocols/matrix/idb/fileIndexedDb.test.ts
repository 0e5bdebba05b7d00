/** The file-backed IndexedDB: key order, stores, indexes, cursors, aborts, upgrades and persistence. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileIdbFactory, type DatabaseConnection } from './database.js';
import { compareKeys, KeyRange, type IdbKey } from './keys.js';
import type { IdbRequest } from './requests.js';
import type { IdbCursor } from './store.js';
import type { IdbTransaction } from './transaction.js';

function result<T>(request: IdbRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error ?? new Error('failed'));
  });
}

function done(transaction: IdbTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('aborted'));
  });
}

async function open(factory: FileIdbFactory, version = 1): Promise<DatabaseConnection> {
  const request = factory.open('test', version);
  request.onupgradeneeded = () => {
    const db = request.result as DatabaseConnection;
    if (!db.objectStoreNames.contains('items')) {
      const store = db.createObjectStore('items') as { createIndex(name: string, keyPath: string, options?: object): unknown };
      store.createIndex('byColour', 'colour');
      store.createIndex('byTag', 'tags', { multiEntry: true });
    }
  };
  return result<DatabaseConnection>(request);
}

describe('file-backed IndexedDB', () => {
  it('orders keys as the spec says: number < date < string < binary < array', () => {
    const keys: IdbKey[] = [['a'], new Uint8Array([1]), 'b', 'a', new Date(5), 10, -1, [1, 'x'], [1]];
    const sorted = [...keys].sort(compareKeys);
    expect(sorted).toEqual([-1, 10, new Date(5), 'a', 'b', new Uint8Array([1]), [1], [1, 'x'], ['a']]);
    expect(KeyRange.bound('a', 'c', false, true).includes('c')).toBe(false);
    expect(KeyRange.lowerBound(5).includes(5)).toBe(true);
    expect(() => KeyRange.bound('z', 'a')).toThrow();
  });

  it('stores, reads with indexes and cursors, aborts cleanly, and keeps it all in a file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'idb-test-'));
    const factory = new FileIdbFactory(() => folder);
    const db = await open(factory);
    const write = db.transaction('items', 'readwrite');
    const items = write.objectStore('items');
    items.put({ colour: 'red', tags: ['a', 'b'], bytes: new Uint8Array([1, 2]) }, 'k1');
    items.put({ colour: 'blue', tags: ['b'] }, 'k2');
    items.put({ colour: 'red', tags: [] }, 'k3');
    await done(write);

    const read = db.transaction(['items'], 'readonly').objectStore('items');
    expect(await result(read.index('byColour').getAll('red'))).toHaveLength(2);
    expect(await result(read.index('byTag').count('b'))).toBe(2);
    expect(await result(read.getAllKeys(KeyRange.lowerBound('k2')))).toEqual(['k2', 'k3']);
    const seen: unknown[] = [];
    await new Promise<void>((resolve) => {
      const cursorRequest = read.openCursor();
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result as IdbCursor | null;
        if (!cursor) {
          resolve();
          return;
        }
        seen.push(cursor.key);
        cursor.continue();
      };
    });
    expect(seen).toEqual(['k1', 'k2', 'k3']);

    const doomed = db.transaction('items', 'readwrite');
    doomed.objectStore('items').delete('k1');
    doomed.objectStore('items').add({ colour: 'green' }, 'k2'); // exists: ConstraintError aborts everything
    await expect(done(doomed)).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await result(db.transaction('items').objectStore('items').count())).toBe(3);

    db.close();
    const again = await open(new FileIdbFactory(() => folder));
    const stored = await result<{ bytes: Uint8Array }>(again.transaction('items').objectStore('items').get('k1'));
    expect(stored.bytes).toEqual(new Uint8Array([1, 2]));
    expect(again.version).toBe(1);
  });

  it('an upgrade to a newer version keeps the data and a lower version is refused', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'idb-test-'));
    const factory = new FileIdbFactory(() => folder);
    const db = await open(factory);
    const write = db.transaction('items', 'readwrite');
    write.objectStore('items').put({ colour: 'red' }, 1);
    await done(write);
    const upgraded = await open(factory, 2);
    expect(upgraded.version).toBe(2);
    expect(await result(upgraded.transaction('items').objectStore('items').count())).toBe(1);
    await expect(result(factory.open('test', 1))).rejects.toMatchObject({ name: 'VersionError' });
  });
});
