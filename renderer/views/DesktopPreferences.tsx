/**
 * The desktop app's own preferences (electron/bridge/preferences.ts): hiding to the tray
 * when the window is closed, checking for updates (opt-in), and the spellcheck languages.
 * Shown only in the desktop app, where they mean something; a Settings dialog can host it
 * as it is.
 */
import { useState } from 'react';
import type { PreferencesPatch } from '../../electron/bridge/preferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { SpellcheckSettings } from './SpellcheckSettings.js';
import { useT } from '../i18n/index.js';

export function DesktopPreferences() {
  const actions = useActions();
  const t = useT();
  const closeToTray = useAppStore('preferences', (state) => state.preferences.closeToTray);
  const autoUpdate = useAppStore('preferences', (state) => state.preferences.autoUpdate);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (patch: PreferencesPatch): void => {
    setBusy(true);
    setProblem(null);
    actions.setPreferences(patch)
      .catch((error: unknown) => { setProblem(errorMessage(error)); })
      .finally(() => { setBusy(false); });
  };
  return (
    <fieldset className="desktop-preferences">
      <legend>{t('desktop.title')}</legend>
      <label>
        <input type="checkbox" checked={closeToTray} disabled={busy} onChange={(event) => { change({ closeToTray: event.target.checked }); }} />
        {' '}{t('desktop.closeToTray')}
      </label>
      <label>
        <input type="checkbox" checked={autoUpdate} disabled={busy} onChange={(event) => { change({ autoUpdate: event.target.checked }); }} />
        {' '}{t('desktop.autoUpdate')}
      </label>
      {problem === null ? null : <p role="alert">{problem}</p>}
      <SpellcheckSettings />
    </fieldset>
  );
}
