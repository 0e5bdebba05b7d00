/**
 * Noticing a server that went silent without closing anything (a frozen process, a dead
 * route): after `intervalMs` without a byte from the server, probe it once (XEP-0198 §4
 * `<r/>`, or a XEP-0199 ping); after `timeoutMs` without one, the connection counts as lost.
 * The defaults match the IRC plugin's: probe after 60 s, give up after 120 s (desktop
 * clients range from HexChat's 30 s / 60 s to irssi's and WeeChat's 60 s / 300 s).
 */
export interface KeepAliveTimes {
  /** Quiet time after which the server is probed. */
  readonly intervalMs: number;
  /** Quiet time after which the connection is dropped. */
  readonly timeoutMs: number;
}

export const DEFAULT_KEEP_ALIVE: KeepAliveTimes = { intervalMs: 60_000, timeoutMs: 120_000 };

export interface KeepAliveActions {
  /** True while there is a live connection worth watching. */
  readonly watching: () => boolean;
  readonly probe: () => void;
  /** The server stayed silent for `timeoutMs`. */
  readonly dead: () => void;
}

export class KeepAlive {
  private lastReceived = Date.now();
  private probed = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(readonly times: KeepAliveTimes, private readonly actions: KeepAliveActions) {
    // Checked a few times per interval, so a verdict comes at most a quarter interval late.
    const period = Math.min(10_000, Math.max(250, Math.floor(times.intervalMs / 4)));
    this.timer = setInterval(() => this.check(), period);
    this.timer.unref();
  }

  /** Something arrived from the server (or a new connection was just made). */
  received(): void {
    this.lastReceived = Date.now();
    this.probed = false;
  }

  /** How long the server has been silent. */
  get quietMs(): number {
    return Date.now() - this.lastReceived;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    if (!this.actions.watching()) return;
    const quiet = Date.now() - this.lastReceived;
    if (quiet >= this.times.timeoutMs) {
      this.received(); // one verdict per silence
      this.actions.dead();
    } else if (quiet >= this.times.intervalMs && !this.probed) {
      this.probed = true;
      this.actions.probe();
    }
  }
}
