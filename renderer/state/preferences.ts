/**
 * The user's preferences as the core keeps them (electron/bridge/preferences.ts): loaded on
 * connect, replaced by `preferences.changed` whichever window made the change. Until the
 * core answers, the defaults apply.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../../electron/bridge/preferences.js';

export interface PreferencesState {
  readonly preferences: Preferences;
}

export function createPreferencesStore(): StoreApi<PreferencesState> {
  return createStore<PreferencesState>()(() => ({ preferences: DEFAULT_PREFERENCES }));
}

/** The newest preferences of a batch; the same state when the batch has none. */
export function applyPreferencesEvents(state: PreferencesState, events: readonly BridgeEvent[]): PreferencesState {
  let preferences: Preferences | undefined;
  for (const event of events) if (event.type === 'preferences.changed') preferences = event.payload.preferences;
  return preferences === undefined ? state : { preferences };
}
