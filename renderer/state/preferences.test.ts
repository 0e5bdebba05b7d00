import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { applyPreferencesEvents, createPreferencesStore } from './preferences.js';

describe('preferences store', () => {
  it('starts from the defaults and takes the newest preferences of a batch', () => {
    const state = createPreferencesStore().getState();
    expect(state.preferences).toEqual(DEFAULT_PREFERENCES);
    expect(applyPreferencesEvents(state, [{ type: 'account.removed', payload: { accountId: 'a' } }])).toBe(state);
    const compact = { ...DEFAULT_PREFERENCES, density: 'compact' as const };
    const hidden = { ...compact, showOffline: false };
    expect(applyPreferencesEvents(state, [
      { type: 'preferences.changed', payload: { preferences: compact } },
      { type: 'preferences.changed', payload: { preferences: hidden } },
    ]).preferences).toEqual(hidden);
  });
});

describe('changing preferences', () => {
  it('stores what the core answers, and keeps the old values when it refuses', async () => {
    const { setupActions } = await import('./testActions.js');
    const { BridgeRequestError } = await import('../../electron/bridge/client.js');
    let refuse = false;
    const { stores, actions, calls } = setupActions({
      'preferences.set': (patch) => {
        if (refuse) throw new BridgeRequestError({ kind: 'invalid-request', message: 'Auto-away minutes must be at most 1440.' });
        return { ...DEFAULT_PREFERENCES, ...(patch as object) };
      },
    });
    await actions.setPreferences({ showOffline: false });
    expect(calls).toContainEqual(['preferences.set', { showOffline: false }]);
    expect(stores.preferences.getState().preferences.showOffline).toBe(false);
    refuse = true;
    await expect(actions.setPreferences({ autoAwayMinutes: 5000 })).rejects.toThrow('at most 1440');
    expect(stores.preferences.getState().preferences).toEqual({ ...DEFAULT_PREFERENCES, showOffline: false });
  });
});
