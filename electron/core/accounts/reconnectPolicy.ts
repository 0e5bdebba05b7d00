import type { ProtocolErrorKind } from '../../../protocols/api/index.js';

/**
 * Errors worth retrying by themselves. A wrong password or an untrusted certificate will
 * not fix itself: retrying would only lock the account or hammer the server.
 */
export function isRetriable(kind: ProtocolErrorKind): boolean {
  return kind === 'network' || kind === 'rate-limited' || kind === 'internal';
}

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 5 minutes, each delay drawn
 * between 50 % and 100 % of its step so that many accounts do not retry in lockstep.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random, minimumMs = 0): number {
  const step = Math.min(300_000, 1000 * 2 ** Math.min(attempt, 20));
  return Math.max(minimumMs, Math.round(step * (0.5 + random() / 2)));
}
