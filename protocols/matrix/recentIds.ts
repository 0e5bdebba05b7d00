/**
 * A set of event ids that forgets its oldest beyond `max`: what the plugin remembers per
 * event (handled, waiting for a key) must not grow with every message of a busy room.
 * (The same idea as protocols/irc/bounded.ts; plugins do not share modules.)
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  /**
   * One iterator for the set's whole life, always at its oldest entry: a fresh
   * `values().next()` walks past every deleted entry V8 still keeps as a hole (irc/bounded.ts
   * measured it). It never finishes: what it passed was deleted, and entries added (or added
   * again) go to the end, ahead of it.
   */
  private readonly oldest: Iterator<string> = this.ids.values();

  constructor(private readonly max: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const oldest = this.oldest.next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
  }

  delete(id: string): boolean {
    return this.ids.delete(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
