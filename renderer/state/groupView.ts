/**
 * The buddy list's groups as shown: each group (in the user's order, merged across
 * networks by name) with its persons and buddies, filtered (offline hidden unless asked
 * for, the filter text) and ordered as the user chose: by status (Pidgin's presence order,
 * then name), by name, or by recent activity (the newest direct conversation first).
 */
import type { Preferences } from '../../electron/bridge/preferences.js';
import { presenceRank } from '../../electron/bridge/presenceOrder.js';
import type { BuddyGroupView, ContactView, ConversationView } from '../../electron/bridge/schemas.js';
import { orderedGroups } from './buddyGroups.js';
import { visibleContacts, type BuddyIndex } from './buddyIndex.js';
import { contactKey, isOffline } from './contacts.js';
import { visiblePersons, type PersonEntry } from './people.js';
import { visibleSpaceRooms, type SpaceGroup } from './spaceGroups.js';

export type BuddySort = Preferences['buddySort'];

export type GroupMember =
  | { readonly kind: 'person'; readonly person: PersonEntry }
  | { readonly kind: 'buddy'; readonly contact: ContactView };

export interface GroupEntry {
  readonly name: string;
  readonly collapsed: boolean;
  /** What is shown in it, in order (nothing while collapsed). */
  readonly members: readonly GroupMember[];
  /** Persons and buddies in it that are reachable, and in all (filter and offline aside): "2/5". */
  readonly online: number;
  readonly total: number;
  /** Rooms the networks put in this group (Matrix spaces), filtered; nothing while collapsed. */
  readonly rooms: readonly ConversationView[];
  /** The spaces this group stands for: their other rooms can be joined from it (not while collapsed). */
  readonly spaces: readonly ConversationView[];
  /** Kept in the profile (false: only a space's, named by it: no rename or delete). */
  readonly stored: boolean;
}

export interface GroupViewInput {
  readonly index: BuddyIndex;
  /** Every person (with its buddies looked up); those shown are chosen here. */
  readonly persons: readonly PersonEntry[];
  readonly groups: readonly BuddyGroupView[];
  readonly query: string;
  readonly showOffline: boolean;
  readonly sort: BuddySort;
  /** Contact key → the time of its direct conversation's newest message. */
  readonly activity: ReadonlyMap<string, number>;
  /** Group name → the rooms and spaces the networks put in it (spaceGroups.ts). */
  readonly spaceGroups?: ReadonlyMap<string, SpaceGroup>;
}

/** Contact key → last activity of the direct conversation with that contact. */
export function directActivity(conversations: Iterable<ConversationView>): Map<string, number> {
  const activity = new Map<string, number>();
  for (const conversation of conversations) {
    if (conversation.kind === 'direct') activity.set(contactKey(conversation.accountId, conversation.networkId), conversation.lastActivity);
  }
  return activity;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function nameOf(member: GroupMember): string {
  return member.kind === 'person' ? member.person.name : member.contact.displayName;
}

function rankOf(member: GroupMember): number {
  return presenceRank(member.kind === 'person' ? member.person.presence.status : member.contact.presence.status);
}

function activityOf(member: GroupMember, activity: ReadonlyMap<string, number>): number {
  const buddies = member.kind === 'person' ? member.person.buddies : [member.contact];
  return Math.max(0, ...buddies.map((buddy) => activity.get(contactKey(buddy.accountId, buddy.id)) ?? 0));
}

/** Buddies (already in name order) and persons merged in name order, then ordered as chosen (stable sorts keep name order on ties). */
function ordered(contacts: readonly ContactView[], persons: readonly PersonEntry[], sort: BuddySort, activity: ReadonlyMap<string, number>): GroupMember[] {
  const people = [...persons].sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id).map((person): GroupMember => ({ kind: 'person', person }));
  const members: GroupMember[] = [];
  let p = 0;
  for (const contact of contacts) {
    while (p < people.length && collator.compare(nameOf(people[p] as GroupMember), contact.displayName) <= 0) members.push(people[p++] as GroupMember);
    members.push({ kind: 'buddy', contact });
  }
  members.push(...people.slice(p));
  if (sort === 'status') {
    const ranks = new Map(members.map((member) => [member, rankOf(member)]));
    members.sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  } else if (sort === 'recent') {
    const times = new Map(members.map((member) => [member, activityOf(member, activity)]));
    members.sort((a, b) => (times.get(b) ?? 0) - (times.get(a) ?? 0));
  }
  return members;
}

export function groupEntries(input: GroupViewInput): GroupEntry[] {
  const needle = input.query.trim().toLocaleLowerCase();
  const exclude = new Set(input.persons.flatMap((person) => person.buddies.map((buddy) => contactKey(buddy.accountId, buddy.id))));
  const personsByGroup = new Map<string, PersonEntry[]>();
  for (const person of input.persons) personsByGroup.set(person.group, [...(personsByGroup.get(person.group) ?? []), person]);
  const fromSpaces = input.spaceGroups ?? new Map<string, SpaceGroup>();
  const stored = new Set(input.groups.map((group) => group.name));
  const groups = orderedGroups(input.groups, [...input.index.keys(), ...personsByGroup.keys(), ...fromSpaces.keys()]);
  const entries: GroupEntry[] = [];
  for (const group of groups) {
    const persons = personsByGroup.get(group.name) ?? [];
    const all = visibleContacts(input.index, group.name, { query: '', showOffline: true, exclude });
    const online = persons.filter((person) => !isOffline(person.presence)).length + all.filter((contact) => !isOffline(contact.presence)).length;
    const total = persons.length + all.length;
    const contacts = needle === '' && input.showOffline ? all : visibleContacts(input.index, group.name, { query: input.query, showOffline: input.showOffline, exclude });
    const shownPersons = visiblePersons(persons, { query: input.query, showOffline: input.showOffline });
    const space = fromSpaces.get(group.name);
    const rooms = visibleSpaceRooms(space, input.query);
    // While filtering, a group with nothing that matches is left out; otherwise every group shows (an empty one is where buddies are dropped).
    const spaceMatches = space?.spaces.some((conversation) => conversation.title.toLocaleLowerCase().includes(needle)) === true;
    if (needle !== '' && contacts.length === 0 && shownPersons.length === 0 && rooms.length === 0 && !spaceMatches) continue;
    entries.push({
      name: group.name, collapsed: group.collapsed, online, total,
      members: group.collapsed ? [] : ordered(contacts, shownPersons, input.sort, input.activity),
      rooms: group.collapsed ? [] : rooms, spaces: group.collapsed ? [] : space?.spaces ?? [], stored: stored.has(group.name),
    });
  }
  return entries;
}

