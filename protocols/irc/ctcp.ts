/**
 * Answers to CTCP requests (VERSION, PING, TIME, CLIENTINFO; https://modern.ircdocs.horse/ctcp),
 * rate-limited with a token bucket so that a CTCP flood cannot make us flood the server
 * (and get us killed for it): at most `burst` answers, refilled at one per `refillMs`.
 */

export class CtcpResponder {
  private tokens: number;
  private last: number;
  dropped = 0;

  constructor(private readonly burst = 3, private readonly refillMs = 2_000, private readonly now: () => number = Date.now) {
    this.tokens = burst;
    this.last = now();
  }

  private take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) / this.refillMs);
    this.last = now;
    if (this.tokens < 1) {
      this.dropped++;
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  /** The NOTICE body (without \x01) to answer `message` (the CTCP text without \x01), or undefined. */
  answer(message: string, version: string): string | undefined {
    const space = message.indexOf(' ');
    const type = (space < 0 ? message : message.slice(0, space)).toUpperCase();
    const argument = space < 0 ? '' : message.slice(space + 1);
    let reply: string | undefined;
    switch (type) {
      case 'VERSION': reply = `VERSION ${version}`; break;
      case 'PING': reply = `PING ${argument.slice(0, 64)}`.trimEnd(); break;
      case 'TIME': reply = `TIME ${new Date(this.now()).toUTCString()}`; break;
      case 'CLIENTINFO': reply = 'CLIENTINFO ACTION CLIENTINFO PING TIME VERSION'; break;
      default: return undefined;
    }
    if (/[\r\n\0]/.test(reply)) return undefined;
    return this.take() ? reply : undefined;
  }
}
