/**
 * Spellcheck in the composer: the context menu with the suggestions for a misspelt word
 * (the languages are matched to Chromium's dictionaries in electron/bridge/spellcheckPreference.ts,
 * applied by desktop.ts). macOS uses its own spellchecker, which follows the system by itself
 * (Electron: `setSpellCheckerLanguages` does nothing there).
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

/** Suggestions shown, as Chromium shows them. */
const MAX_SUGGESTIONS = 5;

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
