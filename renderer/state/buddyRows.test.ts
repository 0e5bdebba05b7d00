import { describe, expect, it } from 'vitest';
import { createBuddyIndexer } from './buddyIndex.js';
import { buddyRows, nextActionRow, suggestionEntries, type BuddyRow } from './buddyRows.js';
import { contactKey, resetContacts } from './contacts.js';
import { groupEntries } from './groupView.js';
import { personEntries, resetPeople } from './people.js';
import { contact, conversation } from './testData.js';

const bobIrc = contact({ accountId: 'irc', id: 'bob', displayName: 'bob' });
const bobXmpp = contact({ accountId: 'xmpp', id: 'bob@x.org', displayName: 'Bob', presence: { status: 'away' } });
const carol = contact({ accountId: 'xmpp', id: 'carol@x.org', displayName: 'Carol', groups: ['Work'] });
const dan = contact({ accountId: 'irc', id: 'dan', displayName: 'dan' });
const contacts = resetContacts([bobIrc, bobXmpp, carol, dan]).byKey;
const persons = personEntries(resetPeople([{ id: 7, name: 'Bob B.', group: 'Work', members: [
  { accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' },
] }]), contacts, (accountId) => accountId.toUpperCase());

function rows(expanded: readonly number[], collapsed = false): BuddyRow[] {
  const groups = groupEntries({
    index: createBuddyIndexer()(contacts), persons, groups: [{ name: 'Work', collapsed }, { name: 'Buddies', collapsed: false }, { name: 'Empty', collapsed: false }],
    query: '', showOffline: true, sort: 'name', activity: new Map(),
  });
  const suggestions = suggestionEntries([{ a: { accountId: 'irc', contactId: 'dan' }, b: { accountId: 'xmpp', contactId: 'carol@x.org' }, reason: 'nick' },
    { a: { accountId: 'irc', contactId: 'gone' }, b: { accountId: 'xmpp', contactId: 'carol@x.org' }, reason: 'nick' }], contacts, contactKey, (id) => `${id} account`);
  return buddyRows({
    suggestions, groups, expanded: new Set(expanded), accountLabel: (id) => `${id} account`, manage: (id) => id === 'xmpp',
    conversations: [{ accountId: 'irc', label: 'irc account', conversations: [conversation({ id: 3, accountId: 'irc' })] }],
  });
}

const summary = (row: BuddyRow): string => {
  switch (row.kind) {
    case 'suggestions': return `suggestions ${row.place.posinset}/${row.place.setsize}`;
    case 'suggestion': return `  merge ${row.entry.a.id}+${row.entry.b.id}`;
    case 'group': return `group ${row.groupName} ${row.group.online}/${row.group.total}${row.group.collapsed ? ' (closed)' : ''} ${row.place.posinset}/${row.place.setsize}`;
    case 'person': return `  person ${row.person.name}${row.expanded ? ' (open)' : ''} ${row.place.posinset}/${row.place.setsize}`;
    case 'person-buddy': return `    ${row.contact.id} on ${row.accountLabel}${row.manage ? ' manage' : ''} ${row.place.posinset}/${row.place.setsize}`;
    case 'buddy': return `  buddy ${row.contact.id} in ${row.groupName} ${row.place.posinset}/${row.place.setsize}`;
    case 'account': return `account ${row.label} ${row.place.posinset}/${row.place.setsize}`;
    case 'conversation': return `  conversation ${row.conversation.id}`;
    case 'group-room': return `  room ${row.conversation.title} in ${row.groupName} ${row.place.posinset}/${row.place.setsize}`;
    case 'space': return `  rooms of space ${row.conversation.title} ${row.place.posinset}/${row.place.setsize}`;
  }
};

describe('buddy rows', () => {
  it('show the suggestions, then the groups in the user\'s order with persons and buddies of every account, then conversations', () => {
    expect(rows([]).map(summary)).toEqual([
      'suggestions 1/5', '  merge dan+carol@x.org',
      'group Work 2/2 2/5', '  person Bob B. 1/2', '  buddy carol@x.org in Work 2/2',
      'group Buddies 1/1 3/5', '  buddy dan in Buddies 1/1',
      'group Empty 0/0 4/5',
      'account irc account 5/5', '  conversation 3',
    ]);
  });

  it('show the buddies of an expanded person under it, and nothing of a collapsed group but its heading', () => {
    expect(rows([7]).map(summary).slice(3, 6)).toEqual(['  person Bob B. (open) 1/2', '    bob on irc account 1/2', '    bob@x.org on xmpp account manage 2/2']);
    expect(rows([7], true).map(summary).slice(2, 4)).toEqual(['group Work 2/2 (closed) 2/5', 'group Buddies 1/1 3/5']);
  });

  it('have unique keys, and arrow keys move over group headings, persons, buddies and conversations', () => {
    const list = rows([7]);
    expect(new Set(list.map((row) => row.key)).size).toBe(list.length);
    const kinds = (from: number, direction: 1 | -1): string | undefined => list[nextActionRow(list, from, direction)]?.kind;
    expect(kinds(-1, 1)).toBe('group');
    expect(kinds(2, 1)).toBe('person');
    expect(kinds(3, 1)).toBe('person-buddy');
    expect(kinds(list.length, -1)).toBe('conversation');
  });
});
