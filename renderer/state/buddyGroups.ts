/**
 * The buddy list's groups as the core keeps them (in the user's order, collapsed or not),
 * and the merges it suggests: loaded on connect, replaced by `groups.changed` and
 * `people.suggestionsChanged` whichever window made the change.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { BuddyGroupView, MergeSuggestion } from '../../electron/bridge/schemas.js';

export interface BuddyGroupsState {
  readonly list: readonly BuddyGroupView[];
  readonly suggestions: readonly MergeSuggestion[];
}

export function createBuddyGroupsStore(): StoreApi<BuddyGroupsState> {
  return createStore<BuddyGroupsState>()(() => ({ list: [], suggestions: [] }));
}

/** The newest groups and suggestions of a batch; the same state when the batch has neither. */
export function applyBuddyGroupEvents(state: BuddyGroupsState, events: readonly BridgeEvent[]): BuddyGroupsState {
  let next = state;
  for (const event of events) {
    if (event.type === 'groups.changed') next = { ...next, list: event.payload.groups };
    else if (event.type === 'people.suggestionsChanged') next = { ...next, suggestions: event.payload.suggestions };
  }
  return next;
}

/**
 * The groups in display order: the core's, then any group a buddy or person is in that the
 * core has not announced yet (a roster push racing `groups.changed`), by name.
 */
export function orderedGroups(stored: readonly BuddyGroupView[], used: Iterable<string>): BuddyGroupView[] {
  const known = new Set(stored.map((group) => group.name));
  const extra = [...new Set(used)].filter((name) => !known.has(name)).sort((a, b) => a.localeCompare(b));
  return [...stored, ...extra.map((name) => ({ name, collapsed: false }))];
}

/** The order of group names once `name` moved to where `over` is (as a drag and drop, or Move up/down, puts it). */
export function movedGroupOrder(names: readonly string[], name: string, over: string): string[] {
  const from = names.indexOf(name);
  const to = names.indexOf(over);
  if (from < 0 || to < 0 || from === to) return [...names];
  const next = names.filter((item) => item !== name);
  next.splice(to, 0, name);
  return next;
}
