/**
 * The buddy list kept ready to filter: every contact of every account in its groups (groups
 * merged across networks by name), in name order, each with a lowercase search key.
 * Sorting by name is the expensive part (a collator over thousands of names): it is redone
 * only for contacts that are new or renamed, so presence changes (the common event) cost a
 * linear pass, and a keystroke in the filter costs one substring test per contact and no
 * sorting at all. The order the user chose (status, name, recent) is groupView.ts's.
 */
import { DEFAULT_GROUP, shownGroups } from '../../electron/bridge/buddyGroups.js';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { contactKey, isOffline } from './contacts.js';

export { DEFAULT_GROUP };

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

/** Per group name, its contacts (of every account) in name order. */
export type BuddyIndex = ReadonlyMap<string, readonly IndexedContact[]>;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Contacts by name, then id, then account: the order of the index. */
export function compareByName(a: ContactView, b: ContactView): number {
  return collator.compare(a.displayName, b.displayName) || collator.compare(a.id, b.id) || collator.compare(a.accountId, b.accountId);
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
    const index = new Map<string, IndexedContact[]>();
    for (const contact of order) {
      const entry = { contact, searchKey: searchKeyOf(contact) };
      for (const name of new Set(shownGroups(contact.groups))) {
        let group = index.get(name);
        if (!group) index.set(name, group = []);
        group.push(entry);
      }
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
 * One group's contacts as shown, in name order: offline contacts left out unless asked for,
 * only those whose name, id or status message contains the filter text, those excluded
 * (shown in their persons) left out.
 */
export function visibleContacts(index: BuddyIndex, groupName: string, options: BuddyListOptions): ContactView[] {
  const needle = filterNeedle(options.query);
  const exclude = options.exclude !== undefined && options.exclude.size > 0 ? options.exclude : undefined;
  const shown: ContactView[] = [];
  for (const { contact, searchKey } of index.get(groupName) ?? []) {
    if (!options.showOffline && isOffline(contact.presence)) continue;
    if (needle !== '' && !searchKey.includes(needle)) continue;
    if (exclude?.has(keyOf(contact)) === true) continue;
    shown.push(contact);
  }
  return shown;
}
