/** Settings' Timeline section: which join, part and quit lines rooms show (membershipLines.ts applies it). */
import { useId, useState } from 'react';
import type { MembershipLines } from '../../electron/bridge/notificationPreferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

const CHOICES = [
  { value: 'all', label: 'timeline.all' }, { value: 'recent', label: 'timeline.recent' }, { value: 'none', label: 'timeline.none' },
] as const satisfies readonly { readonly value: MembershipLines; readonly label: string }[];

export function TimelineSettings() {
  const actions = useActions();
  const t = useT();
  const mode = useAppStore('preferences', (state) => state.preferences.membershipLines);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="settings-fields">
      <div className="settings-choice">
        <label htmlFor={id}>{t('timeline.membership')}</label>
        <select id={id} value={mode} onChange={(event) => {
          const chosen = CHOICES.find((choice) => choice.value === event.target.value);
          if (!chosen) return;
          setError(null);
          actions.setPreferences({ membershipLines: chosen.value }).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) })));
        }}>
          {CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{t(choice.label)}</option>)}
        </select>
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
