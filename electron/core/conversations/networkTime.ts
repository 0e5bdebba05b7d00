/**
 * Times that networks give for messages are believed, except when they cannot be true: a
 * broken or hostile server that dates its messages years ahead would pin them below
 * everything the user receives later, and make every search that starts "from now" read
 * all of them first. Such a message is dated when it arrived instead, as Conversations and
 * Gajim do with a delay stamp in the future. Old times are kept: backfilled history is old.
 */

/** How far ahead of this machine's clock a server's clock may run before a time is not believed. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The time to store for a message the network dated `timestamp`, now being `now`. */
export function believableTime(timestamp: number, now: number = Date.now()): number {
  if (!Number.isFinite(timestamp) || timestamp > now + MAX_CLOCK_SKEW_MS) return now;
  return timestamp;
}
