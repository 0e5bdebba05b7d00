/**
 * The UI side of the bridge, independent of the transport: typed requests with replies
 * matched by id, and a stream of validated event batches. The renderer runs it over the
 * preload (Electron) or a WebSocket (headless mode); scripts and tests can too.
 */
import { events as eventContract, requests, type BridgeEvent, type EventName, type RequestName, type RequestParams, type RequestResult } from './contract.js';
import { serverFrameSchema, type RequestFrame, type ServerFrame } from './frames.js';
import type { BridgeError } from './schemas.js';

/** Moves frames; knows nothing of their meaning. */
export interface BridgeTransport {
  send(frame: RequestFrame): void;
  /** Registers the one frame listener. */
  onFrame(listener: (frame: unknown) => void): void;
  /** Registers a listener for the transport closing; pending requests fail then. */
  onClose(listener: (reason: string) => void): void;
}

/** A request the core answered with an error. */
export class BridgeRequestError extends Error {
  readonly kind: BridgeError['kind'];
  readonly detail: BridgeError;
  constructor(detail: BridgeError) {
    super(detail.message);
    this.name = 'BridgeRequestError';
    this.kind = detail.kind;
    this.detail = detail;
  }
}

interface Pending {
  readonly method: RequestName;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export type EventBatchListener = (events: readonly BridgeEvent[]) => void;

export class BridgeClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<EventBatchListener>();
  private closedReason: string | undefined;

  constructor(private readonly transport: BridgeTransport) {
    transport.onFrame((frame) => this.receive(frame));
    transport.onClose((reason) => this.close(reason));
  }

  /** Sends a request and resolves with its validated result. */
  request<N extends RequestName>(method: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    if (this.closedReason !== undefined) {
      return Promise.reject(new BridgeRequestError({ kind: 'network', message: this.closedReason }));
    }
    const id = this.nextId++;
    return new Promise<RequestResult<N>>((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.transport.send({ type: 'request', id, method, params });
    });
  }

  /** Listens to event batches; returns the function that stops listening. */
  subscribe(listener: EventBatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(raw: unknown): void {
    const parsed = serverFrameSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('bridge: dropped a malformed frame', parsed.error.message);
      return;
    }
    const frame = parsed.data as ServerFrame;
    if (frame.type === 'events') {
      this.dispatchEvents(frame.events);
      return;
    }
    const pending = this.pending.get(frame.id);
    if (!pending) return;
    this.pending.delete(frame.id);
    if (!frame.ok) {
      pending.reject(new BridgeRequestError(frame.error));
      return;
    }
    const result = requests[pending.method].result.safeParse(frame.value);
    if (result.success) pending.resolve(result.data);
    else pending.reject(new BridgeRequestError({ kind: 'internal', message: `Malformed reply to ${pending.method}: ${result.error.message}` }));
  }

  private dispatchEvents(raw: readonly { type: string; payload: unknown }[]): void {
    const valid: BridgeEvent[] = [];
    for (const item of raw) {
      const spec = (eventContract as Record<string, (typeof eventContract)[EventName] | undefined>)[item.type];
      if (!spec) continue; // an event from a newer core: ignore
      const payload = spec.payload.safeParse(item.payload);
      if (payload.success) valid.push({ type: item.type, payload: payload.data } as BridgeEvent);
      else console.warn(`bridge: dropped a malformed ${item.type} event`, payload.error.message);
    }
    if (valid.length === 0) return;
    for (const listener of this.listeners) listener(valid);
  }

  private close(reason: string): void {
    this.closedReason = reason;
    for (const pending of this.pending.values()) {
      pending.reject(new BridgeRequestError({ kind: 'network', message: reason }));
    }
    this.pending.clear();
  }
}
