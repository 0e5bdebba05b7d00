/** IDBObjectStore, IDBIndex and IDBCursor (W3C Indexed Database API 3.0, §4.5–4.8), out-of-line keys only. */
import { checkKey, compareKeys, KeyRange, toRange, type IdbKey } from './keys.js';
import { indexKeysOf, type IndexEntry, type IndexMeta, type StoreData } from './records.js';
import { domError, DomStringList, IdbRequest } from './requests.js';
import type { IdbTransaction } from './transaction.js';

function clone<T>(value: T): T {
  return structuredClone(value);
}

type Direction = 'next' | 'prev' | 'nextunique' | 'prevunique';

export class IdbObjectStore {
  constructor(readonly transaction: IdbTransaction, readonly name: string) {}

  get keyPath(): null {
    return null;
  }

  get autoIncrement(): boolean {
    return false;
  }

  /** The store's data, looked up at each use (a versionchange abort may replace it). */
  data(): StoreData {
    const store = this.transaction.db.data.stores.get(this.name);
    if (!store) throw domError('InvalidStateError', `The object store ${this.name} was deleted.`);
    return store;
  }

  get indexNames(): DomStringList {
    return DomStringList.fromNames(this.data().indexes.keys());
  }

  private write(value: unknown, keyArgument: unknown, overwrite: boolean): IdbRequest {
    if (keyArgument === undefined) throw domError('DataError', 'This object store needs an explicit key.');
    const key = checkKey(keyArgument);
    const stored = clone(value);
    return this.transaction.place(this, () => {
      const store = this.data();
      this.transaction.willWrite(store);
      if (!overwrite && store.has(key)) throw domError('ConstraintError', 'A record with this key already exists.');
      for (const index of store.indexes.values()) {
        if (!index.unique) continue;
        for (const indexKey of indexKeysOf(index, stored)) {
          const clash = store.indexEntries(index).find((entry) => compareKeys(entry.key, indexKey) === 0 && compareKeys(entry.primaryKey, key) !== 0);
          if (clash) throw domError('ConstraintError', `Index ${index.name} is unique.`);
        }
      }
      store.put(key, stored);
      return key;
    });
  }

  put(value: unknown, key?: unknown): IdbRequest {
    return this.write(value, key, true);
  }

  add(value: unknown, key?: unknown): IdbRequest {
    return this.write(value, key, false);
  }

  get(query: unknown): IdbRequest {
    const range = toRange(query);
    return this.transaction.place(this, () => {
      const first = this.data().inRange(range)[0];
      return first ? clone(first[1]) : undefined;
    });
  }

  getKey(query: unknown): IdbRequest {
    const range = toRange(query);
    return this.transaction.place(this, () => this.data().inRange(range)[0]?.[0]);
  }

  getAll(query?: unknown, count?: number): IdbRequest {
    const range = toRange(query);
    return this.transaction.place(this, () => this.data().inRange(range).slice(0, count || undefined).map(([, value]) => clone(value)));
  }

  getAllKeys(query?: unknown, count?: number): IdbRequest {
    const range = toRange(query);
    return this.transaction.place(this, () => this.data().inRange(range).slice(0, count || undefined).map(([key]) => key));
  }

  count(query?: unknown): IdbRequest {
    const range = toRange(query);
    return this.transaction.place(this, () => this.data().inRange(range).length);
  }

  delete(query: unknown): IdbRequest {
    const range = toRange(query);
    return this.transaction.place(this, () => {
      const store = this.data();
      this.transaction.willWrite(store);
      for (const [key] of store.inRange(range)) store.delete(key);
      return undefined;
    });
  }

  clear(): IdbRequest {
    return this.transaction.place(this, () => {
      const store = this.data();
      this.transaction.willWrite(store);
      store.records = [];
      return undefined;
    });
  }

  openCursor(query?: unknown, direction: Direction = 'next'): IdbRequest {
    const range = toRange(query);
    return openCursor(this.transaction, this, direction, true, () =>
      this.data().inRange(range).map(([key]) => ({ key, primaryKey: key })), this);
  }

  openKeyCursor(query?: unknown, direction: Direction = 'next'): IdbRequest {
    const range = toRange(query);
    return openCursor(this.transaction, this, direction, false, () =>
      this.data().inRange(range).map(([key]) => ({ key, primaryKey: key })), this);
  }

  index(name: string): IdbIndex {
    const meta = this.data().indexes.get(name);
    if (!meta) throw domError('NotFoundError', `No index named ${name}.`);
    return new IdbIndex(this, meta);
  }

  createIndex(name: string, keyPath: string | readonly string[], options: { unique?: boolean; multiEntry?: boolean } = {}): IdbIndex {
    if (this.transaction.mode !== 'versionchange') throw domError('InvalidStateError', 'Indexes are created in an upgrade.');
    const store = this.data();
    if (store.indexes.has(name)) throw domError('ConstraintError', `Index ${name} exists.`);
    const meta: IndexMeta = { name, keyPath: Array.isArray(keyPath) ? [...(keyPath as string[])] : keyPath, unique: options.unique === true, multiEntry: options.multiEntry === true };
    store.indexes.set(name, meta);
    return new IdbIndex(this, meta);
  }

  deleteIndex(name: string): void {
    if (this.transaction.mode !== 'versionchange') throw domError('InvalidStateError', 'Indexes are deleted in an upgrade.');
    this.data().indexes.delete(name);
  }
}

export class IdbIndex {
  constructor(readonly objectStore: IdbObjectStore, private readonly meta: IndexMeta) {}

  get name(): string {
    return this.meta.name;
  }

  get keyPath(): string | readonly string[] {
    return this.meta.keyPath;
  }

  get unique(): boolean {
    return this.meta.unique;
  }

  get multiEntry(): boolean {
    return this.meta.multiEntry;
  }

  private entries(range: KeyRange | undefined): IndexEntry[] {
    const all = this.objectStore.data().indexEntries(this.meta);
    return range ? all.filter((entry) => range.includes(entry.key)) : all;
  }

  private place(run: () => unknown): IdbRequest {
    return this.objectStore.transaction.place(this, run);
  }

  get(query: unknown): IdbRequest {
    const range = toRange(query);
    return this.place(() => {
      const first = this.entries(range)[0];
      return first ? clone(this.objectStore.data().get(first.primaryKey)) : undefined;
    });
  }

  getKey(query: unknown): IdbRequest {
    const range = toRange(query);
    return this.place(() => this.entries(range)[0]?.primaryKey);
  }

  getAll(query?: unknown, count?: number): IdbRequest {
    const range = toRange(query);
    return this.place(() => this.entries(range).slice(0, count || undefined).map((entry) => clone(this.objectStore.data().get(entry.primaryKey))));
  }

  getAllKeys(query?: unknown, count?: number): IdbRequest {
    const range = toRange(query);
    return this.place(() => this.entries(range).slice(0, count || undefined).map((entry) => entry.primaryKey));
  }

  count(query?: unknown): IdbRequest {
    const range = toRange(query);
    return this.place(() => this.entries(range).length);
  }

  openCursor(query?: unknown, direction: Direction = 'next'): IdbRequest {
    const range = toRange(query);
    return openCursor(this.objectStore.transaction, this, direction, true, () => this.entries(range), this.objectStore);
  }

  openKeyCursor(query?: unknown, direction: Direction = 'next'): IdbRequest {
    const range = toRange(query);
    return openCursor(this.objectStore.transaction, this, direction, false, () => this.entries(range), this.objectStore);
  }
}

/** §4.8 IDBCursor(WithValue) over a snapshot of entries, re-reading each value when it gets there. */
export class IdbCursor {
  key: IdbKey | undefined;
  primaryKey: IdbKey | undefined;
  value: unknown;
  private position = -1;
  private readonly entries: IndexEntry[];

  constructor(
    private readonly transaction: IdbTransaction, readonly source: unknown, readonly direction: Direction,
    private readonly withValue: boolean, entries: IndexEntry[], private readonly store: IdbObjectStore, readonly request: IdbRequest,
  ) {
    const ordered = direction.startsWith('prev') ? [...entries].reverse() : entries;
    this.entries = direction.endsWith('unique') ? ordered.filter((entry, i) => i === 0 || compareKeys(entry.key, (ordered[i - 1] as IndexEntry).key) !== 0) : ordered;
  }

  /** Move to the next entry that still exists (after `count` steps, or at/after `target`); null at the end. */
  step(count = 1, target?: IdbKey): this | null {
    const forward = !this.direction.startsWith('prev');
    let remaining = count;
    for (;;) {
      this.position++;
      const entry = this.entries[this.position];
      if (!entry) {
        this.key = undefined;
        this.primaryKey = undefined;
        this.value = undefined;
        return null;
      }
      const data = this.store.data();
      if (!data.has(entry.primaryKey)) continue;
      if (target !== undefined && (forward ? compareKeys(entry.key, target) < 0 : compareKeys(entry.key, target) > 0)) continue;
      if (--remaining > 0) continue;
      this.key = entry.key;
      this.primaryKey = entry.primaryKey;
      this.value = this.withValue ? clone(data.get(entry.primaryKey)) : undefined;
      return this;
    }
  }

  continue(key?: unknown): void {
    const target = key === undefined ? undefined : checkKey(key);
    this.transaction.place(this.source, () => this.step(1, target), this.request);
  }

  advance(count: number): void {
    this.transaction.place(this.source, () => this.step(count), this.request);
  }

  update(value: unknown): IdbRequest {
    if (this.primaryKey === undefined) throw domError('InvalidStateError', 'The cursor has no current record.');
    return this.store.put(value, this.primaryKey);
  }

  delete(): IdbRequest {
    if (this.primaryKey === undefined) throw domError('InvalidStateError', 'The cursor has no current record.');
    return this.store.delete(this.primaryKey);
  }
}

function openCursor(
  transaction: IdbTransaction, source: unknown, direction: Direction, withValue: boolean,
  entries: () => IndexEntry[], store: IdbObjectStore,
): IdbRequest {
  let cursor: IdbCursor | undefined;
  const request = transaction.place(source, () => {
    cursor ??= new IdbCursor(transaction, source, direction, withValue, entries(), store, request);
    return cursor.step();
  });
  return request;
}
