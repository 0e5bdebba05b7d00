/**
 * Settings' spellcheck languages (desktop app only, inside DesktopPreferences): the system's
 * languages, or the ones checked here. The shell applies the choice to Chromium's
 * spellchecker (electron/shell/desktop.ts); a web page (headless mode) has no say over the
 * browser's dictionaries, so there this control is not shown at all.
 */
import { useId, useState } from 'react';
import { MAX_SPELLCHECK_LANGUAGES, type SpellcheckLanguages } from '../../electron/bridge/spellcheckPreference.js';
import { errorMessage } from '../state/actions.js';
import { dictionaryChoices, listedLanguages, toggledLanguage } from '../state/spellcheckChoice.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT, useUiLanguage } from '../i18n/index.js';

export function SpellcheckSettings() {
  const actions = useActions();
  const t = useT();
  const uiLanguage = useUiLanguage();
  const stored = useAppStore('preferences', (state) => state.preferences.spellcheckLanguages);
  // Shown at once while the core stores it.
  const [pending, setPending] = useState<SpellcheckLanguages | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = useId();
  const choice = pending ?? stored;
  const set = (spellcheckLanguages: SpellcheckLanguages): void => {
    setProblem(null);
    setPending(spellcheckLanguages);
    actions.setPreferences({ spellcheckLanguages })
      .catch((caught: unknown) => setProblem(t('common.notChanged', { error: errorMessage(caught) })))
      .finally(() => setPending(null));
  };
  const listed = choice === 'system' ? [] : choice;
  return (
    <fieldset className="spellcheck-settings">
      <legend>{t('desktop.spellcheck')}</legend>
      <label>
        <input type="radio" name={name} checked={choice === 'system'} onChange={() => set('system')} />
        {' '}{t('desktop.spellcheckSystem')}
      </label>
      <label>
        <input type="radio" name={name} checked={choice !== 'system'} onChange={() => set(listedLanguages(choice, navigator.languages))} />
        {' '}{t('desktop.spellcheckChosen')}
      </label>
      {choice !== 'system' ? (
        <>
          <div className="spellcheck-list" role="group" aria-label={t('desktop.spellcheckList')}>
            {dictionaryChoices(uiLanguage).map(({ tag, name: languageName }) => {
              const checked = listed.includes(tag);
              const next = toggledLanguage(listed, tag, !checked);
              return (
                <label key={tag}>
                  <input type="checkbox" checked={checked} disabled={next === undefined} onChange={() => { if (next) set(next); }} />
                  {' '}{languageName}
                </label>
              );
            })}
          </div>
          <p className="field-help">{t('desktop.spellcheckLimit', { max: MAX_SPELLCHECK_LANGUAGES })}</p>
        </>
      ) : null}
      {problem === null ? null : <p role="alert" className="form-error">{problem}</p>}
    </fieldset>
  );
}
