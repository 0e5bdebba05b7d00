/**
 * Whether the profile's disk takes writes. A write that fails because the disk is full (or
 * the disk fails) must not crash the core nor lose what came in: the services that write
 * report such a failure here and register what to try again; this service tells the UI
 * (the `storage.state` event: free space and folder, for the banner), retries every couple
 * of seconds and as soon as the disk shows free space, and clears the state when a write
 * succeeds again.
 */
import { statfsSync } from 'node:fs';
import type { EventBatcher } from '../bridge/eventBatcher.js';

/** What the UI is told: `ok`, or `full` with the free bytes, the folder and what had to be dropped. */
export type StorageState =
  | { readonly state: 'ok' }
  | { readonly state: 'full'; readonly freeBytes: number; readonly folder: string; readonly dropped: number };

/** How often held writes are tried again while the disk is full. */
export const STORAGE_RETRY_MS = 2000;

/**
 * True for the errors of a disk that takes no more writes: SQLite's SQLITE_FULL and its
 * I/O errors (SQLITE_IOERR_WRITE, …: https://sqlite.org/rescode.html#full), Node's ENOSPC
 * and EDQUOT.
 */
export function isStorageFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC' || code === 'EDQUOT';
}

export class StorageHealth {
  private current: StorageState = { state: 'ok' };
  private readonly retries = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private droppedCount = 0;

  constructor(
    private readonly folder: string,
    private readonly events: EventBatcher,
    private readonly log: (line: string) => void,
    /** A write that changes nothing, to learn whether the disk takes writes again. */
    private readonly probe: () => void,
    private readonly freeBytes: (folder: string) => number = freeBytesOf,
    private readonly retryMs = STORAGE_RETRY_MS,
  ) {}

  get state(): StorageState {
    return this.current;
  }

  /**
   * A write failed. A storage failure is recorded (the banner shows) and `retry`, if given,
   * is run again on the retry clock until it stops reporting failures; true is returned.
   * Any other error is not ours: false, and the caller handles it as before.
   */
  failed(error: unknown, retry?: () => void): boolean {
    if (!isStorageFailure(error)) return false;
    if (retry) this.retries.add(retry);
    if (this.current.state === 'ok') this.log(`storage: a write to ${this.folder} failed, holding what could not be saved: ${String(error)}`);
    this.publish({ state: 'full', freeBytes: this.freeBytes(this.folder), folder: this.folder, dropped: this.droppedCount });
    this.arm();
    return true;
  }

  /**
   * A write that is not retried (the user's request, which was answered with the error)
   * met a full disk: the state is full until a probe write goes through.
   */
  refused(error: unknown): void {
    this.failed(error, this.probeUntilWritable);
  }

  private readonly probeUntilWritable = (): void => {
    try {
      this.probe();
    } catch (error) {
      if (!this.failed(error, this.probeUntilWritable)) this.log(`storage: the probe write failed: ${String(error)}`);
    }
  };

  /**
   * Runs a write; when the disk refuses it, false, and it is run again on the retry clock
   * until it goes through. Any other error is thrown.
   */
  persist(write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      if (this.failed(error, () => void this.persist(write))) return false;
      throw error;
    }
  }

  /** Held data had to be dropped (the hold is bounded): counted, and said in the banner. */
  droppedHeld(count: number): void {
    this.droppedCount += count;
    if (this.current.state === 'full') this.publish({ ...this.current, dropped: this.droppedCount });
  }

  /** A write went through: the disk takes writes again. */
  succeeded(): void {
    if (this.current.state === 'ok' || this.retries.size > 0) return;
    this.log(`storage: writes to ${this.folder} succeed again`);
    this.droppedCount = 0;
    this.publish({ state: 'ok' });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.retries.clear();
  }

  private publish(state: StorageState): void {
    const same = JSON.stringify(state) === JSON.stringify(this.current);
    this.current = state;
    if (!same) this.events.emit({ type: 'storage.state', payload: state });
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retryNow();
    }, this.retryMs);
    this.timer.unref();
  }

  /** Runs every registered retry once; a retry that fails again registers itself again. */
  private retryNow(): void {
    const due = [...this.retries];
    this.retries.clear();
    for (const retry of due) retry();
    if (this.retries.size > 0) {
      if (this.current.state === 'full') this.publish({ ...this.current, freeBytes: this.freeBytes(this.folder) });
      this.arm();
    } else {
      this.succeeded();
    }
  }
}

/** Bytes an unprivileged process may still write on the folder's file system (statfs f_bavail). */
function freeBytesOf(folder: string): number {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return 0;
  }
}
