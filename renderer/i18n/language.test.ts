import { describe, expect, it } from 'vitest';
import { chooseLanguage, uiLocale } from './language.js';

describe('the UI language', () => {
  it('follows the first of the system languages that Switchboard ships', () => {
    expect(chooseLanguage('system', ['de-AT', 'en-US'])).toBe('de');
    expect(chooseLanguage('system', ['fr-FR', 'DE', 'en'])).toBe('de');
    expect(chooseLanguage('system', ['en-GB', 'de-DE'])).toBe('en');
  });

  it('is English when no system language is shipped, and the chosen one when the user chose', () => {
    expect(chooseLanguage('system', ['fr-FR', 'ja'])).toBe('en');
    expect(chooseLanguage('system', [])).toBe('en');
    expect(chooseLanguage('de', ['en-US'])).toBe('de');
    expect(chooseLanguage('en', ['de-DE'])).toBe('en');
  });

  it('formats dates in the user\'s own variant of the language', () => {
    expect(uiLocale('en', ['de-DE', 'en-GB'])).toBe('en-GB');
    expect(uiLocale('de', ['en-US'])).toBe('de');
  });
});
