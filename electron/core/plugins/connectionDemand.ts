/**
 * Which accounts currently need a plugin's worker, and when it has gone unneeded long
 * enough to be stopped. A worker is a whole V8 isolate with the plugin's libraries (tens
 * of MB for Matrix): a network the user has no enabled account on should not cost that.
 * An account needs the worker from the moment its connection is created until it is
 * destroyed, disconnected, or its connect attempt fails (a retry creates it again).
 */
export class ConnectionDemand {
  private readonly live = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /** `onIdle` is called once nothing has needed the worker for `idleMs`. */
  constructor(private readonly idleMs: number, private readonly onIdle: () => void) {}

  get needed(): boolean {
    return this.live.size > 0;
  }

  add(accountId: string): void {
    this.live.add(accountId);
    clearTimeout(this.timer);
  }

  drop(accountId: string): void {
    if (this.live.delete(accountId) && this.live.size === 0) this.idleAfter(this.idleMs);
  }

  /** Starts the countdown to `onIdle` (if nothing needs the worker), replacing a running one. */
  idleAfter(ms: number = this.idleMs): void {
    clearTimeout(this.timer);
    if (this.live.size > 0) return;
    this.timer = setTimeout(() => {
      if (this.live.size === 0) this.onIdle();
    }, ms);
    this.timer.unref();
  }

  /** The worker is gone (stopped for good): no account holds a connection in it any more. */
  reset(): void {
    clearTimeout(this.timer);
    this.live.clear();
  }
}
