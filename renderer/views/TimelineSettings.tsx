/** Settings' Timeline section: which join, part and quit lines rooms show (membershipLines.ts applies it). */
import { useId, useState } from 'react';
import type { MembershipLines } from '../../electron/bridge/notificationPreferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';

const CHOICES: readonly { readonly value: MembershipLines; readonly label: string }[] = [
  { value: 'all', label: 'All' }, { value: 'recent', label: 'Only of people who spoke in the last 10 minutes' }, { value: 'none', label: 'None' },
];

export function TimelineSettings() {
  const actions = useActions();
  const mode = useAppStore('preferences', (state) => state.preferences.membershipLines);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="settings-fields">
      <div className="settings-choice">
        <label htmlFor={id}>Joins, parts and quits</label>
        <select id={id} value={mode} onChange={(event) => {
          const chosen = CHOICES.find((choice) => choice.value === event.target.value);
          if (!chosen) return;
          setError(null);
          actions.setPreferences({ membershipLines: chosen.value }).catch((caught: unknown) => setError(`Not changed: ${errorMessage(caught)}`));
        }}>
          {CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
        </select>
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
