/**
 * Settings' spellcheck languages (desktop app): the dictionaries offered, the list a switch
 * to "These languages" starts with, and a language checked or unchecked. The shell matches
 * what is stored to the dictionaries Chromium really has (electron/bridge/spellcheckPreference.ts).
 */
import {
  MAX_SPELLCHECK_LANGUAGES, spellcheckLanguages, type SpellcheckLanguages,
} from '../../electron/bridge/spellcheckPreference.js';

/**
 * Chromium's Hunspell dictionaries, as `session.availableSpellCheckerLanguages` names them
 * on Windows and Linux (Chromium's spellcheck_common.cc list, downloaded on first use). The
 * page cannot ask the shell for that list (the preload exposes only the bridge), so it is
 * written here; a tag the shell's Chromium lacks is matched to one of the same language, or
 * left out.
 */
export const SPELLCHECK_DICTIONARIES: readonly string[] = [
  'af', 'bg', 'ca', 'cs', 'cy', 'da', 'de', 'el', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es', 'es-419', 'es-AR', 'es-ES',
  'es-MX', 'es-US', 'et', 'fa', 'fo', 'fr', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'it', 'ko', 'lt', 'lv', 'nb', 'nl', 'pl',
  'pt-BR', 'pt-PT', 'ro', 'ru', 'sh', 'sk', 'sl', 'sq', 'sr', 'sv', 'ta', 'tg', 'tr', 'uk', 'vi',
];

export interface DictionaryChoice {
  readonly tag: string;
  readonly name: string;
}

/** The dictionaries offered, each named in the UI's language (Intl.DisplayNames, ECMA-402), by name. */
export function dictionaryChoices(uiLanguage: string): DictionaryChoice[] {
  const names = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' });
  const collator = new Intl.Collator(uiLanguage);
  return SPELLCHECK_DICTIONARIES.map((tag) => ({ tag, name: names.of(tag) ?? tag }))
    .sort((left, right) => collator.compare(left.name, right.name));
}

/** The languages checked: the list chosen, or for 'system' the dictionaries of the page's languages (what "These languages" starts with). */
export function listedLanguages(choice: SpellcheckLanguages, pageLanguages: readonly string[]): string[] {
  return choice === 'system' ? spellcheckLanguages(pageLanguages, SPELLCHECK_DICTIONARIES) : [...choice];
}

/** The list with `tag` checked (added last) or unchecked; undefined where that is not allowed (none left, or too many). */
export function toggledLanguage(list: readonly string[], tag: string, checked: boolean): string[] | undefined {
  if (checked) {
    if (list.includes(tag)) return [...list];
    return list.length < MAX_SPELLCHECK_LANGUAGES ? [...list, tag] : undefined;
  }
  const rest = list.filter((item) => item !== tag);
  return rest.length > 0 ? rest : undefined;
}
