/**
 * Settings' "Language": the system's (the browser's languages, renderer/i18n/language.ts) or
 * one Switchboard ships. Each language is named in itself ("Deutsch"), so a user who cannot
 * read the current one still finds theirs. Applied live in every window by startLanguage.
 */
import { useState } from 'react';
import type { Preferences } from '../../electron/bridge/preferences.js';
import { useT } from '../i18n/index.js';
import { chooseLanguage } from '../i18n/language.js';
import { errorMessage } from '../state/actions.js';
import { Choice } from './AppearanceSettings.js';
import { useActions, useAppStore } from './AppContext.js';

export function LanguageSettings() {
  const actions = useActions();
  const t = useT();
  const stored = useAppStore('preferences', (state) => state.preferences.language);
  const [pending, setPending] = useState<Preferences['language'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const system = chooseLanguage('system', navigator.languages);
  const set = (language: Preferences['language']): void => {
    setError(null);
    setPending(language);
    actions.setPreferences({ language }).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) })))
      .finally(() => setPending(null));
  };
  return (
    <div className="settings-fields">
      <Choice label={t('language.label')} value={pending ?? stored} onChange={set} choices={[
        { value: 'system', label: t('language.system', { language: t(`language.${system}`) }) },
        { value: 'en', label: t('language.en') },
        { value: 'de', label: t('language.de') },
      ]} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
