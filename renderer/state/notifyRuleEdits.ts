/**
 * Changing one account's or conversation's notification rule in the preferences' record
 * (the whole record is what `preferences.set` takes). A rule left with nothing in it is
 * removed, so "Use default" and "Unmute" leave no trace in the profile.
 */
import type { NotifyLevel, NotifyRule } from '../../electron/bridge/notificationPreferences.js';
import { muteUntil, type MuteChoice } from './notifyDecision.js';

export type RuleEdit =
  | { readonly kind: 'level'; readonly level: NotifyLevel | undefined }
  | { readonly kind: 'mute'; readonly choice: MuteChoice }
  | { readonly kind: 'unmute' };

export function editRule(rules: Readonly<Record<string, NotifyRule>>, key: string, edit: RuleEdit, now: Date): Record<string, NotifyRule> {
  const current = rules[key] ?? {};
  const level = edit.kind === 'level' ? edit.level : current.level;
  const mute = edit.kind === 'mute' ? muteUntil(edit.choice, now) : edit.kind === 'unmute' ? undefined : current.muteUntil;
  const others = Object.fromEntries(Object.entries(rules).filter(([other]) => other !== key));
  if (level === undefined && mute === undefined) return others;
  return { ...others, [key]: { ...(level !== undefined ? { level } : {}), ...(mute !== undefined ? { muteUntil: mute } : {}) } };
}
