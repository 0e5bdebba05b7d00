/**
 * The one answer to "does this message notify?": the desktop notification, the message
 * sound and the unread badge's look all follow it. Pure: the preferences, the message,
 * whether it names the user (mentionDetection.ts) and the time come in; nothing is read
 * from anywhere else.
 *
 * Rules, as Element and Pidgin users know them: a conversation's level overrides its
 * account's, which overrides the default. A mute (until a time, or forever) on the
 * conversation or on its account silences it whatever the level says, and so do quiet
 * hours (local wall-clock time; a span whose start is after its end crosses midnight).
 */
import {
  accountRuleKey, conversationRuleKey, type NotifyLevel, type NotifyRule, type QuietHours,
} from '../../electron/bridge/notificationPreferences.js';
import type { Preferences } from '../../electron/bridge/preferences.js';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';

export type NotifyPreferences = Pick<Preferences, 'notifyLevel' | 'notifyRules' | 'quietHours'>;

/** Where a conversation's level comes from, for the menus ("Default (…)"). */
export interface EffectiveLevel {
  readonly level: NotifyLevel;
  readonly from: 'conversation' | 'account' | 'default';
}

export function effectiveLevel(preferences: NotifyPreferences, accountId: string, conversationId?: number): EffectiveLevel {
  const own = conversationId === undefined ? undefined : preferences.notifyRules[conversationRuleKey(conversationId)]?.level;
  if (own !== undefined) return { level: own, from: 'conversation' };
  const account = preferences.notifyRules[accountRuleKey(accountId)]?.level;
  if (account !== undefined) return { level: account, from: 'account' };
  return { level: preferences.notifyLevel, from: 'default' };
}

export function ruleMuted(rule: NotifyRule | undefined, now: number): boolean {
  const until = rule?.muteUntil;
  return until === 'forever' || (until !== undefined && until > now);
}

/** The conversation (or its account) is muted at `now`. */
export function isMuted(preferences: NotifyPreferences, accountId: string, conversationId: number | undefined, now: number): boolean {
  return ruleMuted(preferences.notifyRules[accountRuleKey(accountId)], now)
    || (conversationId !== undefined && ruleMuted(preferences.notifyRules[conversationRuleKey(conversationId)], now));
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** `now` (a local Date) falls in the quiet hours; equal start and end make an empty span. */
export function inQuietHours(quiet: QuietHours, now: Date): boolean {
  if (!quiet.enabled) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const at = now.getHours() * 60 + now.getMinutes();
  return from <= to ? at >= from && at < to : at >= from || at < to;
}

export type NotifyVerdict = 'notify' | 'not-notable' | 'level' | 'muted' | 'quiet-hours';

export interface NotifyInput {
  readonly message: MessageView;
  readonly conversation: ConversationView;
  /** The message names the user (mentionDetection.ts). */
  readonly mentioned: boolean;
  readonly now: Date;
}

/** A message someone else wrote, that says something (not an event line, a server notice or a retraction). */
export function notable(message: MessageView): boolean {
  return message.direction === 'in' && message.deleted !== true && (message.kind === 'text' || message.kind === 'action');
}

/** Whether the message notifies, and if not, why (for tests and for the badge). */
export function notifyVerdict(preferences: NotifyPreferences, input: NotifyInput): NotifyVerdict {
  const { message, conversation } = input;
  if (!notable(message)) return 'not-notable';
  const { level } = effectiveLevel(preferences, conversation.accountId, conversation.id);
  if (level === 'nothing') return 'level';
  if (level === 'direct-and-mentions' && conversation.kind === 'room' && !input.mentioned) return 'level';
  if (isMuted(preferences, conversation.accountId, conversation.id, input.now.getTime())) return 'muted';
  if (inQuietHours(preferences.quietHours, input.now)) return 'quiet-hours';
  return 'notify';
}

/**
 * How a conversation's unread badge looks: 'muted' (greyed) when nothing there notifies
 * now (level "nothing" or muted), else 'normal'.
 */
export function badgeTone(preferences: NotifyPreferences, conversation: ConversationView, now: number): 'muted' | 'normal' {
  const { level } = effectiveLevel(preferences, conversation.accountId, conversation.id);
  return level === 'nothing' || isMuted(preferences, conversation.accountId, conversation.id, now) ? 'muted' : 'normal';
}

const HOUR = 60 * 60 * 1000;
export type MuteChoice = '1h' | '8h' | 'tomorrow' | 'forever';

/** When a mute chosen at `now` ends: in 1 or 8 hours, at 08:00 local tomorrow, or never. */
export function muteUntil(choice: MuteChoice, now: Date): number | 'forever' {
  if (choice === 'forever') return 'forever';
  if (choice === '1h') return now.getTime() + HOUR;
  if (choice === '8h') return now.getTime() + 8 * HOUR;
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(8, 0, 0, 0);
  return tomorrow.getTime();
}
