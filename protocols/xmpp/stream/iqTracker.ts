/**
 * Our iq requests waiting for their answer (RFC 6120 §8.2.3: every get/set gets exactly one
 * result or error, matched by id), with a deadline each.
 */
import { ProtocolError } from '../../api/index.js';
import { attr, type Element } from '../xml.js';

/** An iq answered with type="error"; the connection turns it into words (stanzaErrors.ts). */
export class IqError extends Error {
  constructor(readonly stanza: Element) {
    super('iq error');
    this.name = 'IqError';
  }
}

interface PendingIq {
  readonly resolve: (element: Element) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class IqTracker {
  private readonly pending = new Map<string, PendingIq>();

  /** Wait for the answer to iq `id`; `what` names the addressee in the timeout message. */
  wait(id: string, what: string, timeoutMs: number): Promise<Element> {
    return new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ProtocolError('network', `${what} did not answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  /** The request could not be sent: its waiter fails with `error`. */
  fail(id: string, error: Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.reject(error);
  }

  /** An incoming iq result/error: true when it answered one of ours. */
  settle(element: Element): boolean {
    const type = attr(element, 'type');
    if (type !== 'result' && type !== 'error') return false;
    const id = attr(element, 'id');
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!pending || id === undefined) return false;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (type === 'result') pending.resolve(element);
    else pending.reject(new IqError(element));
    return true;
  }

  /** The session ended: every waiting request fails with `error`. */
  failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }
}
