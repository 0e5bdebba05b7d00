/**
 * Settings' Notifications section: which messages notify where no account or conversation
 * says otherwise (those have their own "Notifications" menu, NotifyRuleMenu), quiet hours,
 * and the message sound (the bundled one, a file of the user's, or none). What they mean
 * for a message is notifyDecision.ts's.
 */
import { useId, useRef, useState } from 'react';
import type { NotifyLevel, QuietHours } from '../../electron/bridge/notificationPreferences.js';
import type { Preferences } from '../../electron/bridge/preferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { LEVEL_WORDS } from './NotifyRuleMenu.js';
import { useT } from '../i18n/index.js';

const LEVELS: readonly NotifyLevel[] = ['all', 'direct-and-mentions', 'nothing'];

type Shown = Partial<Pick<Preferences, 'notifyLevel' | 'quietHours' | 'messageSound'>>;

export function NotificationSettings() {
  const actions = useActions();
  const t = useT();
  const stored = useAppStore('preferences', (state) => state.preferences);
  // A choice shows at once while the core stores it (as in AppearanceSettings).
  const [pending, setPending] = useState<Shown>({});
  const { notifyLevel: level, quietHours: quiet, messageSound: sound } = { ...stored, ...pending };
  const { customSound } = stored;
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { level: useId(), from: useId(), to: useId(), sound: useId() };
  const save = (patch: Shown): void => {
    setError(null);
    setPending((current) => ({ ...current, ...patch }));
    actions.setPreferences(patch).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) })))
      .finally(() => setPending((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch)))));
  };
  const setQuiet = (change: Partial<QuietHours>): void => save({ quietHours: { ...quiet, ...change } });
  const pickFile = (file: File | undefined): void => {
    if (!file) return;
    setError(null);
    actions.chooseMessageSound(file).catch((caught: unknown) => setError(t('notify.soundNotChanged', { error: errorMessage(caught) })));
  };
  return (
    <div className="settings-fields notification-settings">
      <div className="settings-choice">
        <label htmlFor={ids.level}>{t('notify.notifyAbout')}</label>
        <select id={ids.level} value={level} onChange={(event) => {
          const chosen = LEVELS.find((item) => item === event.target.value);
          if (chosen) save({ notifyLevel: chosen });
        }}>
          {LEVELS.map((item) => <option key={item} value={item}>{t(LEVEL_WORDS[item])}</option>)}
        </select>
      </div>
      <fieldset className="quiet-hours">
        <legend>{t('notify.quietHours')}</legend>
        <label>
          <input type="checkbox" checked={quiet.enabled} onChange={(event) => setQuiet({ enabled: event.target.checked })} />
          {' '}{t('notify.quietBetween')}
        </label>
        {/* Time inputs give HH:MM in local time, the form the preference keeps. */}
        <label htmlFor={ids.from} className="visually-hidden">{t('notify.quietFrom')}</label>
        <input id={ids.from} type="time" value={quiet.from} required disabled={!quiet.enabled}
          onChange={(event) => { if (/^\d\d:\d\d$/.test(event.target.value)) setQuiet({ from: event.target.value }); }} />
        <span aria-hidden="true"> {t('notify.quietAnd')} </span>
        <label htmlFor={ids.to} className="visually-hidden">{t('notify.quietUntil')}</label>
        <input id={ids.to} type="time" value={quiet.to} required disabled={!quiet.enabled}
          onChange={(event) => { if (/^\d\d:\d\d$/.test(event.target.value)) setQuiet({ to: event.target.value }); }} />
      </fieldset>
      <div className="settings-choice">
        <label htmlFor={ids.sound}>{t('notify.sound')}</label>
        <select id={ids.sound} value={sound} onChange={(event) => {
          const chosen = event.target.value;
          if (chosen === 'custom' && customSound === null) fileInput.current?.click();
          else if (chosen === 'bundled' || chosen === 'custom' || chosen === 'off') save({ messageSound: chosen });
        }}>
          <option value="bundled">{t('notify.soundBundled')}</option>
          <option value="custom">{customSound === null ? t('notify.soundOwn') : t('notify.soundMine', { name: customSound.name })}</option>
          <option value="off">{t('notify.soundOff')}</option>
        </select>
        <button type="button" className="small-button" disabled={sound === 'off'} onClick={() => actions.previewMessageSound()}>{t('notify.play')}</button>
        <button type="button" className="small-button" onClick={() => fileInput.current?.click()}>{t('notify.chooseFile')}</button>
        <input ref={fileInput} type="file" accept="audio/*" className="visually-hidden" tabIndex={-1} aria-label={t('notify.soundFile')}
          onChange={(event) => { pickFile(event.target.files?.[0]); event.target.value = ''; }} />
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
