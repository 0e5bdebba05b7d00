/**
 * Which of a person's buddies a chat with the person goes to. libpurple does the same for
 * a contact's "priority buddy" (purple_contact_get_priority_buddy, by
 * purple_presence_compare): the most reachable buddy wins; here a tie goes to the buddy
 * the user talked with last, so a conversation carries on where it was. When no buddy is
 * reachable, the first merged: the one the user made the person from.
 */
import { isReachable, presenceRank } from '../../bridge/presenceOrder.js';
import type { Buddy } from '../model/buddy.js';

/** `buddies` in merge order; `lastActivity` is the time of the newest message of the direct conversation with it (0 for none). */
export function preferredBuddy(buddies: readonly Buddy[], lastActivity: (buddy: Buddy) => number): Buddy | undefined {
  let best: { buddy: Buddy; rank: number; activity: number } | undefined;
  for (const buddy of buddies) {
    if (!isReachable(buddy.presence.status)) continue;
    const rank = presenceRank(buddy.presence.status);
    const activity = lastActivity(buddy);
    if (!best || rank < best.rank || (rank === best.rank && activity > best.activity)) best = { buddy, rank, activity };
  }
  return best?.buddy ?? buddies[0];
}
