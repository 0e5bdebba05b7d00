/**
 * How the buddy list shows buddies: offline ones or not, sorted by status, name or recent
 * activity, compact or roomy rows. The user's preferences (kept by the core, the same in
 * every window); a Settings dialog can host this too.
 */
import { useState } from 'react';
import type { Preferences } from '../../electron/bridge/preferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

type ListPreferences = Partial<Pick<Preferences, 'showOffline' | 'buddySort' | 'density'>>;

const SORTS = [
  { value: 'status', label: 'buddyOptions.sortStatus' }, { value: 'name', label: 'buddyOptions.sortName' }, { value: 'recent', label: 'buddyOptions.sortRecent' },
] as const satisfies readonly { readonly value: Preferences['buddySort']; readonly label: string }[];

export function BuddyListOptions() {
  const actions = useActions();
  const t = useT();
  const stored = useAppStore('preferences', (state) => state.preferences);
  // Shown at once while the core stores it (a checkbox that lags its click reads as broken).
  const [pending, setPending] = useState<ListPreferences>({});
  const preferences: Preferences = { ...stored, ...pending };
  const [error, setError] = useState<string | null>(null);
  const set = (patch: ListPreferences): void => {
    setError(null);
    setPending((current) => ({ ...current, ...patch }));
    actions.setPreferences(patch).catch((caught: unknown) => setError(t('common.notChanged', { error: errorMessage(caught) })))
      .finally(() => setPending((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch)))));
  };
  return (
    <div className="buddy-options" role="group" aria-label={t('buddyOptions.name')}>
      <label className="buddy-toggle">
        <input type="checkbox" checked={preferences.showOffline} onChange={(event) => set({ showOffline: event.target.checked })} />
        {t('buddyOptions.showOffline')}
      </label>
      <label className="buddy-option">
        {t('buddyOptions.sortBy')}{' '}
        <select value={preferences.buddySort} onChange={(event) => {
          const sort = SORTS.find((item) => item.value === event.target.value);
          if (sort) set({ buddySort: sort.value });
        }}>
          {SORTS.map((sort) => <option key={sort.value} value={sort.value}>{t(sort.label)}</option>)}
        </select>
      </label>
      <label className="buddy-toggle">
        <input type="checkbox" checked={preferences.density === 'compact'} onChange={(event) => set({ density: event.target.checked ? 'compact' : 'roomy' })} />
        {t('buddyOptions.compact')}
      </label>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
