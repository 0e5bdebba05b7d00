/**
 * Settings' Appearance section: Theme, Text size and Clock, each a labelled select (keyboard
 * usable as any native control), and Show avatars. The page applies them
 * (renderer/state/appearance.ts, renderer/state/timeFormat.ts for every time shown,
 * RowAvatar.tsx for the log's and buddy list's avatars); a choice shows at once while the
 * core stores it.
 */
import { useId, useState } from 'react';
import type { Preferences } from '../../electron/bridge/preferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { hourCycleOption } from '../state/timeFormat.js';
import { useT, useUiLanguage } from '../i18n/index.js';

type AppearancePreferences = Pick<Preferences, 'theme' | 'fontSize' | 'clock' | 'avatarsShown'>;
type Choices<K extends 'theme' | 'fontSize' | 'clock'> = readonly { readonly value: AppearancePreferences[K]; readonly label: string }[];

/** The clock's example: 18:53 today, as the language writes it with that clock (Intl, ECMA-402). */
function clockExample(clock: '12' | '24', language: string): string {
  const sample = new Date();
  sample.setHours(18, 53, 0, 0);
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', ...hourCycleOption(clock) }).format(sample);
}

function appearanceChoices(t: ReturnType<typeof useT>, language: string) {
  const themes: Choices<'theme'> = [
    { value: 'system', label: t('settings.themeSystem') }, { value: 'light', label: t('settings.themeLight') }, { value: 'dark', label: t('settings.themeDark') },
  ];
  const fontSizes: Choices<'fontSize'> = [
    { value: 'small', label: t('settings.sizeSmall') }, { value: 'normal', label: t('settings.sizeNormal') }, { value: 'large', label: t('settings.sizeLarge') },
  ];
  const clocks: Choices<'clock'> = [
    { value: 'system', label: t('settings.clockSystem') },
    { value: '12', label: t('settings.clock12', { example: clockExample('12', language) }) },
    { value: '24', label: t('settings.clock24', { example: clockExample('24', language) }) },
  ];
  return { themes, fontSizes, clocks };
}

/** A labelled select of a preference's values (also Settings' Language). */
export function Choice<V extends string>({ label, choices, value, onChange }: {
  readonly label: string;
  readonly choices: readonly { readonly value: V; readonly label: string }[];
  readonly value: V;
  readonly onChange: (value: V) => void;
}) {
  // A label beside the select, not around it: the select's name is then just the label.
  const id = useId();
  return (
    <div className="settings-choice">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => {
        const choice = choices.find((item) => item.value === event.target.value);
        if (choice) onChange(choice.value);
      }}>
        {choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
      </select>
    </div>
  );
}

export function AppearanceSettings() {
  const actions = useActions();
  const t = useT();
  const { themes, fontSizes, clocks } = appearanceChoices(t, useUiLanguage());
  const stored = useAppStore('preferences', (state) => state.preferences);
  const [pending, setPending] = useState<Partial<AppearancePreferences>>({});
  const [error, setError] = useState<string | null>(null);
  const shown: AppearancePreferences = { theme: stored.theme, fontSize: stored.fontSize, clock: stored.clock, avatarsShown: stored.avatarsShown, ...pending };
  const set = (patch: Partial<AppearancePreferences>): void => {
    setError(null);
    setPending((current) => ({ ...current, ...patch }));
    actions.setPreferences(patch).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) })))
      .finally(() => setPending((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch)))));
  };
  return (
    <div className="settings-fields">
      <Choice label={t('settings.theme')} choices={themes} value={shown.theme} onChange={(theme) => set({ theme })} />
      <Choice label={t('settings.textSize')} choices={fontSizes} value={shown.fontSize} onChange={(fontSize) => set({ fontSize })} />
      <Choice label={t('settings.clock')} choices={clocks} value={shown.clock} onChange={(clock) => set({ clock })} />
      <label>
        <input type="checkbox" checked={shown.avatarsShown} onChange={(event) => set({ avatarsShown: event.target.checked })} />
        {' '}{t('settings.avatarsShown')}
      </label>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
