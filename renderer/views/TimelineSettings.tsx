/**
 * Settings' Timeline section: which join, part and quit lines rooms show (membershipLines.ts
 * applies it), and whether received images show without a click (inlinePreviews.ts).
 */
import { useId, useState } from 'react';
import type { MembershipLines } from '../../electron/bridge/notificationPreferences.js';
import type { PreferencesPatch } from '../../electron/bridge/preferences.js';
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
  const storedInline = useAppStore('preferences', (state) => state.preferences.inlineImagePreviews);
  // The box shows the click at once while the core stores it.
  const [pendingInline, setPendingInline] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const change = (patch: PreferencesPatch, done?: () => void): void => {
    setError(null);
    actions.setPreferences(patch).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) }))).finally(done);
  };
  return (
    <div className="settings-fields">
      <div className="settings-choice">
        <label htmlFor={id}>{t('timeline.membership')}</label>
        <select id={id} value={mode} onChange={(event) => {
          const chosen = CHOICES.find((choice) => choice.value === event.target.value);
          if (chosen) change({ membershipLines: chosen.value });
        }}>
          {CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{t(choice.label)}</option>)}
        </select>
      </div>
      <label>
        <input type="checkbox" checked={pendingInline ?? storedInline} onChange={(event) => {
          const inlineImagePreviews = event.target.checked;
          setPendingInline(inlineImagePreviews);
          change({ inlineImagePreviews }, () => setPendingInline(null));
        }} />
        {' '}{t('timeline.inlineImages')}
      </label>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
