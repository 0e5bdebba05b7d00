/**
 * Receipts that arrive before the message they name is known by that id. A contact's client
 * can answer faster than our own server confirms the message (XMPP: bob's XEP-0184 receipt
 * before Prosody's XEP-0198 ack, which is what gives our message its id here), so the
 * receipt would find nothing and "✓ delivered" would never show. They wait here, a few and
 * not long, for the confirmation that gives the message its network id.
 */
export type ReceiptKind = 'delivered' | 'read';

interface Waiting {
  readonly conversationId: string;
  kind: ReceiptKind;
  readonly at: number;
}

/** Receipts kept waiting at most: a flood of receipts for ids never sent cannot grow it. */
const MAX_WAITING = 500;
/** How long a receipt waits: a confirmation comes within the send deadline or not at all. */
const WAIT_MS = 120_000;

export class EarlyReceipts {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keep a receipt that found no message; a read one supersedes a delivered one. */
  hold(accountId: string, conversationId: string, networkId: string, kind: ReceiptKind): void {
    const key = `${accountId}\n${networkId}`;
    const known = this.waiting.get(key);
    if (known) {
      if (kind === 'read') known.kind = 'read';
      return;
    }
    this.waiting.set(key, { conversationId, kind, at: this.now() });
    if (this.waiting.size > MAX_WAITING) {
      const oldest = this.waiting.keys().next();
      if (!oldest.done) this.waiting.delete(oldest.value);
    }
  }

  /** The receipt waiting for this id, now that a message has it (taken: it applies once). */
  take(accountId: string, networkId: string): { conversationId: string; kind: ReceiptKind } | undefined {
    const key = `${accountId}\n${networkId}`;
    const found = this.waiting.get(key);
    if (!found) return undefined;
    this.waiting.delete(key);
    return this.now() - found.at <= WAIT_MS ? { conversationId: found.conversationId, kind: found.kind } : undefined;
  }
}
