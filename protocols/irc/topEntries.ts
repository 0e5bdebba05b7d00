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
