/**
 * IndexedDB keys and key ranges (W3C Indexed Database API 3.0, §2.7 Keys, §2.9 Key Range):
 * the ordering number < date < string < binary < array, compared element by element.
 */

export type IdbKey = number | string | Date | ArrayBuffer | ArrayBufferView | readonly IdbKey[];

function typeRank(key: unknown): number {
  if (typeof key === 'number') return 0;
  if (key instanceof Date) return 1;
  if (typeof key === 'string') return 2;
  if (key instanceof ArrayBuffer || ArrayBuffer.isView(key)) return 3;
  if (Array.isArray(key)) return 4;
  return -1;
}

function bytesOf(key: ArrayBuffer | ArrayBufferView): Uint8Array {
  return key instanceof ArrayBuffer ? new Uint8Array(key) : new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
}

export class DataError extends Error {
  constructor(message: string, override readonly name = 'DataError') {
    super(message);
  }
}

/** §2.7: a valid key, or throw DataError. */
export function checkKey(key: unknown): IdbKey {
  const rank = typeRank(key);
  if (rank < 0 || (rank === 0 && Number.isNaN(key)) || (rank === 1 && Number.isNaN((key as Date).getTime()))) {
    throw new DataError('The parameter is not a valid key.');
  }
  if (rank === 4) for (const part of key as unknown[]) checkKey(part);
  return key as IdbKey;
}

export function isValidKey(key: unknown): boolean {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
}

/** §2.7 compare two keys: -1, 0 or 1. */
export function compareKeys(a: IdbKey, b: IdbKey): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case 0: return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
    case 1: return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 2: return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 3: {
      const x = bytesOf(a as ArrayBuffer);
      const y = bytesOf(b as ArrayBuffer);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
      }
      return Math.sign(x.length - y.length);
    }
    default: {
      const x = a as readonly IdbKey[];
      const y = b as readonly IdbKey[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const order = compareKeys(x[i] as IdbKey, y[i] as IdbKey);
        if (order !== 0) return order;
      }
      return Math.sign(x.length - y.length);
    }
  }
}

/** §2.9 IDBKeyRange. */
export class KeyRange {
  private constructor(
    readonly lower: IdbKey | undefined,
    readonly upper: IdbKey | undefined,
    readonly lowerOpen: boolean,
    readonly upperOpen: boolean,
  ) {}

  static only(value: unknown): KeyRange {
    const key = checkKey(value);
    return new KeyRange(key, key, false, false);
  }

  static lowerBound(lower: unknown, open = false): KeyRange {
    return new KeyRange(checkKey(lower), undefined, open, true);
  }

  static upperBound(upper: unknown, open = false): KeyRange {
    return new KeyRange(undefined, checkKey(upper), true, open);
  }

  static bound(lower: unknown, upper: unknown, lowerOpen = false, upperOpen = false): KeyRange {
    const low = checkKey(lower);
    const high = checkKey(upper);
    const order = compareKeys(low, high);
    if (order > 0 || (order === 0 && (lowerOpen || upperOpen))) throw new DataError('The lower key is greater than the upper key.');
    return new KeyRange(low, high, lowerOpen, upperOpen);
  }

  includes(value: unknown): boolean {
    const key = checkKey(value);
    if (this.lower !== undefined) {
      const order = compareKeys(this.lower, key);
      if (order > 0 || (order === 0 && this.lowerOpen)) return false;
    }
    if (this.upper !== undefined) {
      const order = compareKeys(key, this.upper);
      if (order > 0 || (order === 0 && this.upperOpen)) return false;
    }
    return true;
  }
}

/** A query argument: a key, a range, or nothing (everything). */
export function toRange(query: unknown): KeyRange | undefined {
  if (query === undefined || query === null) return undefined;
  if (query instanceof KeyRange) return query;
  return KeyRange.only(query);
}

/** §2.5 evaluate a key path (a dotted string, or an array of them) on a value. */
export function keyAtPath(value: unknown, keyPath: string | readonly string[]): unknown {
  if (Array.isArray(keyPath)) return (keyPath as readonly string[]).map((path) => keyAtPath(value, path));
  if (keyPath === '') return value;
  let current: unknown = value;
  for (const part of (keyPath as string).split('.')) {
    if (typeof current !== 'object' || current === null || !(part in current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
