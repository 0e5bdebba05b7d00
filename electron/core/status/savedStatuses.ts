/**
 * Saved statuses (Pidgin's "saved statuses"): the user's named status-and-message
 * combinations, most recently used first, at most MAX_SAVED_STATUSES (the least recently
 * used goes). Pure: the StatusService stores the result in the preferences.
 */
import { MAX_SAVED_STATUSES, type SavedStatus, type StatusChoice } from '../../bridge/userStatus.js';
import { withMessage } from './statusRules.js';

function recentFirst(list: readonly SavedStatus[]): SavedStatus[] {
  return [...list].sort((a, b) => b.lastUsed - a.lastUsed).slice(0, MAX_SAVED_STATUSES);
}

/** Saves (or replaces, by name, ignoring case) a status under a name, as just used. */
export function saveStatus(list: readonly SavedStatus[], name: string, choice: StatusChoice, now: number): SavedStatus[] {
  const title = name.replace(/\s+/g, ' ').trim().slice(0, 100);
  if (title === '') throw new Error('A saved status needs a name.');
  const others = list.filter((entry) => entry.name.toLowerCase() !== title.toLowerCase());
  return recentFirst([{ name: title, ...withMessage(choice.status, choice.message), lastUsed: now }, ...others]);
}

/** Marks a saved status used now (it moves to the top); unknown names change nothing. */
export function useSavedStatus(list: readonly SavedStatus[], name: string, now: number): SavedStatus[] {
  return recentFirst(list.map((entry) => (entry.name === name ? { ...entry, lastUsed: now } : entry)));
}

export function forgetSavedStatus(list: readonly SavedStatus[], name: string): SavedStatus[] {
  return list.filter((entry) => entry.name !== name);
}
