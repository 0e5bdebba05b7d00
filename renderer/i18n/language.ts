/**
 * Which language the UI speaks: the Language preference, or for "System" the first of the
 * browser's languages (navigator.languages, the user's order, BCP 47 tags) that Switchboard
 * ships, English when none is. Applied live: a change in any window re-renders every view.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Preferences } from '../../electron/bridge/preferences.js';
import type { PreferencesState } from '../state/preferences.js';
import { i18n, UI_LANGUAGES, type UiLanguage } from './index.js';

export function chooseLanguage(preference: Preferences['language'], systemLanguages: readonly string[]): UiLanguage {
  if (preference !== 'system') return preference;
  for (const tag of systemLanguages) {
    // "de-AT" speaks "de": the primary language subtag (RFC 5646 §2.2.1).
    const primary = tag.split('-')[0]?.toLowerCase();
    const shipped = UI_LANGUAGES.find((language) => language === primary);
    if (shipped) return shipped;
  }
  return 'en';
}

/** Follows the preference: i18next's language and the page's `lang` (screen readers pick their voice by it). */
export function startLanguage(root: HTMLElement, preferences: StoreApi<PreferencesState>, systemLanguages: () => readonly string[]): () => void {
  const apply = (preference: Preferences['language']): void => {
    const language = chooseLanguage(preference, systemLanguages());
    root.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  };
  apply(preferences.getState().preferences.language);
  return preferences.subscribe((state, previous) => {
    if (state.preferences.language !== previous.preferences.language) apply(state.preferences.language);
  });
}

/**
 * The locale for Intl formats (dates, times, numbers) in a UI language: the user's own
 * variant of it when the system has one ("en-GB" writes 18:53 where "en-US" writes 6:53 PM),
 * else the language itself.
 */
export function uiLocale(language: UiLanguage, systemLanguages: readonly string[]): string {
  return systemLanguages.find((tag) => tag.split('-')[0]?.toLowerCase() === language) ?? language;
}
