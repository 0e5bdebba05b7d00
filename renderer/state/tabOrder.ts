/**
 * The tab strip's order, kept in the profile (the `tabOrder` preference) so that it is the
 * same in every window and survives a reload. Each window shows its own tabs in that order;
 * a tab the order does not know yet (a conversation opened since) keeps its place at the end.
 */

/**
 * A window's tabs in the saved order: the ones the order knows first, by their rank, then the
 * others as they were. The same array when nothing moves.
 */
export function sortTabs(tabs: readonly number[], order: readonly number[]): readonly number[] {
  const rank = new Map(order.map((id, index) => [id, index]));
  const known = tabs.filter((id) => rank.has(id)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const sorted = [...known, ...tabs.filter((id) => !rank.has(id))];
  return sorted.every((id, index) => id === tabs[index]) ? tabs : sorted;
}

/**
 * The saved order after one window's tabs were put in the order `windowTabs` (by a drag or a
 * shortcut): that window's tabs take the place of the first of them the order knew, in their
 * new order; other windows' tabs keep theirs. Ids of conversations gone from the list
 * (`exists` false) are dropped so the order does not grow forever.
 */
export function mergeTabOrder(order: readonly number[], windowTabs: readonly number[], exists: (id: number) => boolean): number[] {
  const moved = new Set(windowTabs);
  const at = order.findIndex((id) => moved.has(id));
  const others = order.filter((id) => !moved.has(id) && exists(id));
  const before = at === -1 ? others.length : order.slice(0, at).filter((id) => !moved.has(id) && exists(id)).length;
  return [...others.slice(0, before), ...windowTabs, ...others.slice(before)];
}

/** The tab strip with the tab `id` moved to where `overId` is (a drop onto another tab). */
export function dropTab(tabs: readonly number[], id: number, overId: number): readonly number[] {
  const from = tabs.indexOf(id);
  const to = tabs.indexOf(overId);
  if (from < 0 || to < 0 || from === to) return tabs;
  const next = tabs.filter((tab) => tab !== id);
  next.splice(to, 0, id);
  return next;
}
