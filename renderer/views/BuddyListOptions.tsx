/**
 * How the buddy list shows buddies: offline ones or not, sorted by status, name or recent
 * activity, compact or roomy rows. The user's preferences (kept by the core, the same in
 * every window); a Settings dialog can host this too.
 */
import { useState } from 'react';
import type { Preferences, PreferencesPatch } from '../../electron/bridge/preferences.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';

const SORTS: readonly { readonly value: Preferences['buddySort']; readonly label: string }[] = [
  { value: 'status', label: 'Status' }, { value: 'name', label: 'Name' }, { value: 'recent', label: 'Recent activity' },
];

export function BuddyListOptions() {
  const actions = useActions();
  const preferences = useAppStore('preferences', (state) => state.preferences);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: PreferencesPatch): void => {
    setError(null);
    actions.setPreferences(patch).catch((caught: unknown) => setError(`Not changed: ${errorMessage(caught)}`));
  };
  return (
    <div className="buddy-options" role="group" aria-label="Buddy list options">
      <label className="buddy-toggle">
        <input type="checkbox" checked={preferences.showOffline} onChange={(event) => set({ showOffline: event.target.checked })} />
        Show offline contacts
      </label>
      <label className="buddy-option">
        Sort by{' '}
        <select value={preferences.buddySort} onChange={(event) => {
          const sort = SORTS.find((item) => item.value === event.target.value);
          if (sort) set({ buddySort: sort.value });
        }}>
          {SORTS.map((sort) => <option key={sort.value} value={sort.value}>{sort.label}</option>)}
        </select>
      </label>
      <label className="buddy-toggle">
        <input type="checkbox" checked={preferences.density === 'compact'} onChange={(event) => set({ density: event.target.checked ? 'compact' : 'roomy' })} />
        Compact list
      </label>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
