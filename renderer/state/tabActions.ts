/**
 * Reordering tabs (a drag, or Ctrl+Shift+PageUp/PageDown): the new order goes into the
 * `tabOrder` preference, which every window follows (tabOrder.ts). The strip is shown in the
 * new order at once; a refusal from the core puts the old order back.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ActionContext } from './actionContext.js';
import type { ConversationsState } from './conversations.js';
import type { PreferencesState } from './preferences.js';
import { mergeTabOrder, sortTabs } from './tabOrder.js';

export interface TabActions {
  /** Puts this window's tabs in this order (the same tabs), kept in the profile. */
  reorderTabs(tabs: readonly number[]): Promise<void>;
}

export function createTabActions(context: ActionContext): TabActions {
  const { stores, client } = context;
  return {
    reorderTabs: async (tabs) => {
      const before = stores.preferences.getState().preferences;
      const { byId, tabs: tabsBefore } = stores.conversations.getState();
      const tabOrder = mergeTabOrder(before.tabOrder, tabs, (id) => byId.has(id));
      // keepTabsInOrder shows it: the strip follows the preference.
      stores.preferences.setState({ preferences: { ...before, tabOrder } }, true);
      try {
        const preferences = await client().request('preferences.set', { tabOrder });
        stores.preferences.setState({ preferences }, true);
      } catch (error) {
        stores.preferences.setState({ preferences: { ...stores.preferences.getState().preferences, tabOrder: before.tabOrder } }, true);
        // The old saved order may not cover these tabs (never ordered before): the strip as it was.
        const now = stores.conversations.getState();
        const kept = tabsBefore.filter((id) => now.tabs.includes(id));
        stores.conversations.setState({ ...now, tabs: [...kept, ...now.tabs.filter((id) => !kept.includes(id))] }, true);
        throw error;
      }
    },
  };
}

/**
 * Keeps the window's tab strip in the saved order: when the order changes (here or in
 * another window) and when tabs come and go. Returns the unsubscribe.
 */
export function keepTabsInOrder(conversations: StoreApi<ConversationsState>, preferences: StoreApi<PreferencesState>): () => void {
  const sort = (): void => {
    const state = conversations.getState();
    const tabs = sortTabs(state.tabs, preferences.getState().preferences.tabOrder);
    if (tabs !== state.tabs) conversations.setState({ ...state, tabs }, true);
  };
  const unsubscribeConversations = conversations.subscribe(sort);
  const unsubscribePreferences = preferences.subscribe(sort);
  sort();
  return () => {
    unsubscribeConversations();
    unsubscribePreferences();
  };
}
