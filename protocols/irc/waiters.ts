/** Requests waiting for the server's answer (our JOIN or PART echoed back), by channel id. */
import type { ProtocolError } from '../api/index.js';
import { withTimeout } from './timeout.js';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: ProtocolError) => void;
}

export class Waiters {
  private readonly waiting = new Map<string, Waiter>();

  /** Wait for `settle(id)`; rejects with `fail(id, …)`, `failAll(…)`, or `onTimeout()` after `ms`. */
  wait(id: string, ms: number, onTimeout: () => ProtocolError): Promise<void> {
    const answered = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    return withTimeout(answered, ms, () => {
      this.waiting.delete(id);
      return onTimeout();
    });
  }

  settle(id: string): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    waiter?.resolve();
  }

  fail(id: string, error: ProtocolError): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    waiter?.reject(error);
  }

  failAll(error: ProtocolError): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
