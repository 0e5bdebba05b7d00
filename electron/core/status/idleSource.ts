/**
 * How long the user has been away from the keyboard. Two sources: the desktop app asks the
 * system (Electron's powerMonitor.getSystemIdleTime, see electron/shell/systemIdle.ts);
 * headless mode only knows the page's own keyboard and pointer activity, which the
 * renderer reports (`activity.report`, throttled).
 */
export interface IdleSource {
  /** Milliseconds since the user's last input. */
  idleMs(): number;
  /** Calls back at once when the user is back, where the source can tell (else it is polled). */
  onActivity?(listener: () => void): () => void;
}

/** Headless mode: the last activity any open page reported. */
export class PageActivity implements IdleSource {
  private last: number;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  /** A page saw keyboard or pointer input. */
  note(): void {
    this.last = this.now();
    for (const listener of this.listeners) listener();
  }

  idleMs(): number {
    return Math.max(0, this.now() - this.last);
  }

  onActivity(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
