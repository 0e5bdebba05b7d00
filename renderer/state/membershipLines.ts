/**
 * Which join, part and quit lines a room's timeline shows (the "Joins, parts and quits"
 * setting): all, none, or only those of people who spoke recently, as WeeChat's smart
 * filter (irc.look.smart_filter, smart_filter_delay) hides the comings and goings of
 * people who said nothing. A pure selector over the loaded messages; the log renders what
 * it returns.
 */
import type { MembershipLines } from '../../electron/bridge/notificationPreferences.js';
import type { MessageView } from '../../electron/bridge/schemas.js';

/** Someone spoke within this long before (or, for a join, after) the line: it is shown. */
export const RECENT_SPEAKER_MS = 10 * 60 * 1000;

/**
 * A join, part or quit line: an event line whose text is its sender's name followed by
 * "joined", "left" or "quit" (the IRC adapter's wording, protocols/irc/describe.ts; the
 * XMPP and Matrix adapters send no such lines).
 */
export function membershipChange(message: MessageView): 'join' | 'leave' | undefined {
  if (message.kind !== 'event' || message.senderName === '' || !message.body.startsWith(`${message.senderName} `)) return undefined;
  const rest = message.body.slice(message.senderName.length + 1);
  if (rest === 'joined') return 'join';
  return /^(left|quit)(\b|$)/.test(rest) ? 'leave' : undefined;
}

function spoke(message: MessageView): boolean {
  return message.kind === 'text' || message.kind === 'action' || message.kind === 'notice';
}

/** The messages to show; the same array when nothing is hidden (so memoised views stay put). */
export function filterMembershipLines(items: readonly MessageView[], mode: MembershipLines): readonly MessageView[] {
  if (mode === 'all' || !items.some((message) => membershipChange(message) !== undefined)) return items;
  if (mode === 'none') return items.filter((message) => membershipChange(message) === undefined);
  const spokeAt = new Map<string, number[]>();
  for (const message of items) {
    if (!spoke(message)) continue;
    const times = spokeAt.get(message.senderId) ?? [];
    times.push(message.timestamp);
    spokeAt.set(message.senderId, times);
  }
  return items.filter((message) => {
    const change = membershipChange(message);
    if (change === undefined) return true;
    const at = message.timestamp;
    return (spokeAt.get(message.senderId) ?? []).some((time) => (time <= at && at - time <= RECENT_SPEAKER_MS)
      || (change === 'join' && time >= at && time - at <= RECENT_SPEAKER_MS));
  });
}
