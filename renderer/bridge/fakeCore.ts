/** A scripted core for the renderer's tests: answers requests from handlers, pushes events, closes. */
import type { BridgeEvent, RequestName } from '../../electron/bridge/contract.js';
import type { RequestFrame } from '../../electron/bridge/frames.js';
import type { BridgeError } from '../../electron/bridge/schemas.js';
import type { SessionTransport } from './transports.js';

export type FakeHandler = (params: unknown) => unknown;

export class FakeCore {
  readonly requests: { method: RequestName; params: unknown }[] = [];
  private frameListeners: ((frame: unknown) => void)[] = [];
  private closeListeners: ((reason: string) => void)[] = [];
  /** Requests not answered yet (when a handler returns `held`). */
  readonly held: RequestFrame[] = [];
  closed = false;

  constructor(private readonly handlers: Partial<Record<RequestName, FakeHandler>>) {}

  static readonly hold = Symbol('hold');

  transport(): SessionTransport {
    return {
      send: (frame) => {
        this.requests.push({ method: frame.method, params: frame.params });
        const handler = this.handlers[frame.method];
        if (!handler) {
          this.fail(frame.id, { kind: 'not-supported', message: `no handler for ${frame.method}` });
          return;
        }
        const value = handler(frame.params);
        if (value === FakeCore.hold) this.held.push(frame);
        else this.reply(frame.id, value);
      },
      onFrame: (listener) => { this.frameListeners.push(listener); },
      onClose: (listener) => { this.closeListeners.push(listener); },
      close: () => this.close('closed'),
    };
  }

  reply(id: number, value: unknown): void {
    queueMicrotask(() => this.emit({ type: 'reply', id, ok: true, value }));
  }

  fail(id: number, error: BridgeError): void {
    queueMicrotask(() => this.emit({ type: 'reply', id, ok: false, error }));
  }

  push(events: readonly BridgeEvent[]): void {
    this.emit({ type: 'events', events });
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener(reason);
  }

  private emit(frame: unknown): void {
    if (this.closed) return;
    for (const listener of this.frameListeners) listener(frame);
  }
}
