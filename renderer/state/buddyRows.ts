/**
 * The buddy list flattened into rows for windowing: per account a heading, its open
 * conversations, then per group a heading and its contacts. Each row knows its place in
 * its own list (posinset of setsize), which screen readers announce even when only a few
 * rows are in the DOM.
 */
import type { ContactView, ConversationView } from '../../electron/bridge/schemas.js';
import type { ContactGroup } from './buddyIndex.js';

export interface BuddySection {
  readonly accountId: string;
  readonly label: string;
  readonly conversations: readonly ConversationView[];
  readonly groups: readonly ContactGroup[];
  /** The account's plugin manages contacts (rename, remove, block). */
  readonly manage: boolean;
}

/** Place of a row in its list, 1-based as ARIA's aria-posinset / aria-setsize. */
export interface ListPlace {
  readonly posinset: number;
  readonly setsize: number;
}

interface RowBase {
  /** Unique in the list and stable across updates: keys the row's measured height. */
  readonly key: string;
  readonly accountId: string;
}

export type BuddyRow =
  | RowBase & { readonly kind: 'account'; readonly label: string; readonly place: ListPlace }
  | RowBase & { readonly kind: 'conversation'; readonly conversation: ConversationView; readonly place: ListPlace }
  | RowBase & { readonly kind: 'group'; readonly name: string; readonly accountLabel: string }
  | RowBase & {
    readonly kind: 'buddy'; readonly contact: ContactView; readonly groupName: string; readonly accountLabel: string;
    readonly manage: boolean; readonly place: ListPlace;
  };

export type BuddyRowKind = BuddyRow['kind'];

export function buddyRows(sections: readonly BuddySection[]): BuddyRow[] {
  const rows: BuddyRow[] = [];
  sections.forEach((section, sectionIndex) => {
    const { accountId, label } = section;
    rows.push({ kind: 'account', key: `a\u0000${accountId}`, accountId, label, place: { posinset: sectionIndex + 1, setsize: sections.length } });
    section.conversations.forEach((conversation, index) => {
      rows.push({ kind: 'conversation', key: `c\u0000${conversation.id}`, accountId, conversation, place: { posinset: index + 1, setsize: section.conversations.length } });
    });
    for (const group of section.groups) {
      const groupKey = `${accountId}\u0000${group.name}`;
      rows.push({ kind: 'group', key: `g\u0000${groupKey}`, accountId, name: group.name, accountLabel: label });
      group.contacts.forEach((contact, index) => {
        rows.push({
          kind: 'buddy', key: `b\u0000${groupKey}\u0000${contact.id}`, accountId, contact, groupName: group.name, accountLabel: label,
          manage: section.manage, place: { posinset: index + 1, setsize: group.contacts.length },
        });
      });
    }
  });
  return rows;
}

/** Rows that hold something to act on (a conversation or a contact), for arrow-key moves. */
export function isActionRow(row: BuddyRow): boolean {
  return row.kind === 'conversation' || row.kind === 'buddy';
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
