/**
 * The buddy list kept ready to filter: every account's contacts in their groups, already
 * in display order (reachable first, offline last, then by name), each with a lowercase
 * search key. Sorting by name is the expensive part (a collator over thousands of
 * names): it is redone only for contacts that are new or renamed, so presence changes
 * (the common event) cost a linear pass, and a keystroke in the filter costs one
 * substring test per contact and no sorting at all.
 */
import type { ContactView } from '../../electron/bridge/schemas.js';
import { PRESENCE_ORDER, presenceRank } from '../../electron/bridge/presenceOrder.js';
import { contactKey, isOffline } from './contacts.js';

/** The name of the group a contact without groups goes in. */
export const DEFAULT_GROUP = 'Buddies';

export interface ContactGroup {
  readonly name: string;
  readonly contacts: readonly ContactView[];
}

export interface BuddyListOptions {
  readonly query: string;
  readonly showOffline: boolean;
  /** Contacts (by contact key) shown elsewhere: the buddies of persons. */
  readonly exclude?: ReadonlySet<string>;
}

interface IndexedContact {
  readonly contact: ContactView;
  /** Name, id and status message, lowercased: what the filter searches. */
  readonly searchKey: string;
}

interface IndexedGroup {
  readonly name: string;
  /** In display order. */
  readonly contacts: readonly IndexedContact[];
}

/** Per account id, its groups in display order. */
export type BuddyIndex = ReadonlyMap<string, readonly IndexedGroup[]>;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareByName(a: ContactView, b: ContactView): number {
  return collator.compare(a.displayName, b.displayName) || collator.compare(a.id, b.id);
}

function compareGroupNames(a: string, b: string): number {
  return a === DEFAULT_GROUP ? -1 : b === DEFAULT_GROUP ? 1 : collator.compare(a, b);
}

/** Two lists sorted by {@link compareByName}, merged. */
function mergeByName(a: readonly ContactView[], b: readonly ContactView[]): ContactView[] {
  const merged: ContactView[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left === undefined || right === undefined) break;
    if (compareByName(left, right) <= 0) { merged.push(left); i++; } else { merged.push(right); j++; }
  }
  return merged.concat(a.slice(i), b.slice(j));
}

/**
 * Every contact sorted by name, reusing the previous order: contacts whose name did not
 * change keep their relative order, and only the new or renamed ones are sorted and merged in.
 */
function nameOrder(byKey: ReadonlyMap<string, ContactView>, previous: readonly ContactView[] | undefined, previousByKey: ReadonlyMap<string, ContactView> | undefined): ContactView[] {
  if (previous === undefined || previousByKey === undefined) return [...byKey.values()].sort(compareByName);
  const kept: ContactView[] = [];
  for (const old of previous) {
    const key = keyOf(old);
    const current = byKey.get(key);
    if (current !== undefined && current.displayName === old.displayName) kept.push(current);
  }
  const added: ContactView[] = [];
  for (const [key, contact] of byKey) {
    const old = previousByKey.get(key);
    if (old === undefined || old.displayName !== contact.displayName) added.push(contact);
  }
  return added.length === 0 ? kept : mergeByName(kept, added.sort(compareByName));
}

function keyOf(contact: ContactView): string {
  return contactKey(contact.accountId, contact.id);
}

/** Presence ranks, most reachable first: the buckets a name-sorted group is split into. */
const RANKS = PRESENCE_ORDER.length;

/**
 * Makes the function that turns the contacts store's map into a {@link BuddyIndex}. It
 * remembers its previous answer (and each contact's search key), so call it with every
 * new state of one store: one indexer per buddy list.
 */
export function createBuddyIndexer(): (byKey: ReadonlyMap<string, ContactView>) => BuddyIndex {
  const searchKeys = new WeakMap<ContactView, string>();
  let last: { byKey: ReadonlyMap<string, ContactView>; order: ContactView[]; index: BuddyIndex } | undefined;

  const searchKeyOf = (contact: ContactView): string => {
    let key = searchKeys.get(contact);
    if (key === undefined) {
      key = `${contact.displayName}\n${contact.id}\n${contact.presence.message ?? ''}`.toLocaleLowerCase();
      searchKeys.set(contact, key);
    }
    return key;
  };

  return (byKey) => {
    if (last?.byKey === byKey) return last.index;
    const order = nameOrder(byKey, last?.order, last?.byKey);
    // account → group → presence rank → contacts (in name order, as `order` is).
    const buckets = new Map<string, Map<string, IndexedContact[][]>>();
    for (const contact of order) {
      let groups = buckets.get(contact.accountId);
      if (!groups) buckets.set(contact.accountId, groups = new Map<string, IndexedContact[][]>());
      const entry = { contact, searchKey: searchKeyOf(contact) };
      const rank = presenceRank(contact.presence.status);
      for (const name of new Set(contact.groups.length > 0 ? contact.groups : [DEFAULT_GROUP])) {
        let ranks = groups.get(name);
        if (!ranks) groups.set(name, ranks = Array.from({ length: RANKS }, () => []));
        ranks[rank]?.push(entry);
      }
    }
    const index = new Map<string, IndexedGroup[]>();
    for (const [accountId, groups] of buckets) {
      index.set(accountId, [...groups]
        .sort(([a], [b]) => compareGroupNames(a, b))
        .map(([name, ranks]) => ({ name, contacts: ranks.flat() })));
    }
    last = { byKey, order, index };
    return index;
  };
}

/** The lowercase needle of a filter text ('' shows everything). */
export function filterNeedle(query: string): string {
  return query.trim().toLocaleLowerCase();
}

/**
 * One account's groups as shown: offline contacts left out unless asked for, only the
 * contacts whose name, id or status message contains the filter text, those excluded
 * (shown in their persons) left out, empty groups dropped.
 */
export function visibleGroups(index: BuddyIndex, accountId: string, options: BuddyListOptions): ContactGroup[] {
  const needle = filterNeedle(options.query);
  const exclude = options.exclude !== undefined && options.exclude.size > 0 ? options.exclude : undefined;
  const shown: ContactGroup[] = [];
  for (const group of index.get(accountId) ?? []) {
    const contacts: ContactView[] = [];
    for (const { contact, searchKey } of group.contacts) {
      if (!options.showOffline && isOffline(contact.presence)) continue;
      if (needle !== '' && !searchKey.includes(needle)) continue;
      if (exclude?.has(keyOf(contact)) === true) continue;
      contacts.push(contact);
    }
    if (contacts.length > 0) shown.push({ name: group.name, contacts });
  }
  return shown;
}

/**
 * One account's contacts in their groups: groups sorted by name with the default group
 * first, contacts online first and offline last (or left out), filtered by name, id or
 * status message. A contact in several groups appears in each.
 */
export function groupContacts(contacts: Iterable<ContactView>, accountId: string, options: BuddyListOptions): ContactGroup[] {
  const byKey = new Map<string, ContactView>();
  for (const contact of contacts) byKey.set(keyOf(contact), contact);
  return visibleGroups(createBuddyIndexer()(byKey), accountId, options);
}
