/**
 * The buddy list flattened into rows for windowing: first the merges the core suggests,
 * then each group (merged across networks by name, in the user's order) with a heading and
 * its persons and buddies (an expanded person's buddies under it), then per account its
 * open conversations. Each row knows its place in its own list (posinset of setsize),
 * which screen readers announce even when only a few rows are in the DOM, and the group it
 * is in (where a drop on it puts a dragged buddy).
 */
import type { ContactView, ConversationView, MergeSuggestion } from '../../electron/bridge/schemas.js';
import type { GroupEntry } from './groupView.js';
import type { PersonEntry } from './people.js';

/** One account's open conversations. */
export interface ConversationSection {
  readonly accountId: string;
  readonly label: string;
  readonly conversations: readonly ConversationView[];
}

/** A suggested merge with both buddies looked up. */
export interface SuggestionEntry {
  readonly suggestion: MergeSuggestion;
  readonly a: ContactView;
  readonly b: ContactView;
  readonly aLabel: string;
  readonly bLabel: string;
}

export interface BuddyListModel {
  readonly suggestions: readonly SuggestionEntry[];
  readonly groups: readonly GroupEntry[];
  readonly conversations: readonly ConversationSection[];
  readonly expanded: ReadonlySet<number>;
  readonly accountLabel: (accountId: string) => string;
  /** The account's plugin manages contacts (rename, remove, block). */
  readonly manage: (accountId: string) => boolean;
}

/** The section key of the suggestions; groups are keyed by {@link groupSection}, accounts by their ids. */
export const SUGGESTIONS_SECTION = '\u0001suggestions';

export function groupSection(name: string): string {
  return `\u0002${name}`;
}

/** Place of a row in its list, 1-based as ARIA's aria-posinset / aria-setsize. */
export interface ListPlace {
  readonly posinset: number;
  readonly setsize: number;
}

interface RowBase {
  /** Unique in the list and stable across updates: keys the row's measured height. */
  readonly key: string;
  /** The suggestions, a group ({@link groupSection}) or an account. */
  readonly section: string;
}

interface GroupRowBase extends RowBase {
  /** The group the row is in. */
  readonly groupName: string;
}

interface AccountRowBase extends RowBase {
  readonly accountId: string;
}

export type BuddyRow =
  | RowBase & { readonly kind: 'suggestions'; readonly place: ListPlace }
  | RowBase & { readonly kind: 'suggestion'; readonly entry: SuggestionEntry; readonly place: ListPlace }
  | GroupRowBase & { readonly kind: 'group'; readonly group: GroupEntry; readonly place: ListPlace }
  | GroupRowBase & { readonly kind: 'person'; readonly person: PersonEntry; readonly expanded: boolean; readonly place: ListPlace }
  | GroupRowBase & AccountRowBase & {
    readonly kind: 'person-buddy'; readonly person: PersonEntry; readonly contact: ContactView; readonly accountLabel: string;
    readonly manage: boolean; readonly place: ListPlace;
  }
  | GroupRowBase & AccountRowBase & {
    readonly kind: 'buddy'; readonly contact: ContactView; readonly accountLabel: string; readonly manage: boolean; readonly place: ListPlace;
  }
  /** A room the network put in this group (a Matrix space's), or a space's "Rooms in this space…" entry. */
  | GroupRowBase & AccountRowBase & { readonly kind: 'group-room' | 'space'; readonly conversation: ConversationView; readonly place: ListPlace }
  | AccountRowBase & { readonly kind: 'account'; readonly label: string; readonly place: ListPlace }
  | AccountRowBase & { readonly kind: 'conversation'; readonly conversation: ConversationView; readonly place: ListPlace };

export type BuddyRowKind = BuddyRow['kind'];

export function buddyRows(model: BuddyListModel): BuddyRow[] {
  const rows: BuddyRow[] = [];
  const withSuggestions = model.suggestions.length > 0;
  const setsize = (withSuggestions ? 1 : 0) + model.groups.length + model.conversations.length;
  let posinset = 0;
  if (withSuggestions) {
    const section = SUGGESTIONS_SECTION;
    rows.push({ kind: 'suggestions', key: 's', section, place: { posinset: ++posinset, setsize } });
    model.suggestions.forEach((entry, index) => {
      const { a, b } = entry.suggestion;
      rows.push({
        kind: 'suggestion', key: `s\u0000${a.accountId}\u0000${a.contactId}\u0000${b.accountId}\u0000${b.contactId}`, section, entry,
        place: { posinset: index + 1, setsize: model.suggestions.length },
      });
    });
  }
  for (const group of model.groups) {
    const section = groupSection(group.name);
    const base = { section, groupName: group.name };
    rows.push({ kind: 'group', key: `g\u0000${group.name}`, ...base, group, place: { posinset: ++posinset, setsize } });
    group.members.forEach((member, index) => {
      const place = { posinset: index + 1, setsize: group.members.length };
      if (member.kind === 'buddy') {
        const { contact } = member;
        rows.push({
          kind: 'buddy', key: `b\u0000${group.name}\u0000${contact.accountId}\u0000${contact.id}`, ...base, accountId: contact.accountId, contact,
          accountLabel: model.accountLabel(contact.accountId), manage: model.manage(contact.accountId), place,
        });
        return;
      }
      const { person } = member;
      const expanded = model.expanded.has(person.id);
      rows.push({ kind: 'person', key: `P\u0000${person.id}`, ...base, person, expanded, place });
      if (!expanded) return;
      person.buddies.forEach((contact, buddyIndex) => {
        rows.push({
          kind: 'person-buddy', key: `pb\u0000${person.id}\u0000${contact.accountId}\u0000${contact.id}`, ...base, accountId: contact.accountId,
          person, contact, accountLabel: model.accountLabel(contact.accountId), manage: model.manage(contact.accountId),
          place: { posinset: buddyIndex + 1, setsize: person.buddies.length },
        });
      });
    });
    const spaceRows = [...group.rooms.map((conversation) => ['group-room', conversation] as const), ...group.spaces.map((conversation) => ['space', conversation] as const)];
    spaceRows.forEach(([kind, conversation], index) => {
      rows.push({
        kind, key: `${kind === 'space' ? 'sp' : 'gr'}\u0000${group.name}\u0000${conversation.id}`, ...base, accountId: conversation.accountId, conversation,
        place: { posinset: index + 1, setsize: spaceRows.length },
      });
    });
  }
  for (const section of model.conversations) {
    const { accountId, label } = section;
    const base = { accountId, section: accountId };
    rows.push({ kind: 'account', key: `a\u0000${accountId}`, ...base, label, place: { posinset: ++posinset, setsize } });
    section.conversations.forEach((conversation, index) => {
      rows.push({ kind: 'conversation', key: `c\u0000${conversation.id}`, ...base, conversation, place: { posinset: index + 1, setsize: section.conversations.length } });
    });
  }
  return rows;
}

/** Rows that hold something to act on (a group heading, a conversation, a person or a contact), for arrow-key moves. */
export function isActionRow(row: BuddyRow): boolean {
  return row.kind === 'group' || row.kind === 'conversation' || row.kind === 'buddy' || row.kind === 'person' || row.kind === 'person-buddy'
    || row.kind === 'group-room' || row.kind === 'space';
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

/** The suggestions with both buddies still on their lists, looked up. */
export function suggestionEntries(
  suggestions: readonly MergeSuggestion[], contacts: ReadonlyMap<string, ContactView>, key: (accountId: string, contactId: string) => string,
  accountLabel: (accountId: string) => string,
): SuggestionEntry[] {
  return suggestions.flatMap((suggestion) => {
    const a = contacts.get(key(suggestion.a.accountId, suggestion.a.contactId));
    const b = contacts.get(key(suggestion.b.accountId, suggestion.b.contactId));
    return a && b ? [{ suggestion, a, b, aLabel: accountLabel(a.accountId), bLabel: accountLabel(b.accountId) }] : [];
  });
}
