/** Changing the user's preferences: the core stores them and tells every window. */
import type { PreferencesPatch } from '../../electron/bridge/preferences.js';
import type { ActionContext } from './actionContext.js';

export interface PreferenceActions {
  /** Rejects with the core's words when it refuses the change; the store keeps the old values then. */
  setPreferences(patch: PreferencesPatch): Promise<void>;
}

export function createPreferenceActions(context: ActionContext): PreferenceActions {
  const { stores, client } = context;
  return {
    setPreferences: async (patch) => {
      const preferences = await client().request('preferences.set', patch);
      stores.preferences.setState({ preferences }, true);
    },
  };
}
