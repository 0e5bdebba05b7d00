/**
 * Rate limits and flaky networks (spec §Rate limiting: a 429 with `M_LIMIT_EXCEEDED` and
 * `retry_after_ms`). Messages go through the SDK's scheduler, which we give a retry policy
 * that never gives up on a 429; other requests are retried with {@link withRetry}.
 */
import { MatrixScheduler, safeGetRetryAfterMs, type MatrixEvent } from 'matrix-js-sdk';
import { isNetworkFailure, isRateLimited, matrixErrorOf } from './errors.js';

/** Longest wait between two attempts. */
const MAX_DELAY_MS = 60_000;
/** Network failures and server errors: this many attempts, then the send fails (the core's outbox keeps it). */
const MAX_NETWORK_ATTEMPTS = 6;

/** How long to wait before attempt `attempts + 1`, or -1 to give up. */
export function retryDelayMs(error: unknown, attempts: number): number {
  if (isRateLimited(error)) {
    // A 429 is the server pacing us: wait as asked and try again, however often it takes.
    return Math.min(MAX_DELAY_MS, Math.max(100, safeGetRetryAfterMs(error, 1000 * 2 ** Math.min(attempts, 6))));
  }
  const status = matrixErrorOf(error)?.status ?? 0;
  const transient = isNetworkFailure(error) || status >= 500;
  if (!transient || attempts >= MAX_NETWORK_ATTEMPTS) return -1;
  return Math.min(MAX_DELAY_MS, 500 * 2 ** attempts);
}

/** The scheduler for outgoing room events: one FIFO queue for messages, our retry policy. */
export function createScheduler(): MatrixScheduler {
  return new MatrixScheduler(
    (_event: MatrixEvent | null, attempts: number, error) => retryDelayMs(error, attempts),
    (event: MatrixEvent) => MatrixScheduler.QUEUE_MESSAGES(event),
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
