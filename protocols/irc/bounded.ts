/**
 * Collections a server can fill: one entry per nick, channel or line it sends. A hostile or
 * merely huge network must not make them grow without limit, so each keeps a maximum and
 * drops what was used least recently.
 */

/** A set that forgets its oldest entries beyond `max` (insertion order; `add` of a known entry refreshes it). */
export class BoundedSet {
  private readonly entries = new Set<string>();
  /**
   * One iterator for the set's whole life, always at its oldest entry: V8 keeps deleted
   * entries as holes until it rehashes, and a fresh `values().next()` walks past all of them
   * each time (some 9 µs per message in a flood of new msgids); this one walks past each once.
   * It never finishes: every entry it passed was deleted, so the live ones all lie ahead.
   */
  private readonly oldest: Iterator<string> = this.entries.values();

  constructor(private readonly max: number) {}

  has(value: string): boolean {
    return this.entries.has(value);
  }

  add(value: string): this {
    this.entries.delete(value);
    this.entries.add(value);
    if (this.entries.size > this.max) {
      const oldest = this.oldest.next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return this;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The `keep` entries with the largest `rank` among many offered, in memory proportional to
 * `keep` (not to how many are offered): the list is cut back whenever it reaches twice that.
 */
export class TopEntries<T> {
  private entries: T[] = [];

  constructor(private readonly keep: number, private readonly rank: (entry: T) => number) {}

  offer(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length >= 2 * this.keep) this.cut();
  }

  /** The kept entries, largest rank first. */
  result(): T[] {
    this.cut();
    return [...this.entries];
  }

  /** How many entries are held right now (at most twice `keep`). */
  get held(): number {
    return this.entries.length;
  }

  private cut(): void {
    this.entries.sort((a, b) => this.rank(b) - this.rank(a));
    this.entries.length = Math.min(this.entries.length, this.keep);
  }
}
