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
  /**
   * The session ended without an acknowledgement. `written` is false for a stanza held
   * while the session was being resumed (§5) and never written to any connection: the
   * server cannot have it.
   */
  readonly onLost?: (written: boolean) => void;
}

interface Tracked {
  readonly outgoing: Outgoing;
  readonly written: boolean;
}

/**
 * An `h` the server cannot have meant: not a number, or more stanzas than we sent since its
 * last answer (which is also what an `h` going backwards looks like, counted modulo 2^32).
 * XEP-0198 §6: the stream ends with `<handled-count-too-high/>`; nothing is acknowledged.
 */
export interface AckFault {
  /** The `h` as the server wrote it. */
  readonly h: string;
  /** How many stanzas we sent in this session (mod 2^32, §4), for the stream error. */
  readonly sendCount: number;
  /** What went wrong, in words. */
  readonly reason: string;
}

const MOD = 2 ** 32;
/** §4: 'h' is an unsignedInt. Leading zeros, signs, blanks and fractions are not. */
const UNSIGNED_INT = /^(0|[1-9][0-9]{0,9})$/;

export class StreamManagement {
  /** Session id from `<enabled/>`, when the server allows resumption. */
  id: string | undefined;
  /** Whether the current stream has SM enabled. */
  enabled = false;
  /** Stanzas handled on the inbound side (§4 'h'). */
  inbound = 0;
  /** The last 'h' the server acknowledged. */
  private acked = 0;
  /** Sent (or held while disconnected: not written) and not acknowledged, oldest first. */
  private unacked: Tracked[] = [];

  enable(id: string | undefined): void {
    this.enabled = true;
    this.id = id;
    this.inbound = 0;
    this.acked = 0;
  }

  handledInbound(): void {
    this.inbound = (this.inbound + 1) % MOD;
  }

  /** `written` false: held while the session is being resumed, sent only after `<resumed/>`. */
  track(outgoing: Outgoing, written = true): void {
    this.unacked.push({ outgoing, written });
  }

  get pending(): number {
    return this.unacked.length;
  }

  /** Stanzas sent in this session so far (§4 counts them modulo 2^32). */
  get sendCount(): number {
    return (this.acked + this.unacked.length) % MOD;
  }

  /**
   * The server says it handled `h` of our stanzas (§4 `<a/>`, §5 `<resumed/>`). Returns a
   * fault, acknowledging nothing, when `h` is not a count or counts stanzas we never sent:
   * taking "everything" as acknowledged would report messages delivered that the server
   * may never have had.
   */
  acknowledge(hText: string | undefined): AckFault | undefined {
    const written = hText ?? '';
    if (!UNSIGNED_INT.test(written) || Number(written) >= MOD) {
      return { h: written, sendCount: this.sendCount, reason: `an acknowledgement that is not a count (h="${written.slice(0, 40)}")` };
    }
    const h = Number(written);
    const count = (h - this.acked + MOD) % MOD;
    if (count > this.unacked.length) {
      const reason = count > MOD / 2
        ? `an acknowledgement that went backwards (h=${h} after h=${this.acked})`
        : `an acknowledgement of ${count} stanza(s) when only ${this.unacked.length} were waiting (h=${h}, ${this.sendCount} sent)`;
      return { h: written, sendCount: this.sendCount, reason };
    }
    this.acked = h;
    for (const { outgoing } of this.unacked.splice(0, count)) outgoing.onAcked?.();
    return undefined;
  }

  /** After `<resumed/>`: what the server has not got, to send again in order. */
  takeUnacked(): Outgoing[] {
    return this.unacked.splice(0).map(({ outgoing }) => outgoing);
  }

  /** The session is over: every unacknowledged stanza is lost. */
  lose(): void {
    this.enabled = false;
    this.id = undefined;
    for (const { outgoing, written } of this.unacked.splice(0)) outgoing.onLost?.(written);
  }
}
