/**
 * Rate limits and flaky networks (spec §Rate limiting: a 429 with `M_LIMIT_EXCEEDED` and
 * `retry_after_ms`). Messages go through the SDK's scheduler, which we give a retry policy
 * that waits out 429s as asked, for a bounded time; other requests are retried with
 * {@link withRetry}.
 */
import { MatrixScheduler, safeGetRetryAfterMs, type ISendEventResponse, type MatrixEvent } from 'matrix-js-sdk';
import { isNetworkFailure, isRateLimited, matrixErrorOf } from './errors.js';

/** Longest wait between two attempts. */
const MAX_DELAY_MS = 60_000;
/** Network failures and server errors: this many attempts, then the request fails. */
const MAX_NETWORK_ATTEMPTS = 6;
/**
 * Longest wait between two attempts of a queued message after a network failure. A room's
 * queue is a FIFO, so its head's backoff holds up every message behind it: with exponential
 * backoff a homeserver back after 7 s was tried again only at 15 s, and a 31 s outage
 * failed the whole queue. One small request every 2 s to a server that is down costs
 * nothing and resumes the queue within 2 s of its return.
 */
const SEND_RETRY_CAP_MS = 2_000;
/** How long the head of the queue keeps trying through network failures before the queue fails (the core's outbox takes the messages back). */
const SEND_GIVE_UP_MS = 60_000;

/**
 * How long a queued message waits out a homeserver that keeps answering 429 before it fails
 * with the reason (the user can Retry): a server that never lets it through must not keep it
 * "sending" for ever.
 */
const SEND_RATE_LIMIT_GIVE_UP_MS = 10 * 60_000;

function isTransient(error: unknown): boolean {
  return isNetworkFailure(error) || (matrixErrorOf(error)?.status ?? 0) >= 500;
}

function rateLimitDelayMs(error: unknown, attempts: number): number {
  // A 429 is the server pacing us: wait as asked and try again, however often it takes.
  return Math.min(MAX_DELAY_MS, Math.max(100, safeGetRetryAfterMs(error, 1000 * 2 ** Math.min(attempts, 6))));
}

/** How long to wait before attempt `attempts + 1` of a request, or -1 to give up. */
export function retryDelayMs(error: unknown, attempts: number): number {
  if (isRateLimited(error)) return rateLimitDelayMs(error, attempts);
  if (!isTransient(error) || attempts >= MAX_NETWORK_ATTEMPTS) return -1;
  return Math.min(MAX_DELAY_MS, 500 * 2 ** attempts);
}

/** How long to wait before attempt `attempts + 1` of a queued message that has been failing for `failingMs`, or -1 to give up. */
export function sendRetryDelayMs(error: unknown, attempts: number, failingMs: number): number {
  if (isRateLimited(error)) return failingMs >= SEND_RATE_LIMIT_GIVE_UP_MS ? -1 : rateLimitDelayMs(error, attempts);
  if (!isTransient(error) || failingMs >= SEND_GIVE_UP_MS) return -1;
  return Math.min(SEND_RETRY_CAP_MS, 250 * 2 ** attempts);
}

/**
 * The SDK's scheduler, aware that sync can overtake it. A message that reached the
 * homeserver just before the connection broke is retried by the queue, but the next sync
 * may bring its remote echo first (matched by txnId), which turns the local echo into the
 * real event; the SDK's send step then throws ("not a local echo"), the queue takes that
 * for a permanent failure and fails every message behind it (the server-kill fault test:
 * 486 of 500). Such a message is sent: its event id is the answer.
 */
class SyncAwareScheduler extends MatrixScheduler {
  public override setProcessFunction(send: Parameters<MatrixScheduler['setProcessFunction']>[0]): void {
    super.setProcessFunction(async (event: MatrixEvent) => {
      const alreadySent = (): ISendEventResponse | undefined => {
        const id = event.getId();
        return event.status === null && id !== undefined && !id.startsWith('~') ? { event_id: id } : undefined;
      };
      const before = alreadySent();
      if (before) return before;
      try {
        return await send(event);
      } catch (error: unknown) {
        // The echo may also arrive while the request is under way (and a limited sync then
        // drop it from the timeline the SDK looks in).
        const after = alreadySent();
        if (after) return after;
        throw error;
      }
    });
  }
}

/**
 * The queue an outgoing event waits in: one FIFO per room for messages (their order within
 * a room is kept), so a room whose sends fail or are held back (a server error for that
 * room, a retry backoff) does not stall the others; other events are sent at once.
 */
export function queueOf(event: MatrixEvent): string | null {
  const shared = MatrixScheduler.QUEUE_MESSAGES(event);
  return shared === null ? null : `${shared} ${event.getRoomId() ?? ''}`;
}

/** The scheduler for outgoing room events: a FIFO queue per room for messages, our retry policy. */
export function createScheduler(): MatrixScheduler {
  // When each queued event first failed; an event that goes through is forgotten with it.
  const failingSince = new WeakMap<MatrixEvent, number>();
  return new SyncAwareScheduler(
    (event: MatrixEvent | null, attempts: number, error) => {
      if (!event) return retryDelayMs(error, attempts);
      const now = Date.now();
      const since = failingSince.get(event) ?? now;
      failingSince.set(event, since);
      const delay = sendRetryDelayMs(error, attempts, now - since);
      // A message that failed for good may be resent later (Retry): its clock starts over.
      if (delay < 0) failingSince.delete(event);
      return delay;
    },
    queueOf,
  );
}

/** Run a request, retrying on 429 and transient failures as {@link retryDelayMs} says. */
export async function withRetry<T>(request: () => Promise<T>, isStopped: () => boolean = () => false): Promise<T> {
  for (let attempts = 1; ; attempts++) {
    try {
      return await request();
    } catch (error: unknown) {
      const delay = retryDelayMs(error, attempts);
      if (delay < 0 || isStopped()) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
