/**
 * Persons (metacontacts) as the core reports them, and the rules the buddy list shows them
 * by: a person's name, its best presence, the networks it is on, and which buddies a
 * "Merge with…" may offer. Who is in which person is only in this store; names and
 * presence are only on the contacts. Which buddy a click on a person opens is the core's
 * choice (`people.open`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { shownGroups } from '../../electron/bridge/buddyGroups.js';
import { comparePresence, presenceRank } from '../../electron/bridge/presenceOrder.js';
import type { ContactView, PersonView, PresenceView } from '../../electron/bridge/schemas.js';
import { contactKey, isOffline } from './contacts.js';

export interface PeopleState {
  readonly byId: ReadonlyMap<number, PersonView>;
  /** Why the last `people.list` failed (a core without persons says so here). */
  readonly loadError?: string;
}

export type PersonEvent =
  | { readonly type: 'person.changed'; readonly payload: { readonly person: PersonView } }
  | { readonly type: 'person.removed'; readonly payload: { readonly personId: number } };

export function createPeopleStore(): StoreApi<PeopleState> {
  return createStore<PeopleState>()(() => ({ byId: new Map() }));
}

/** The state after `people.list`. */
export function resetPeople(list: readonly PersonView[]): PeopleState {
  return { byId: new Map(list.map((person) => [person.id, person])) };
}

export function applyPersonEvents(state: PeopleState, events: readonly PersonEvent[]): PeopleState {
  if (events.length === 0) return state;
  const byId = new Map(state.byId);
  for (const event of events) {
    if (event.type === 'person.changed') byId.set(event.payload.person.id, event.payload.person);
    else byId.delete(event.payload.personId);
  }
  return { ...state, byId };
}

/** The state once a buddy was separated here (the core's person.changed/removed follows). */
export function withoutMember(state: PeopleState, accountId: string, contactId: string): PeopleState {
  const byId = new Map(state.byId);
  for (const person of state.byId.values()) {
    const members = person.members.filter((member) => member.accountId !== accountId || member.contactId !== contactId);
    if (members.length === person.members.length) continue;
    if (members.length < 2) byId.delete(person.id);
    else byId.set(person.id, { ...person, members });
  }
  return { ...state, byId };
}

/** Contact key → the id of the person the contact is in. */
export function personIdsByContact(people: PeopleState): Map<string, number> {
  const byContact = new Map<string, number>();
  for (const person of people.byId.values()) {
    for (const member of person.members) byContact.set(contactKey(member.accountId, member.contactId), person.id);
  }
  return byContact;
}

/** The best presence among the buddies (unknown when there are none): a person is as reachable as its most reachable buddy. */
export function bestPresence(buddies: readonly ContactView[]): PresenceView {
  let best: PresenceView | undefined;
  for (const buddy of buddies) if (!best || presenceRank(buddy.presence.status) < presenceRank(best.status)) best = buddy.presence;
  return best ?? { status: 'unknown' };
}

/** A person as the buddy list shows it. */
export interface PersonEntry {
  readonly id: number;
  readonly name: string;
  /** The buddies still on their lists, first merged first. */
  readonly buddies: readonly ContactView[];
  readonly presence: PresenceView;
  /** The networks its buddies are on, each once, in buddy order ("IRC", "XMPP"). */
  readonly networks: readonly string[];
  /** The buddy-list group it is shown in: the one the user put it in, else its first buddy's. */
  readonly group: string;
}

/**
 * Every person with its buddies looked up (those no longer on a list left out, persons
 * left without buddies dropped), named by the user or else after its first buddy.
 */
export function personEntries(people: PeopleState, contacts: ReadonlyMap<string, ContactView>, networkOf: (accountId: string) => string): PersonEntry[] {
  const entries: PersonEntry[] = [];
  for (const person of people.byId.values()) {
    const buddies = person.members.flatMap((member) => contacts.get(contactKey(member.accountId, member.contactId)) ?? []);
    const first = buddies[0];
    if (first === undefined) continue;
    entries.push({
      id: person.id,
      name: person.name ?? first.displayName,
      buddies,
      presence: bestPresence(buddies),
      networks: [...new Set(buddies.map((buddy) => networkOf(buddy.accountId)))],
      group: person.group ?? shownGroups(first.groups)[0] ?? '',
    });
  }
  return entries;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The persons the buddy list shows, reachable first then by name: offline ones left out
 * unless asked for, only those whose name, or a buddy's name, id or status message,
 * contains the filter text.
 */
export function visiblePersons(entries: readonly PersonEntry[], options: { readonly query: string; readonly showOffline: boolean }): PersonEntry[] {
  const needle = options.query.trim().toLocaleLowerCase();
  return entries
    .filter((entry) => options.showOffline || !isOffline(entry.presence))
    .filter((entry) => needle === '' || personSearchText(entry).includes(needle))
    .sort((a, b) => comparePresence(a.presence.status, b.presence.status) || collator.compare(a.name, b.name) || a.id - b.id);
}

function personSearchText(entry: PersonEntry): string {
  return [entry.name, ...entry.buddies.flatMap((buddy) => [buddy.displayName, buddy.id, buddy.presence.message ?? ''])].join('\n').toLocaleLowerCase();
}

/** One buddy "Merge with…" may offer. */
export interface MergeCandidate {
  readonly contact: ContactView;
  readonly accountLabel: string;
  /** The person it is in, by name, when it is in one. */
  readonly personName?: string;
}

/**
 * The buddies `from` can be merged with: every other buddy not already in its person,
 * matching the filter (name, id, account), by name; at most `limit` of them.
 */
export function mergeCandidates(
  from: ContactView, contacts: ReadonlyMap<string, ContactView>, entries: readonly PersonEntry[],
  accountLabel: (accountId: string) => string, query: string, limit: number,
): { readonly candidates: MergeCandidate[]; readonly more: boolean } {
  const needle = query.trim().toLocaleLowerCase();
  const personOf = new Map<string, PersonEntry>();
  for (const entry of entries) for (const buddy of entry.buddies) personOf.set(contactKey(buddy.accountId, buddy.id), entry);
  const own = personOf.get(contactKey(from.accountId, from.id));
  const matches: MergeCandidate[] = [];
  for (const [key, contact] of contacts) {
    if (contact.accountId === from.accountId && contact.id === from.id) continue;
    const person = personOf.get(key);
    if (own !== undefined && person === own) continue;
    const label = accountLabel(contact.accountId);
    const text = `${contact.displayName}\n${contact.id}\n${label}\n${person?.name ?? ''}`.toLocaleLowerCase();
    if (needle !== '' && !text.includes(needle)) continue;
    matches.push({ contact, accountLabel: label, ...(person ? { personName: person.name } : {}) });
  }
  matches.sort((a, b) => collator.compare(a.contact.displayName, b.contact.displayName) || collator.compare(a.accountLabel, b.accountLabel));
  return { candidates: matches.slice(0, limit), more: matches.length > limit };
}
