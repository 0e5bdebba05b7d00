/**
 * Spellcheck in the composer: the languages (the system's preferred languages, or the ones
 * the user listed in Settings, that Chromium's Hunspell has a dictionary for) and the context menu with the suggestions for
 * a misspelt word. macOS uses its own spellchecker, which follows the system by itself
 * (Electron: `setSpellCheckerLanguages` does nothing there).
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { SpellcheckLanguages } from '../bridge/spellcheckPreference.js';

/** Suggestions shown, as Chromium shows them. */
const MAX_SUGGESTIONS = 5;

function normalize(tag: string): string {
  return tag.replaceAll('_', '-').toLowerCase();
}

/**
 * The dictionaries for the system's languages, in the user's order: the exact one when
 * there is (en-GB), else one of the same language (de-AT → de-DE), else English when none
 * matches at all.
 */
export function spellcheckLanguages(preferred: readonly string[], available: readonly string[]): string[] {
  const chosen: string[] = [];
  const add = (tag: string | undefined): void => {
    if (tag !== undefined && !chosen.includes(tag)) chosen.push(tag);
  };
  for (const language of preferred) {
    const wanted = normalize(language);
    const exact = available.find((tag) => normalize(tag) === wanted);
    const primary = wanted.split('-')[0] ?? wanted;
    add(exact ?? available.find((tag) => normalize(tag) === primary) ?? available.find((tag) => normalize(tag).split('-')[0] === primary));
  }
  if (chosen.length === 0) add(available.find((tag) => normalize(tag) === 'en-us'));
  return chosen;
}

/** The dictionaries for the user's choice: the system's languages, or the languages listed, matched the same way. */
export function chosenSpellcheckLanguages(choice: SpellcheckLanguages, system: readonly string[], available: readonly string[]): string[] {
  return spellcheckLanguages(choice === 'system' ? system : choice, available);
}

export type ContextMenuFacts = Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'editFlags'>;

export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** The context menu for a right click; empty when there is nothing to offer (no menu). */
export function contextMenuTemplate(facts: ContextMenuFacts, actions: ContextMenuActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (facts.isEditable && facts.misspelledWord !== '') {
    const word = facts.misspelledWord;
    const suggestions = facts.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => { actions.replaceMisspelling(suggestion); } });
    }
    items.push({ label: 'Add to Dictionary', click: () => { actions.addToDictionary(word); } }, { type: 'separator' });
  }
  if (facts.isEditable) {
    items.push(
      { role: 'undo', enabled: facts.editFlags.canUndo },
      { role: 'redo', enabled: facts.editFlags.canRedo },
      { type: 'separator' },
      { role: 'cut', enabled: facts.editFlags.canCut },
      { role: 'copy', enabled: facts.editFlags.canCopy },
      { role: 'paste', enabled: facts.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: facts.editFlags.canSelectAll },
    );
  } else if (facts.selectionText.trim() !== '') {
    items.push({ role: 'copy', enabled: facts.editFlags.canCopy });
  }
  return items;
}
