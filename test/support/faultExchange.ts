/**
 * The exchange behind the server-kill fault tests: two accounts of one core write numbered
 * messages to each other while a fault happens, then what each side's store shows is
 * counted per direction (what the sender saw, what the receiver got). Everything is read
 * through the bridge, as the UI reads it.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { expect } from 'vitest';
import type { InProcessCore } from './inProcessCore.js';

/** One direction: the sender's conversation and the receiver's, and the body prefix. */
export interface Direction {
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** Bodies are `${prefix} ${n}`, n = 1 … perDirection. */
  readonly prefix: string;
}

/** What one direction looked like at one moment, from both stores. */
export interface DirectionCounts {
  /** The sender's own messages, whatever their state. */
  readonly written: number;
  /** Shown as sent (confirmed by the network). */
  readonly sent: number;
  /** Shown as failed (retryable). */
  readonly failed: number;
  /** Still queued or being sent. */
  readonly pending: number;
  /** Messages with the prefix in the receiver's conversation. */
  readonly received: number;
  /** Shown as sent but never received: the one outcome no network here may have. */
  readonly lost: number;
  /** Shown as failed although the receiver has it (a retry must not double it). */
  readonly failedButDelivered: number;
  /** Received more than once. */
  readonly duplicated: number;
  /** Received after a message written later (pairs out of order in the receiver's view). */
  readonly reordered: number;
}

/** Every message of a conversation, oldest first (pages of 500 through messages.list). */
export async function allMessages(running: InProcessCore, conversationId: number): Promise<MessageView[]> {
  const all = await running.client.request('messages.list', { conversationId, limit: 500 });
  for (let oldest = all[0]; oldest && all.length % 500 === 0; oldest = all[0]) {
    const page = await running.client.request('messages.list', { conversationId, limit: 500, before: { timestamp: oldest.timestamp, id: oldest.id } });
    if (page.length === 0) break;
    all.unshift(...page);
  }
  return all;
}

/** Writes message n in both directions, n = 1 … perDirection; `during(n)` runs after each pair (start the fault there). */
export async function exchange(running: InProcessCore, directions: readonly Direction[], perDirection: number, during: (n: number) => Promise<void> | void): Promise<void> {
  for (let n = 1; n <= perDirection; n++) {
    for (const direction of directions) {
      await running.client.request('messages.send', { conversationId: direction.from, body: `${direction.prefix} ${n}` });
    }
    await during(n);
    // A human-ish pace keeps the exchange spread over the fault instead of ahead of it.
    await new Promise((resolve) => setTimeout(resolve, 4));
  }
}

/** The sender's own messages of one direction. */
export async function sentBy(running: InProcessCore, direction: Direction): Promise<MessageView[]> {
  return (await allMessages(running, direction.from)).filter((m) => m.direction === 'out' && m.body.startsWith(`${direction.prefix} `));
}

/** The numbers of the messages the receiver has, in the order its conversation shows them. */
export async function receivedBy(running: InProcessCore, direction: Direction): Promise<number[]> {
  return (await allMessages(running, direction.to))
    .filter((m) => m.direction === 'in' && m.body.startsWith(`${direction.prefix} `))
    .map((m) => Number(m.body.slice(direction.prefix.length + 1)));
}

export async function countDirection(running: InProcessCore, direction: Direction): Promise<DirectionCounts> {
  const sent = await sentBy(running, direction);
  const received = await receivedBy(running, direction);
  const receivedSet = new Set(received);
  const numberOf = (m: MessageView): number => Number(m.body.slice(direction.prefix.length + 1));
  let reordered = 0;
  let highest = 0;
  for (const n of received) {
    if (n < highest) reordered++;
    highest = Math.max(highest, n);
  }
  return {
    written: sent.length,
    sent: sent.filter((m) => m.status === 'sent').length,
    failed: sent.filter((m) => m.status === 'failed').length,
    pending: sent.filter((m) => m.status === 'queued' || m.status === 'sending').length,
    received: received.length,
    lost: sent.filter((m) => m.status === 'sent' && !receivedSet.has(numberOf(m))).length,
    failedButDelivered: sent.filter((m) => m.status === 'failed' && receivedSet.has(numberOf(m))).length,
    duplicated: received.length - receivedSet.size,
    reordered,
  };
}

/** Puts every failed message of the direction back in the outbox, as the user's Retry does; returns how many. */
export async function retryFailed(running: InProcessCore, direction: Direction): Promise<number> {
  const failed = (await sentBy(running, direction)).filter((m) => m.status === 'failed');
  for (const message of failed) await running.client.request('messages.retry', { messageId: message.id });
  return failed.length;
}

/** The last state each account was announced in. */
export function accountStates(running: InProcessCore): Map<string, string> {
  const states = new Map<string, string>();
  for (const e of running.events) if (e.type === 'account.changed') states.set(e.payload.account.id, e.payload.account.state);
  return states;
}

/** What a network's fault test promises beyond "exactly once", from the README's Reliability section. */
export interface FaultPromise {
  /**
   * The most messages per direction that may end up failed after the fault, before the user's
   * Retry (XMPP and Matrix: 0). "Retry delivers it" is no excuse for failing 486 of 500.
   */
  readonly maxFailedBeforeRetry: number;
}

/**
 * The promise of a network that confirms delivery (XMPP, Matrix), asserted per direction:
 * after the fault nothing was left pending, shown as sent but lost, doubled or reordered, and
 * at most `promise.maxFailedBeforeRetry` failed (delivered or not); after Retry of what failed,
 * every message was sent and received exactly once.
 */
export async function expectExactlyOnce(running: InProcessCore, directions: readonly Direction[], perDirection: number,
  afterFault: readonly (DirectionCounts | undefined)[], final: readonly (DirectionCounts | undefined)[], promise: FaultPromise): Promise<void> {
  for (const [i, d] of directions.entries()) {
    const before = afterFault[i];
    const after = final[i];
    expect(before?.written, `${d.label} written`).toBe(perDirection);
    expect(before?.pending, `${d.label} left pending`).toBe(0);
    expect(before?.lost, `${d.label} shown as sent, never received`).toBe(0);
    expect(before?.duplicated, `${d.label} duplicated`).toBe(0);
    expect(before?.reordered, `${d.label} reordered`).toBe(0);
    expect(before?.failed, `${d.label} failed before Retry (at most ${promise.maxFailedBeforeRetry})`).toBeLessThanOrEqual(promise.maxFailedBeforeRetry);
    expect(before?.failedButDelivered, `${d.label} shown as failed although delivered, before Retry (at most ${promise.maxFailedBeforeRetry})`)
      .toBeLessThanOrEqual(promise.maxFailedBeforeRetry);
    expect(after?.sent, `${d.label} sent after Retry`).toBe(perDirection);
    expect(after?.duplicated, `${d.label} duplicated after Retry`).toBe(0);
    expect(after?.lost, `${d.label} lost after Retry`).toBe(0);
    // Every message, once: the receiver has exactly 1 … N.
    expect(new Set(await receivedBy(running, d)).size, `${d.label} received`).toBe(perDirection);
  }
}
