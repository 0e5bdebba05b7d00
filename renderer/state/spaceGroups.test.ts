import { describe, expect, it } from 'vitest';
import { createBuddyIndexer } from './buddyIndex.js';
import { buddyRows } from './buddyRows.js';
import { matchesQuery, resetContacts } from './contacts.js';
import { groupEntries } from './groupView.js';
import { shownInGroups, spaceGroups } from './spaceGroups.js';
import { contact, conversation } from './testData.js';

const team = conversation({ id: 1, accountId: 'mx', networkId: '!team', title: 'Team', space: true });
const general = conversation({ id: 2, accountId: 'mx', networkId: '!general', title: 'General', groups: ['Team', 'Projects'] });
const random = conversation({ id: 3, accountId: 'mx', networkId: '!random', title: 'Random', groups: ['Team'] });
const lone = conversation({ id: 4, accountId: 'mx', networkId: '!lone', title: 'Lone' });
const leftSpace = conversation({ id: 5, accountId: 'mx', networkId: '!old', title: 'Old space', space: true, joined: false });
const carol = contact({ accountId: 'mx', id: '@carol:x', displayName: 'Carol', groups: ['Team'] });

function rowsFor(query: string): string[] {
  const all = [team, general, random, lone, leftSpace];
  const groups = groupEntries({
    index: createBuddyIndexer()(resetContacts([carol]).byKey), persons: [], groups: [{ name: 'Buddies', collapsed: false }],
    query, showOffline: true, sort: 'name', activity: new Map(), spaceGroups: spaceGroups(all),
  });
  return buddyRows({
    suggestions: [], groups, expanded: new Set(), accountLabel: (id) => id, manage: () => false,
    conversations: [{ accountId: 'mx', label: 'mx', conversations: all.filter((item) => !shownInGroups(item) && matchesQuery(query, item.title)) }].filter((section) => section.conversations.length > 0),
  }).map((row) => {
    if (row.kind === 'group') return `group ${row.groupName}${row.group.stored ? '' : ' (space)'}`;
    if (row.kind === 'group-room' || row.kind === 'space') return `  ${row.kind} ${row.conversation.title} ${row.place.posinset}/${row.place.setsize}`;
    if (row.kind === 'buddy') return `  buddy ${row.contact.displayName}`;
    if (row.kind === 'conversation') return `  conversation ${row.conversation.title}`;
    return row.kind;
  });
}

describe('spaces as buddy-list groups', () => {
  it('show each room in every group its spaces name, the joined space as the way to its other rooms, and no space as a chat', () => {
    expect(rowsFor('')).toEqual([
      'group Buddies',
      'group Projects (space)', '  group-room General 1/1',
      'group Team (space)', '  buddy Carol', '  group-room General 1/3', '  group-room Random 2/3', '  space Team 3/3',
      'account', '  conversation Lone',
    ]);
  });

  it('filter a group\'s rooms with its contacts, keep a group whose space matches, and leave out a group where nothing matches', () => {
    expect(rowsFor('rand')).toEqual(['group Team (space)', '  group-room Random 1/2', '  space Team 2/2']);
    // The space's own name finds its group, to join its rooms.
    expect(rowsFor('team')).toEqual(['group Team (space)', '  space Team 1/1']);
  });
});
