/**
 * Collects the core's events and delivers them in batches: one flush per frame interval,
 * or at once when a batch is full, so a flood of 10,000 messages is a few dozen frames.
 * Within a batch, repeated snapshots of the same account or conversation collapse into
 * the newest one.
 */
import type { BridgeEvent } from '../../bridge/contract.js';

export type BatchListener = (events: readonly BridgeEvent[]) => void;

function snapshotKey(event: BridgeEvent): string | undefined {
  switch (event.type) {
    case 'account.changed': return `a:${event.payload.account.id}`;
    case 'conversation.changed': return `c:${event.payload.conversation.id}`;
    default: return undefined;
  }
}

export class EventBatcher {
  private pending: BridgeEvent[] = [];
  private readonly snapshotIndex = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<BatchListener>();

  constructor(private readonly intervalMs = 16, private readonly maxBatch = 1000) {}

  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BridgeEvent): void {
    const key = snapshotKey(event);
    const index = key === undefined ? undefined : this.snapshotIndex.get(key);
    if (index !== undefined) {
      this.pending[index] = event;
      return;
    }
    if (key !== undefined) this.snapshotIndex.set(key, this.pending.length);
    this.pending.push(event);
    if (this.pending.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Delivers what is pending now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.snapshotIndex.clear();
    for (const listener of this.listeners) listener(batch);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}
