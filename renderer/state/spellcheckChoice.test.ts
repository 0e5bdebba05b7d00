import { describe, expect, it } from 'vitest';
import { MAX_SPELLCHECK_LANGUAGES, spellcheckLanguagesSchema } from '../../electron/bridge/spellcheckPreference.js';
import { dictionaryChoices, listedLanguages, SPELLCHECK_DICTIONARIES, toggledLanguage } from './spellcheckChoice.js';

describe('spellcheck languages in Settings', () => {
  it('start "These languages" from the dictionaries of the page\'s languages, or keep the list chosen', () => {
    expect(listedLanguages('system', ['de-AT', 'en-GB'])).toEqual(['de', 'en-GB']);
    expect(listedLanguages('system', ['ja'])).toEqual(['en-US']);
    expect(listedLanguages(['fr', 'de'], ['en-GB'])).toEqual(['fr', 'de']);
  });

  it('add a language last and remove one, but never leave none nor pass the limit', () => {
    expect(toggledLanguage(['de'], 'fr', true)).toEqual(['de', 'fr']);
    expect(toggledLanguage(['de', 'fr'], 'de', false)).toEqual(['fr']);
    expect(toggledLanguage(['de'], 'de', false)).toBeUndefined();
    const full = SPELLCHECK_DICTIONARIES.slice(0, MAX_SPELLCHECK_LANGUAGES);
    expect(toggledLanguage(full, 'vi', true)).toBeUndefined();
    // Every list it gives is one the core stores.
    expect(spellcheckLanguagesSchema.safeParse(toggledLanguage(full.slice(1), 'vi', true)).success).toBe(true);
  });

  it('name each dictionary in the UI\'s language, sorted by that name, and offer only tags the preference accepts', () => {
    const german = dictionaryChoices('de');
    expect(german.find((choice) => choice.tag === 'de')?.name).toBe('Deutsch');
    expect(german.find((choice) => choice.tag === 'en-GB')?.name).toBe('Englisch (Vereinigtes Königreich)');
    expect(german.map((choice) => choice.name)).toEqual(german.map((choice) => choice.name).sort(new Intl.Collator('de').compare));
    expect(dictionaryChoices('en').find((choice) => choice.tag === 'de')?.name).toBe('German');
    for (const tag of SPELLCHECK_DICTIONARIES) expect(spellcheckLanguagesSchema.safeParse([tag]).success).toBe(true);
  });
});
