import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  chosenSpellcheckLanguages, MAX_SPELLCHECK_LANGUAGES, spellcheckLanguages, spellcheckLanguagesSchema,
} from '../bridge/spellcheckPreference.js';
import { contextMenuTemplate, type ContextMenuFacts } from './spellcheck.js';

/** A few of Chromium's Hunspell dictionaries (session.availableSpellCheckerLanguages). */
const available = ['en-GB', 'en-US', 'de-DE', 'fr', 'pt-BR', 'pt-PT'];

describe('spellcheck languages', () => {
  it('takes the system\'s languages in order, exact dictionaries first, else one of the same language', () => {
    expect(spellcheckLanguages(['en-GB', 'de-AT'], available)).toEqual(['en-GB', 'de-DE']);
    expect(spellcheckLanguages(['fr-CA', 'pt_BR'], available)).toEqual(['fr', 'pt-BR']);
    expect(spellcheckLanguages(['de', 'de-CH'], available)).toEqual(['de-DE']);
    // What browsers report (navigator.languages): the bare language adds no second English.
    expect(spellcheckLanguages(['en-US', 'en'], available)).toEqual(['en-US']);
  });

  it('falls back to American English when none of them has a dictionary', () => {
    expect(spellcheckLanguages(['ja-JP'], available)).toEqual(['en-US']);
    expect(spellcheckLanguages([], ['de-DE'])).toEqual([]);
  });
});

const flags = { canUndo: true, canRedo: false, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };
const facts = (over: Partial<ContextMenuFacts>): ContextMenuFacts => ({
  misspelledWord: '', dictionarySuggestions: [], isEditable: false, selectionText: '', editFlags: flags, ...over,
});
const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => (item.type === 'separator' ? '—' : item.label ?? item.role));

describe('the context menu', () => {
  it('offers the suggestions for a misspelt word in the composer, and replaces it with the one chosen', () => {
    const actions = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() };
    const menu = contextMenuTemplate(facts({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello', 'help', 'hero', 'halo', 'held', 'helm'] }), actions);
    expect(labels(menu)).toEqual(['hello', 'help', 'hero', 'halo', 'held', 'Add to Dictionary', '—', 'undo', 'redo', '—', 'cut', 'copy', 'paste', '—', 'selectAll']);
    (menu[1]?.click as () => void)();
    (menu[5]?.click as () => void)();
    expect(actions.replaceMisspelling).toHaveBeenCalledWith('help');
    expect(actions.addToDictionary).toHaveBeenCalledWith('helo');
    expect(menu.find((item) => item.role === 'redo')?.enabled).toBe(false);
  });

  it('says when there is no suggestion', () => {
    const menu = contextMenuTemplate(facts({ isEditable: true, misspelledWord: 'xqzt' }), { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() });
    expect(labels(menu).slice(0, 2)).toEqual(['No spelling suggestions', 'Add to Dictionary']);
    expect(menu[0]?.enabled).toBe(false);
  });

  it('offers Copy for selected text in a message, and nothing where there is nothing to do', () => {
    const actions = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() };
    expect(labels(contextMenuTemplate(facts({ selectionText: 'a line' }), actions))).toEqual(['copy']);
    expect(contextMenuTemplate(facts({ selectionText: '  ' }), actions)).toEqual([]);
  });
});

describe('the languages chosen in Settings', () => {
  it('follows the system\'s languages, or the list chosen, matched to the dictionaries the same way', () => {
    expect(chosenSpellcheckLanguages('system', ['de-AT', 'en-GB'], available)).toEqual(['de-DE', 'en-GB']);
    expect(chosenSpellcheckLanguages(['pt-BR', 'en-US'], ['de-AT'], available)).toEqual(['pt-BR', 'en-US']);
    expect(chosenSpellcheckLanguages(['fr-FR', 'de'], ['en-GB'], available)).toEqual(['fr', 'de-DE']);
  });

  it('are stored only as the system\'s or a short list of language tags', () => {
    expect(spellcheckLanguagesSchema.safeParse('system').success).toBe(true);
    expect(spellcheckLanguagesSchema.safeParse(['en-GB', 'es-419', 'en-GB-oxendict']).success).toBe(true);
    for (const refused of [[], 'de', ['../../etc'], ['en GB'], Array.from({ length: MAX_SPELLCHECK_LANGUAGES + 1 }, () => 'de')]) {
      expect(spellcheckLanguagesSchema.safeParse(refused).success).toBe(false);
    }
  });
});
