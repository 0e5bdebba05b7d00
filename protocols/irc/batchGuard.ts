/**
 * Bounds on IRCv3 batches (https://ircv3.net/specs/extensions/batch). A client holds the
 * lines of a batch until its `BATCH -id` ("the batch ends"), and irc-framework keeps them
 * in memory until then. A broken or hostile server that opens a batch and never closes it
 * would hold every line tagged with it forever and grow memory without limit. So a batch
 * is closed by us when it grows past a size (lines or bytes), when it stays open too long,
 * or when too many are open at once: what came so far is delivered as if the server had
 * closed it, and later lines tagged with that batch are delivered one by one.
 */
import type { IrcMessage } from 'irc-framework';

export interface BatchLimits {
  readonly maxLines: number;
  readonly maxBytes: number;
  /** How long a batch may stay open. */
  readonly maxOpenMs: number;
  /** How many batches may be open at once. */
  readonly maxOpen: number;
}

/** Above the largest CHATHISTORY page we ask for (1,000 lines), far below what hurts. */
export const BATCH_LIMITS: BatchLimits = { maxLines: 5_000, maxBytes: 4 * 1024 * 1024, maxOpenMs: 30_000, maxOpen: 20 };
/** Force-closed batch ids remembered, so their late lines are not held again. */
const CUT_REMEMBERED = 100;

interface OpenBatch {
  lines: number;
  bytes: number;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class BatchGuard {
  private readonly open = new Map<string, OpenBatch>();
  private readonly cut = new Set<string>();

  /** `close(id, why)` must deliver the batch's lines now (as a `BATCH -id` would). */
  constructor(
    private readonly close: (id: string, why: string) => void,
    private readonly limits: BatchLimits = BATCH_LIMITS,
  ) {}

  /**
   * Look at a line before anything else does. May close batches (through `close`) and may
   * remove the batch tag of a line whose batch was closed by us, so it is delivered alone.
   */
  onLine(message: IrcMessage, length: number): void {
    const tag = message.tags['batch'];
    if (typeof tag === 'string') {
      if (this.cut.has(tag)) {
        delete message.tags['batch'];
      } else {
        const batch = this.open.get(tag);
        if (batch) {
          batch.lines++;
          batch.bytes += length;
          if (batch.lines > this.limits.maxLines || batch.bytes > this.limits.maxBytes) {
            this.forceClose(tag, `it grew past ${this.limits.maxLines} lines or ${this.limits.maxBytes} bytes`);
            delete message.tags['batch'];
          }
        }
      }
    }
    if (message.command !== 'BATCH') return;
    const reference = message.params[0] ?? '';
    const id = reference.slice(1);
    if (!id) return;
    if (reference.startsWith('+')) {
      if (this.open.has(id) || this.cut.has(id)) return;
      const timer = setTimeout(() => this.forceClose(id, `it was still open after ${this.limits.maxOpenMs / 1000} s`), this.limits.maxOpenMs);
      this.open.set(id, { lines: 0, bytes: 0, timer });
      if (this.open.size > this.limits.maxOpen) {
        const oldest = this.open.keys().next();
        if (!oldest.done) this.forceClose(oldest.value, `more than ${this.limits.maxOpen} batches were open at once`);
      }
    } else if (reference.startsWith('-')) {
      const batch = this.open.get(id);
      if (batch) clearTimeout(batch.timer);
      this.open.delete(id);
    }
  }

  /** The batches still open (for tests and logs). */
  openCount(): number {
    return this.open.size;
  }

  private forceClose(id: string, why: string): void {
    const batch = this.open.get(id);
    if (!batch) return;
    clearTimeout(batch.timer);
    this.open.delete(id);
    this.cut.add(id);
    if (this.cut.size > CUT_REMEMBERED) {
      const oldest = this.cut.values().next();
      if (!oldest.done) this.cut.delete(oldest.value);
    }
    this.close(id, why);
  }

  /** The connection is gone: stop every timer. */
  clear(): void {
    for (const batch of this.open.values()) clearTimeout(batch.timer);
    this.open.clear();
    this.cut.clear();
  }
}
