/**
 * Collects the core's events and delivers them in batches: one flush per frame interval,
 * or at once when a batch is full, so a flood of 10,000 messages is a few dozen frames.
 * Within a batch, repeated snapshots of the same account or conversation collapse into
 * the newest one.
 */
import type { BridgeEvent } from '../../bridge/contract.js';
import { IngestMeter } from '../diagnostics/ingestMeter.js';
import type { Buddy } from '../model/buddy.js';
import type { Message } from '../model/message.js';
import { contactView } from './contactViews.js';
import { messageView } from './messageViews.js';

type MessageEventType = 'message.added' | 'message.updated';

/**
 * What the core emits: the bridge's events, except that a message and a buddy are the
 * core's own (model/); they become the UI's views here, at the edge (messageViews.ts,
 * contactViews.ts).
 */
export type CoreBridgeEvent =
  | Exclude<BridgeEvent, { type: MessageEventType | 'contact.changed' }>
  | { readonly type: MessageEventType; readonly payload: { readonly message: Message } }
  | { readonly type: 'contact.changed'; readonly payload: { readonly contact: Buddy } };

function toBridgeEvent(event: CoreBridgeEvent): BridgeEvent {
  switch (event.type) {
    case 'message.added': return { type: 'message.added', payload: { message: messageView(event.payload.message) } };
    case 'message.updated': return { type: 'message.updated', payload: { message: messageView(event.payload.message) } };
    case 'contact.changed': return { type: 'contact.changed', payload: { contact: contactView(event.payload.contact) } };
    default: return event;
  }
}

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
  private holds = 0;

  constructor(private readonly intervalMs = 16, private readonly maxBatch = 1000, private readonly meter = IngestMeter.off) {}

  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CoreBridgeEvent): void {
    const started = this.meter.begin();
    const view = toBridgeEvent(event);
    this.meter.end('bridgeViews', started);
    this.push(view);
  }

  private push(event: BridgeEvent): void {
    const key = snapshotKey(event);
    const index = key === undefined ? undefined : this.snapshotIndex.get(key);
    if (index !== undefined) {
      this.pending[index] = event;
      return;
    }
    if (key !== undefined) this.snapshotIndex.set(key, this.pending.length);
    this.pending.push(event);
    if (this.pending.length >= this.maxBatch && this.holds === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** An event already in the bridge's terms, from a part that makes its own views (history, links). */
  emitBridgeEvent(event: BridgeEvent): void {
    this.push(event);
  }

  /**
   * Runs `work` (a database transaction) without delivering anything it emits until it
   * returns: the UI must never see a message that a crash could still roll back. When
   * `work` throws (the transaction rolled back), what it emitted is dropped.
   */
  holdWhile<T>(work: () => T): T {
    this.holds++;
    const start = this.pending.length;
    try {
      return work();
    } catch (error) {
      this.pending.length = start;
      this.snapshotIndex.clear();
      this.pending.forEach((event, index) => {
        const key = snapshotKey(event);
        if (key !== undefined) this.snapshotIndex.set(key, index);
      });
      throw error;
    } finally {
      this.holds--;
      if (this.holds === 0 && this.pending.length >= this.maxBatch) this.flush();
    }
  }

  /** Delivers what is pending now (not while a transaction holds it). */
  flush(): void {
    if (this.holds > 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.snapshotIndex.clear();
    const started = this.meter.begin();
    try {
      for (const listener of this.listeners) listener(batch);
    } finally {
      this.meter.end('bridgeSend', started);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}
