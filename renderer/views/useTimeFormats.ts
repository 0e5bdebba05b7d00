/** The time formats of the user's Clock setting (renderer/state/timeFormat.ts) in the UI's language, for a view. */
import { useUiLanguage } from '../i18n/index.js';
import { uiLocale } from '../i18n/language.js';
import { timeFormats, type TimeFormats } from '../state/timeFormat.js';
import { useAppStore } from './AppContext.js';

export function useTimeFormats(): TimeFormats {
  const clock = useAppStore('preferences', (state) => state.preferences.clock);
  return timeFormats(clock, uiLocale(useUiLanguage(), navigator.languages));
}
