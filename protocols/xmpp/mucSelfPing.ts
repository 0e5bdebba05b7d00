/**
 * MUC self-ping (XEP-0410): a room we sit in can forget us without a word (a restarted MUC
 * component, a lost server-to-server link), and we would show the room as joined while
 * nothing arrives. After a quiet interval we ping our own occupant JID; an answer that says
 * we are gone makes us join again (and the join's archive catch-up brings what we missed).
 */
import type { XmppCore } from './core.js';
import type { Room } from './mucState.js';
import { NS, xml } from './xml.js';

/**
 * XEP-0410 §3.2: what an error answer to the self-ping means. A result, or an error that the
 * occupant (one of our clients) produced itself, proves we are joined; remote-server errors
 * and timeouts decide nothing; any other error means the room no longer has us.
 */
export function selfPingVerdict(condition: string | undefined): 'joined' | 'unknown' | 'gone' {
  switch (condition) {
    case undefined: // a timeout or a dropped connection (not an error from the room)
    case 'remote-server-not-found':
    case 'remote-server-timeout':
      return 'unknown';
    case 'service-unavailable': // joined; the client that answered has no XEP-0199
    case 'feature-not-implemented':
    case 'item-not-found': // joined; the nick was just changed by another of our clients
      return 'joined';
    default:
      return 'gone'; // typically not-acceptable: the room has no occupant of ours by that nick
  }
}

export class MucSelfPing {
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly pinging = new Set<string>();

  constructor(
    private readonly core: XmppCore,
    private readonly rooms: () => Iterable<Room>,
    /** Quiet time before a room is pinged (the account's ping interval). */
    private readonly intervalMs: number,
    private readonly rejoin: (room: Room) => void,
  ) {
    this.timer = setInterval(() => this.check(), Math.max(250, Math.min(10_000, Math.floor(intervalMs / 4))));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const now = Date.now();
    for (const room of this.rooms()) {
      if (!room.joined || room.joinTask || this.pinging.has(room.jid) || now - room.lastHeard < this.intervalMs) continue;
      void this.ping(room);
    }
  }

  private async ping(room: Room): Promise<void> {
    this.pinging.add(room.jid);
    const nick = room.nick;
    let condition: string | undefined;
    let answered = false;
    try {
      await this.core.iq(xml('iq', { type: 'get', to: room.occupantJid() }, xml('ping', { xmlns: NS.ping })), `Checking that you are still in ${room.jid}`, Math.max(5_000, this.intervalMs));
      answered = true;
    } catch (error: unknown) {
      condition = error instanceof Error && 'condition' in error && typeof error.condition === 'string' ? error.condition : undefined;
    } finally {
      this.pinging.delete(room.jid);
    }
    room.lastHeard = Date.now(); // one verdict per quiet interval
    if (answered || !room.joined || room.nick !== nick) return;
    const verdict = selfPingVerdict(condition);
    if (verdict !== 'gone') return;
    this.core.log.info(`XMPP: ${room.jid} answered our self-ping with ${condition ?? 'an error'}: we are no longer in it; joining again`);
    this.rejoin(room);
  }
}
