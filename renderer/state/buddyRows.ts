/**
 * The buddy list flattened into rows for windowing: first the people (persons merged by
 * the user, each expandable into its buddies), then per account a heading, its open
 * conversations, then per group a heading and its contacts. Each row knows its place in
 * its own list (posinset of setsize), which screen readers announce even when only a few
 * rows are in the DOM.
 */
import type { ContactView, ConversationView } from '../../electron/bridge/schemas.js';
import type { ContactGroup } from './buddyIndex.js';
import type { PersonEntry } from './people.js';

export interface BuddySection {
  readonly accountId: string;
  readonly label: string;
  readonly conversations: readonly ConversationView[];
  readonly groups: readonly ContactGroup[];
  /** The account's plugin manages contacts (rename, remove, block). */
  readonly manage: boolean;
}

/** The persons shown, before the accounts. */
export interface PeopleSection {
  readonly persons: readonly PersonEntry[];
  readonly expanded: ReadonlySet<number>;
  readonly accountLabel: (accountId: string) => string;
  readonly manage: (accountId: string) => boolean;
}

/** The section key of the people (accounts' sections are keyed by their ids, which are never empty). */
export const PEOPLE_SECTION = '';

/** Place of a row in its list, 1-based as ARIA's aria-posinset / aria-setsize. */
export interface ListPlace {
  readonly posinset: number;
  readonly setsize: number;
}

interface RowBase {
  /** Unique in the list and stable across updates: keys the row's measured height. */
  readonly key: string;
  /** The account whose section the row is in, or {@link PEOPLE_SECTION}. */
  readonly section: string;
}

interface AccountRowBase extends RowBase {
  readonly accountId: string;
}

export type BuddyRow =
  | RowBase & { readonly kind: 'people'; readonly place: ListPlace }
  | RowBase & { readonly kind: 'person'; readonly person: PersonEntry; readonly expanded: boolean; readonly place: ListPlace }
  | AccountRowBase & {
    readonly kind: 'person-buddy'; readonly person: PersonEntry; readonly contact: ContactView; readonly accountLabel: string;
    readonly manage: boolean; readonly place: ListPlace;
  }
  | AccountRowBase & { readonly kind: 'account'; readonly label: string; readonly place: ListPlace }
  | AccountRowBase & { readonly kind: 'conversation'; readonly conversation: ConversationView; readonly place: ListPlace }
  | AccountRowBase & { readonly kind: 'group'; readonly name: string; readonly accountLabel: string }
  | AccountRowBase & {
    readonly kind: 'buddy'; readonly contact: ContactView; readonly groupName: string; readonly accountLabel: string;
    readonly manage: boolean; readonly place: ListPlace;
  };

export type BuddyRowKind = BuddyRow['kind'];

export function buddyRows(sections: readonly BuddySection[], people?: PeopleSection): BuddyRow[] {
  const rows: BuddyRow[] = [];
  const withPeople = people !== undefined && people.persons.length > 0;
  const setsize = sections.length + (withPeople ? 1 : 0);
  if (withPeople) peopleRows(rows, people, setsize);
  sections.forEach((section, sectionIndex) => {
    const { accountId, label } = section;
    const base = { accountId, section: accountId };
    rows.push({ kind: 'account', key: `a\u0000${accountId}`, ...base, label, place: { posinset: sectionIndex + 1 + (withPeople ? 1 : 0), setsize } });
    section.conversations.forEach((conversation, index) => {
      rows.push({ kind: 'conversation', key: `c\u0000${conversation.id}`, ...base, conversation, place: { posinset: index + 1, setsize: section.conversations.length } });
    });
    for (const group of section.groups) {
      const groupKey = `${accountId}\u0000${group.name}`;
      rows.push({ kind: 'group', key: `g\u0000${groupKey}`, ...base, name: group.name, accountLabel: label });
      group.contacts.forEach((contact, index) => {
        rows.push({
          kind: 'buddy', key: `b\u0000${groupKey}\u0000${contact.id}`, ...base, contact, groupName: group.name, accountLabel: label,
          manage: section.manage, place: { posinset: index + 1, setsize: group.contacts.length },
        });
      });
    }
  });
  return rows;
}

/** The people's heading, each person, and under an expanded one its buddies. */
function peopleRows(rows: BuddyRow[], people: PeopleSection, setsize: number): void {
  const section = PEOPLE_SECTION;
  rows.push({ kind: 'people', key: 'p', section, place: { posinset: 1, setsize } });
  people.persons.forEach((person, index) => {
    const expanded = people.expanded.has(person.id);
    rows.push({ kind: 'person', key: `P\u0000${person.id}`, section, person, expanded, place: { posinset: index + 1, setsize: people.persons.length } });
    if (!expanded) return;
    person.buddies.forEach((contact, buddyIndex) => {
      rows.push({
        kind: 'person-buddy', key: `pb\u0000${person.id}\u0000${contact.accountId}\u0000${contact.id}`, section, accountId: contact.accountId,
        person, contact, accountLabel: people.accountLabel(contact.accountId), manage: people.manage(contact.accountId),
        place: { posinset: buddyIndex + 1, setsize: person.buddies.length },
      });
    });
  });
}

/** Rows that hold something to act on (a conversation, a person or a contact), for arrow-key moves. */
export function isActionRow(row: BuddyRow): boolean {
  return row.kind === 'conversation' || row.kind === 'buddy' || row.kind === 'person' || row.kind === 'person-buddy';
}

/**
 * The next action row from `from` in `direction` (+1 down, -1 up), or `from` itself at an
 * end; from -1 with +1 it is the first, from rows.length with -1 the last.
 */
export function nextActionRow(rows: readonly BuddyRow[], from: number, direction: 1 | -1): number {
  for (let index = from + direction; index >= 0 && index < rows.length; index += direction) {
    const row = rows[index];
    if (row !== undefined && isActionRow(row)) return index;
  }
  return from;
}
