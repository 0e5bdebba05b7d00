/**
 * How reachable a presence is: the one order every list and choice follows (the buddy
 * list's sort, a person's presence, the buddy a chat with a person goes to).
 *
 * It is libpurple's, so it is what a Pidgin user knows: `purple_presence_compare` ranks
 * buddies (for "Sort by status" and a contact's priority buddy) by `primitive_scores` in
 * libpurple/status.c — available 100, unavailable (busy, do not disturb) -75, away -100,
 * extended away -200, offline -500. Someone busy is at the keyboard, so a message is
 * seen sooner than by someone away. "Free to chat" is libpurple's available too. libpurple
 * has no "unknown" (a buddy whose presence is not shared shows as offline there); here it
 * comes just before offline: it may be online, offline is known not to be.
 */
import type { PresenceView } from './schemas.js';

export type PresenceStatus = PresenceView['status'];

/** Most reachable first; statuses on one line tie. */
export const PRESENCE_ORDER: readonly (readonly PresenceStatus[])[] = [
  ['available', 'chat'],
  ['busy'],
  ['away'],
  ['extended-away'],
  ['unknown'],
  ['offline'],
];

const ranks = new Map<PresenceStatus, number>(PRESENCE_ORDER.flatMap((tier, rank) => tier.map((status) => [status, rank] as const)));

/** Lower is more reachable. */
export function presenceRank(status: PresenceStatus): number {
  return ranks.get(status) ?? PRESENCE_ORDER.length;
}

/** For sort(): the more reachable first. */
export function comparePresence(a: PresenceStatus, b: PresenceStatus): number {
  return presenceRank(a) - presenceRank(b);
}

/** Offline or unknown: not to be reached now (hidden unless "show offline"). */
export function isReachable(status: PresenceStatus): boolean {
  return status !== 'offline' && status !== 'unknown';
}
