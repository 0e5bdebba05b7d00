/**
 * Watches the idle time and says when the user became idle (past the auto-away time) and
 * when they are back. It sleeps until the earliest moment the user could be idle (no
 * polling while they are active); while idle it is told of activity by the source where it
 * can be (headless mode), else it polls (the system's idle time has no event).
 */
import type { IdleSource } from './idleSource.js';

/** Pure: idle past the threshold; a threshold of 0 means never. */
export function isIdle(idleMs: number, thresholdMs: number): boolean {
  return thresholdMs > 0 && idleMs >= thresholdMs;
}

export interface AutoAwayWatchOptions {
  readonly source: IdleSource;
  /** The auto-away time now (0: never); read at each check, so a preference change applies. */
  readonly thresholdMs: () => number;
  /** Called with true when the user became idle, false when they are back. */
  readonly changed: (idle: boolean) => void;
  /** While idle, how often to look whether the user is back when the source cannot say. */
  readonly backPollMs?: number;
}

export class AutoAwayWatch {
  private idle = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopListening: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: AutoAwayWatchOptions) {
    this.stopListening = options.source.onActivity?.(() => this.check());
    this.check();
  }

  get isIdle(): boolean {
    return this.idle;
  }

  /** Looks now (also after the threshold changed) and plans the next look. */
  check(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const threshold = this.options.thresholdMs();
    const idleMs = this.options.source.idleMs();
    const idle = isIdle(idleMs, threshold);
    if (idle !== this.idle) {
      this.idle = idle;
      this.options.changed(idle);
    }
    if (threshold <= 0) return; // never: a preference change calls check() again
    const wait = idle
      ? (this.options.source.onActivity ? undefined : (this.options.backPollMs ?? 2000))
      : threshold - idleMs;
    if (wait === undefined) return;
    this.timer = setTimeout(() => this.check(), Math.max(wait, 10));
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopListening?.();
  }
}
