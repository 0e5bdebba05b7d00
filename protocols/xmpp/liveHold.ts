/**
 * One-to-one messages that arrive live while the archive catch-up (XEP-0313) of a new
 * session has not been handed over yet, held back until it has.
 *
 * The core shows live messages in the order they arrive and places caught-up ones among
 * the stored messages by their time (Plugin API 0.4, `catchUp`). A live message of the new
 * session is newer than everything the catch-up brings (the catch-up is what the server
 * archived before the session could take it, XEP-0313 §4), but the two times come from two
 * clocks: ours for a live message, the server's for an archived one (second precision in
 * Prosody, XEP-0082 makes fractions optional; and either clock may be off). A live message
 * stored before the catch-up could thus end up above older archived messages, and one
 * delivered from offline storage (XEP-0160) at the initial presence carries the server's
 * time, which a caught-up message of the same second is placed after. Holding the live
 * ones until the catch-up is stored puts them after it by arrival, whatever the clocks say.
 *
 * A session holds from its login (offline messages come right after the initial presence)
 * until its direct catch-up ended, failed, or the session ended; at most {@link MAX_HOLD_MS}
 * after the first held event, so that a server slow to answer does not keep new messages
 * from the user (then only the order may suffer, as before).
 */
import type { ProtocolEvent } from '../api/index.js';

/** How long a live message may wait for a slow catch-up before it is shown anyway. */
export const MAX_HOLD_MS = 10_000;

export class LiveHold {
  private held: ProtocolEvent[] | undefined;
  /** Messages the catch-up handed over while holding (conversation and network id). */
  private readonly caughtUp = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emitNow: (event: ProtocolEvent) => void) {}

  /** From now on, live events wait for {@link release} (a login, before the initial presence). */
  hold(): void {
    this.held ??= [];
  }

  /** Emits a live event, or keeps it (in order) while the catch-up is pending. */
  emit(event: ProtocolEvent): void {
    if (!this.held) {
      this.emitNow(event);
      return;
    }
    this.held.push(event);
    this.timer ??= setTimeout(() => this.release(), MAX_HOLD_MS);
  }

  /**
   * Emits an event of the catch-up. A message that also arrived live meanwhile (archived
   * before the query ran, XEP-0313 §4) is then held twice with the same id: the live copy is
   * dropped at {@link release} instead of being handed to the core to deduplicate.
   */
  emitArchived(event: ProtocolEvent): void {
    const key = this.held ? messageKey(event) : undefined;
    if (key !== undefined) this.caughtUp.add(key);
    this.emitNow(event);
  }

  /** The catch-up is handed over (or will not be): emits what was held, in order; from now on nothing is held. */
  release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = undefined;
    for (const event of held ?? []) {
      const key = messageKey(event);
      if (key === undefined || !this.caughtUp.has(key)) this.emitNow(event);
    }
    this.caughtUp.clear();
  }
}

function messageKey(event: ProtocolEvent): string | undefined {
  if (event.type !== 'message.received' || event.message.networkId === undefined) return undefined;
  return `${event.message.conversationId}\n${event.message.networkId}`;
}
