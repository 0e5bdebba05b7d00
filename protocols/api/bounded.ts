/**
 * Collections a server can fill: one entry per id, nick or line it sends. A hostile or merely
 * busy network must not make them grow without limit, so each keeps a maximum and forgets its
 * oldest entry (insertion order; setting or adding an entry again makes it the newest).
 */

/** A map that forgets its oldest entries beyond `max`. */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  /**
   * One iterator for the map's whole life, always at its oldest entry: V8 keeps deleted
   * entries as holes until it rehashes, and a fresh `keys().next()` walks past all of them
   * each time (some 9 µs per message in an IRC flood of new msgids); this one walks past each
   * once. It never finishes: it moves only while the map holds more than `max` entries, every
   * entry it passed was deleted, and an entry set again goes to the end, ahead of it.
   */
  private readonly oldest: Iterator<K> = this.entries.keys();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) {
      const oldest = this.oldest.next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A set that forgets its oldest entries beyond `max`. */
export class BoundedSet<T> {
  private readonly entries: BoundedMap<T, true>;

  constructor(max: number) {
    this.entries = new BoundedMap(max);
  }

  has(value: T): boolean {
    return this.entries.has(value);
  }

  add(value: T): this {
    this.entries.set(value, true);
    return this;
  }

  delete(value: T): boolean {
    return this.entries.delete(value);
  }

  get size(): number {
    return this.entries.size;
  }
}
