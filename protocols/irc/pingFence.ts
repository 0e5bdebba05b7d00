/**
 * Delivery on plain IRC (no echo-message): the server answers a PRIVMSG that reached its
 * target with nothing, and one that did not with ERR_NOSUCHNICK or ERR_CANNOTSENDTOCHAN
 * naming only the target (RFC 2812 §3.3.1), so on its own a refusal cannot say which of
 * several messages it is about. But a server handles one client's lines in order and
 * answers them in order, so a PING written right after a message (RFC 2812 §3.7.2) comes
 * back as a PONG after any refusal of that message: the PONG says the server took the
 * message, and a refusal that arrives while the message is the oldest unanswered one is
 * about it. Each refused message is then marked failed on its own, with the server's reason.
 */
import type { NameRules } from './names.js';

/** PING tokens of ours start with this, so that other PONGs (irc-framework's lag pings) are told apart. */
const TOKEN_PREFIX = 'switchboard-sent-';

interface Fenced {
  readonly token: string;
  readonly localId: string;
  readonly target: string;
  refusal?: string;
}

/** How the server answered one fenced message: taken, or refused with what to tell the user. */
export interface FenceOutcome {
  readonly localId: string;
  readonly refusal?: string;
}

export class PingFence {
  constructor(private readonly names: NameRules) {}

  /** Fenced messages whose PONG has not come back, oldest first. */
  private readonly pending: Fenced[] = [];
  private sequence = 0;

  /** The PING line to write right after the lines of message `localId` to `target`. */
  fence(localId: string, target: string): string {
    this.sequence += 1;
    const token = `${TOKEN_PREFIX}${this.sequence}`;
    this.pending.push({ token, localId, target: this.names.fold(target) });
    return `PING :${token}`;
  }

  /**
   * The server refused a line to `target` (`text` says why). True when that is the oldest
   * unanswered message, which the refusal is then about (a message split into several
   * lines may be refused once per line; the first reason is kept).
   */
  refused(target: string, text: string): boolean {
    const oldest = this.pending[0];
    if (!oldest || oldest.target !== this.names.fold(target)) return false;
    oldest.refusal ??= text;
    return true;
  }

  /** A PONG came back: the messages fenced up to its token, oldest first; undefined when the token is not ours. */
  answered(token: string): FenceOutcome[] | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const index = this.pending.findIndex((fenced) => fenced.token === token);
    return this.pending.splice(0, index + 1).map(({ localId, refusal }) => (refusal === undefined ? { localId } : { localId, refusal }));
  }

  /** The connection is gone: nothing fenced will be answered (the core fails what it had not seen confirmed). */
  clear(): void {
    this.pending.length = 0;
  }
}
