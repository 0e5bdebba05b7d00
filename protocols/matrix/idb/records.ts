/** The data of one database: object stores as sorted key → value lists, with index metadata. */
import { compareKeys, keyAtPath, isValidKey, KeyRange, type IdbKey } from './keys.js';

export interface IndexMeta {
  readonly name: string;
  readonly keyPath: string | readonly string[];
  readonly unique: boolean;
  readonly multiEntry: boolean;
}

export interface IndexEntry {
  readonly key: IdbKey;
  readonly primaryKey: IdbKey;
}

/** Records of one object store, kept sorted by key (binary search). */
export class StoreData {
  readonly indexes = new Map<string, IndexMeta>();

  constructor(readonly name: string, public records: [IdbKey, unknown][] = []) {}

  private find(key: IdbKey): { found: boolean; at: number } {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.records[middle];
      const order = entry ? compareKeys(entry[0], key) : 1;
      if (order === 0) return { found: true, at: middle };
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return { found: false, at: low };
  }

  get(key: IdbKey): unknown {
    const { found, at } = this.find(key);
    return found ? this.records[at]?.[1] : undefined;
  }

  has(key: IdbKey): boolean {
    return this.find(key).found;
  }

  put(key: IdbKey, value: unknown): void {
    const { found, at } = this.find(key);
    if (found) this.records[at] = [key, value];
    else this.records.splice(at, 0, [key, value]);
  }

  delete(key: IdbKey): void {
    const { found, at } = this.find(key);
    if (found) this.records.splice(at, 1);
  }

  /** Records whose key is in `range` (all without one), in key order. */
  inRange(range: KeyRange | undefined): [IdbKey, unknown][] {
    return range ? this.records.filter(([key]) => range.includes(key)) : [...this.records];
  }

  /** The index's entries for the current records, sorted by index key then primary key. */
  indexEntries(index: IndexMeta): IndexEntry[] {
    const entries: IndexEntry[] = [];
    for (const [primaryKey, value] of this.records) {
      for (const key of indexKeysOf(index, value)) entries.push({ key, primaryKey });
    }
    return entries.sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.primaryKey, b.primaryKey));
  }

  /** A copy to restore on abort (values are never mutated in place, so a shallow copy will do). */
  snapshot(): StoreData {
    const copy = new StoreData(this.name, [...this.records]);
    for (const [name, meta] of this.indexes) copy.indexes.set(name, meta);
    return copy;
  }
}

/** §2.6 the index keys a value has: none if the key path yields no valid key; each element with multiEntry. */
export function indexKeysOf(index: IndexMeta, value: unknown): IdbKey[] {
  const raw = keyAtPath(value, index.keyPath);
  if (index.multiEntry && Array.isArray(raw)) {
    const keys = (raw as unknown[]).filter(isValidKey) as IdbKey[];
    return keys.filter((key, i) => keys.findIndex((other) => compareKeys(other, key) === 0) === i);
  }
  return isValidKey(raw) ? [raw as IdbKey] : [];
}

export class DatabaseData {
  stores = new Map<string, StoreData>();

  constructor(readonly name: string, public version = 0) {}

  snapshot(): DatabaseData {
    const copy = new DatabaseData(this.name, this.version);
    for (const [name, store] of this.stores) copy.stores.set(name, store.snapshot());
    return copy;
  }

  restore(from: DatabaseData): void {
    this.version = from.version;
    this.stores = from.stores;
  }
}
