/**
 * Times that networks give for messages are believed, except when they cannot be true: a
 * broken or hostile server that dates its messages years ahead would make every search that
 * starts "from now" read all of them first, and show dates that mean nothing. Such a
 * message is dated when it arrived instead, as Conversations and Gajim do with a delay
 * stamp in the future. Old times are kept: backfilled history is old.
 *
 * The bound is wide on purpose. Order does not depend on it (a conversation is ordered by
 * arrival, migration 0011), and either clock may be the wrong one: a machine whose clock
 * was set a month back must still show the server's true times for the replies it receives
 * (issue 23), not its own wrong ones. Only a time no clock error explains is replaced.
 */

/** How far ahead of this machine's clock a server's time may run before it is not believed (a bit over a year). */
export const MAX_CLOCK_SKEW_MS = 400 * 24 * 60 * 60_000;

/** The time to store for a message the network dated `timestamp`, now being `now`. */
export function believableTime(timestamp: number, now: number = Date.now()): number {
  if (!Number.isFinite(timestamp) || timestamp > now + MAX_CLOCK_SKEW_MS) return now;
  return timestamp;
}
