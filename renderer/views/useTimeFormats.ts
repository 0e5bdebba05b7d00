/** The time formats of the user's Clock setting (renderer/state/timeFormat.ts) in the UI's language, for a view. */
import { useUiLanguage } from '../i18n/index.js';
import { uiLocale } from '../i18n/language.js';
import { timeFormats, type TimeFormats } from '../state/timeFormat.js';
import { useAppStore } from './AppContext.js';

/** The locale for Intl in the UI's language (the user's own variant of it), for a view. */
export function useUiLocale(): string {
  return uiLocale(useUiLanguage(), navigator.languages);
}

export function useTimeFormats(): TimeFormats {
  const clock = useAppStore('preferences', (state) => state.preferences.clock);
  return timeFormats(clock, useUiLocale());
}
