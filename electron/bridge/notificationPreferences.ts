/**
 * The shapes of the notification, sound and timeline preferences (electron/bridge/preferences.ts
 * holds them with their defaults). What they mean for one message is decided in one place:
 * renderer/state/notifyDecision.ts.
 */
import { z } from 'zod';

/** Which messages notify: every one, those in direct chats and those naming the user, or none. */
export const notifyLevelSchema = z.enum(['all', 'direct-and-mentions', 'nothing']);
export type NotifyLevel = z.output<typeof notifyLevelSchema>;

/**
 * A rule of one account or one conversation: a level of its own (absent: the level above
 * applies) and a mute (ms since the epoch; 'forever' until unmuted).
 */
export const notifyRuleSchema = z.object({
  level: notifyLevelSchema.optional(),
  muteUntil: z.union([z.number().int().min(0), z.literal('forever')]).optional(),
}).strict();
export type NotifyRule = z.output<typeof notifyRuleSchema>;

/** Keys of {@link notifyRulesSchema}: an account's rule or a conversation's (its local id). */
export function accountRuleKey(accountId: string): string {
  return `account:${accountId}`;
}
export function conversationRuleKey(conversationId: number): string {
  return `conversation:${conversationId}`;
}

export const notifyRulesSchema = z.record(z.string().max(300).regex(/^(account|conversation):/), notifyRuleSchema);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** Local wall-clock times; `from` after `to` crosses midnight (22:00–07:00). */
export const quietHoursSchema = z.object({ enabled: z.boolean(), from: clockTime, to: clockTime }).strict();
export type QuietHours = z.output<typeof quietHoursSchema>;

/** The sound a notifying message plays: the bundled one, the user's own file, or none. */
export const messageSoundSchema = z.enum(['bundled', 'custom', 'off']);

/** 700,000 base64 characters: about 512 KiB of audio, plenty for a chime. */
export const MAX_SOUND_BASE64 = 700_000;
/** The user's own sound file, kept in the profile as its bytes (base64), with the name it had. */
export const customSoundSchema = z.object({
  name: z.string().min(1).max(200),
  base64: z.string().max(MAX_SOUND_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
}).strict();

/** Joins, parts and quits in the timeline: all, none, or only of people who spoke recently (WeeChat's smart filter). */
export const membershipLinesSchema = z.enum(['all', 'none', 'recent']);
export type MembershipLines = z.output<typeof membershipLinesSchema>;
