/**
 * Settings' Appearance section: Theme, Text size and Clock, each a labelled select (keyboard
 * usable as any native control). The page applies them (renderer/state/appearance.ts, and
 * renderer/state/timeFormat.ts for every time shown); a choice shows at once while the core
 * stores it.
 */
import { useId, useState } from 'react';
import type { Preferences } from '../../electron/bridge/preferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';

type AppearancePreferences = Pick<Preferences, 'theme' | 'fontSize' | 'clock'>;
type Choices<K extends keyof AppearancePreferences> = readonly { readonly value: AppearancePreferences[K]; readonly label: string }[];

const THEMES: Choices<'theme'> = [
  { value: 'system', label: 'System' }, { value: 'light', label: 'Light' }, { value: 'dark', label: 'Dark' },
];
const FONT_SIZES: Choices<'fontSize'> = [{ value: 'small', label: 'Small' }, { value: 'normal', label: 'Normal' }, { value: 'large', label: 'Large' }];
const CLOCKS: Choices<'clock'> = [
  { value: 'system', label: 'System' }, { value: '12', label: '12-hour (6:53 PM)' }, { value: '24', label: '24-hour (18:53)' },
];

function Choice<K extends keyof AppearancePreferences>({ label, choices, value, onChange }: {
  readonly label: string;
  readonly choices: Choices<K>;
  readonly value: AppearancePreferences[K];
  readonly onChange: (value: AppearancePreferences[K]) => void;
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
  const stored = useAppStore('preferences', (state) => state.preferences);
  const [pending, setPending] = useState<Partial<AppearancePreferences>>({});
  const [error, setError] = useState<string | null>(null);
  const shown: AppearancePreferences = { theme: stored.theme, fontSize: stored.fontSize, clock: stored.clock, ...pending };
  const set = (patch: Partial<AppearancePreferences>): void => {
    setError(null);
    setPending((current) => ({ ...current, ...patch }));
    actions.setPreferences(patch).catch((caught: unknown) => setError(`Not changed: ${errorMessage(caught)}`))
      .finally(() => setPending((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch)))));
  };
  return (
    <div className="settings-fields">
      <Choice label="Theme" choices={THEMES} value={shown.theme} onChange={(theme) => set({ theme })} />
      <Choice label="Text size" choices={FONT_SIZES} value={shown.fontSize} onChange={(fontSize) => set({ fontSize })} />
      <Choice label="Clock" choices={CLOCKS} value={shown.clock} onChange={(clock) => set({ clock })} />
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
