import { describe, expect, it } from 'vitest';
import { createBuddyIndexer, visibleGroups } from './buddyIndex.js';
import { buddyRows, nextActionRow, type BuddyRow, type BuddySection } from './buddyRows.js';
import { contactKey, resetContacts } from './contacts.js';
import { personEntries, resetPeople } from './people.js';
import { contact } from './testData.js';

const bobIrc = contact({ accountId: 'irc', id: 'bob', displayName: 'bob' });
const bobXmpp = contact({ accountId: 'xmpp', id: 'bob@x.org', displayName: 'Bob', presence: { status: 'away' } });
const carol = contact({ accountId: 'xmpp', id: 'carol@x.org', displayName: 'Carol' });
const contacts = resetContacts([bobIrc, bobXmpp, carol]).byKey;
const persons = personEntries(resetPeople([{ id: 7, name: 'Bob B.', members: [
  { accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' },
] }]), contacts, (accountId) => accountId.toUpperCase());

function rows(expanded: readonly number[]): BuddyRow[] {
  const index = createBuddyIndexer()(contacts);
  const exclude = new Set(persons.flatMap((person) => person.buddies.map((b) => contactKey(b.accountId, b.id))));
  const sections: BuddySection[] = ['irc', 'xmpp'].map((accountId) => ({
    accountId, label: `${accountId} account`, conversations: [], manage: true,
    groups: visibleGroups(index, accountId, { query: '', showOffline: true, exclude }),
  })).filter((section) => section.groups.length > 0);
  return buddyRows(sections, { persons, expanded: new Set(expanded), accountLabel: (id) => `${id} account`, manage: (id) => id === 'xmpp' });
}

const summary = (row: BuddyRow): string => {
  switch (row.kind) {
    case 'people': return `people ${row.place.posinset}/${row.place.setsize}`;
    case 'person': return `person ${row.person.name}${row.expanded ? ' (open)' : ''} ${row.place.posinset}/${row.place.setsize}`;
    case 'person-buddy': return `  ${row.contact.id} on ${row.accountLabel}${row.manage ? ' manage' : ''} ${row.place.posinset}/${row.place.setsize}`;
    case 'account': return `account ${row.label} ${row.place.posinset}/${row.place.setsize}`;
    case 'group': return `group ${row.name}`;
    case 'buddy': return `buddy ${row.contact.id}`;
    case 'conversation': return `conversation ${row.conversation.id}`;
  }
};

describe('buddy rows with people', () => {
  it('put the persons first, leave their buddies out of the accounts, and show the buddies of an expanded person under it', () => {
    expect(rows([]).map(summary)).toEqual(['people 1/2', 'person Bob B. 1/1', 'account xmpp account 2/2', 'group Buddies', 'buddy carol@x.org']);
    expect(rows([7]).map(summary)).toEqual([
      'people 1/2', 'person Bob B. (open) 1/1', '  bob on irc account 1/2', '  bob@x.org on xmpp account manage 2/2',
      'account xmpp account 2/2', 'group Buddies', 'buddy carol@x.org',
    ]);
  });

  it('have unique keys, and arrow keys move over persons and their buddies', () => {
    const list = rows([7]);
    expect(new Set(list.map((row) => row.key)).size).toBe(list.length);
    const kinds = (from: number, direction: 1 | -1): string | undefined => list[nextActionRow(list, from, direction)]?.kind;
    expect(kinds(-1, 1)).toBe('person');
    expect(kinds(1, 1)).toBe('person-buddy');
    expect(kinds(3, 1)).toBe('buddy');
    expect(kinds(list.length, -1)).toBe('buddy');
    expect(kinds(6, -1)).toBe('person-buddy');
  });

  it('are the accounts alone when nobody is merged', () => {
    expect(buddyRows([{ accountId: 'irc', label: 'irc', conversations: [], groups: [], manage: false }], { persons: [], expanded: new Set(), accountLabel: String, manage: () => false })
      .map(summary)).toEqual(['account irc 1/1']);
  });
});
