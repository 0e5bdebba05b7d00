/**
 * XEP-0198 stream management bookkeeping: the count of stanzas we handled (`h`, §4), the
 * stanzas we sent that the server has not acknowledged yet (§4), and what resumption
 * (§5) needs: the session id and which stanzas to send again.
 */
import type { Element } from '../xml.js';

export interface Outgoing {
  readonly element: Element;
  /** The server acknowledged it (XEP-0198 §4): it has the stanza. */
  readonly onAcked?: () => void;
  /** The session ended without an acknowledgement. */
  readonly onLost?: () => void;
}

const MOD = 2 ** 32;

export class StreamManagement {
  /** Session id from `<enabled/>`, when the server allows resumption. */
  id: string | undefined;
  /** Whether the current stream has SM enabled. */
  enabled = false;
  /** Stanzas handled on the inbound side (§4 'h'). */
  inbound = 0;
  /** The last 'h' the server acknowledged. */
  private acked = 0;
  /** Sent (or queued while disconnected) and not acknowledged, oldest first. */
  private unacked: Outgoing[] = [];

  enable(id: string | undefined): void {
    this.enabled = true;
    this.id = id;
    this.inbound = 0;
    this.acked = 0;
  }

  handledInbound(): void {
    this.inbound = (this.inbound + 1) % MOD;
  }

  track(outgoing: Outgoing): void {
    this.unacked.push(outgoing);
  }

  get pending(): number {
    return this.unacked.length;
  }

  /** The server says it handled `h` of our stanzas (§4 `<a/>`, §5 `<resumed/>`). */
  acknowledge(h: number): void {
    if (!Number.isInteger(h) || h < 0 || h >= MOD) return;
    let count = (h - this.acked + MOD) % MOD;
    if (count > this.unacked.length) count = this.unacked.length; // a confused server: ack what we have
    this.acked = h;
    for (const outgoing of this.unacked.splice(0, count)) outgoing.onAcked?.();
  }

  /** After `<resumed/>`: what the server has not got, to send again in order. */
  takeUnacked(): Outgoing[] {
    return this.unacked.splice(0);
  }

  /** The session is over: every unacknowledged stanza is lost. */
  lose(): void {
    this.enabled = false;
    this.id = undefined;
    for (const outgoing of this.unacked.splice(0)) outgoing.onLost?.();
  }
}
