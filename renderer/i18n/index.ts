/**
 * The UI's one message catalogue (i18next, with react-i18next for the views): every text a
 * view shows is a key of renderer/i18n/locales/en.ts, translated in each other locale there.
 * Plurals follow CLDR's rules through Intl.PluralRules (`key_one`, `key_other`, given `count`);
 * dates and numbers go through Intl in the same language (renderer/state/timeFormat.ts).
 * Importing this module sets the catalogue up, in English until startLanguage picks the user's.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { de } from './locales/de.js';
import { en } from './locales/en.js';

export const catalogues = { en, de } as const;
export type UiLanguage = keyof typeof catalogues;
export const UI_LANGUAGES = Object.keys(catalogues) as UiLanguage[];

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: 'en',
  fallbackLng: 'en',
  // The resources are in the bundle: ready before the first render.
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The translate function of the current language; a view using it re-renders when the language changes. */
export function useT(): (typeof i18n)['t'] {
  return useTranslation(undefined, { i18n }).t;
}

/** The current UI language, for Intl formats (dates, times, numbers). */
export function useUiLanguage(): UiLanguage {
  const { i18n: instance } = useTranslation(undefined, { i18n });
  return instance.language === 'de' ? 'de' : 'en';
}
