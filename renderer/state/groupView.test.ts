import { describe, expect, it } from 'vitest';
import { movedGroupOrder, orderedGroups } from './buddyGroups.js';
import { createBuddyIndexer } from './buddyIndex.js';
import { contactKey, resetContacts } from './contacts.js';
import { directActivity, groupEntries, type BuddySort, type GroupViewInput } from './groupView.js';
import { personEntries, resetPeople } from './people.js';
import { contact, conversation } from './testData.js';

const ann = contact({ accountId: 'irc', id: 'ann', displayName: 'Ann', presence: { status: 'away' } });
const zoe = contact({ accountId: 'xmpp', id: 'zoe@x', displayName: 'Zoe' });
const max = contact({ accountId: 'irc', id: 'max', displayName: 'Max', presence: { status: 'offline' } });
const kim = contact({ accountId: 'matrix', id: '@kim:x', displayName: 'Kim', presence: { status: 'busy' } });
const kimIrc = contact({ accountId: 'irc', id: 'kim', displayName: 'kim', presence: { status: 'offline' } });
const byKey = resetContacts([ann, zoe, max, kim, kimIrc]).byKey;
const persons = personEntries(resetPeople([{ id: 1, name: 'Kimberly', members: [
  { accountId: 'matrix', contactId: '@kim:x' }, { accountId: 'irc', contactId: 'kim' },
] }]), byKey, () => 'net');

function shown(options: Partial<GroupViewInput> & { sort?: BuddySort } = {}): string[] {
  return groupEntries({
    index: createBuddyIndexer()(byKey), persons, groups: [{ name: 'Buddies', collapsed: false }], query: '', showOffline: true, sort: 'status',
    activity: new Map(), ...options,
  }).flatMap((group) => [`${group.name}:`, ...group.members.map((item) => (item.kind === 'buddy' ? item.contact.displayName : `[${item.person.name}]`))]);
}

describe('the groups as shown', () => {
  it('sorts by status (persons among buddies), by name, or by recent activity as the user chose', () => {
    expect(shown()).toEqual(['Buddies:', 'Zoe', '[Kimberly]', 'Ann', 'Max']);
    expect(shown({ sort: 'name' })).toEqual(['Buddies:', 'Ann', '[Kimberly]', 'Max', 'Zoe']);
    const activity = directActivity([
      conversation({ id: 1, kind: 'direct', accountId: 'irc', networkId: 'max', lastActivity: 300 }),
      conversation({ id: 2, kind: 'direct', accountId: 'irc', networkId: 'kim', lastActivity: 500 }),
      conversation({ id: 3, kind: 'room', accountId: 'irc', networkId: 'ann', lastActivity: 900 }),
    ]);
    expect(activity.get(contactKey('irc', 'ann'))).toBeUndefined();
    expect(shown({ sort: 'recent', activity })).toEqual(['Buddies:', '[Kimberly]', 'Max', 'Ann', 'Zoe']);
  });

  it('hides offline buddies and persons when asked, and while filtering drops groups with nothing that matches', () => {
    expect(shown({ showOffline: false, sort: 'name' })).toEqual(['Buddies:', 'Ann', '[Kimberly]', 'Zoe']);
    const groups = [{ name: 'Buddies', collapsed: false }, { name: 'Empty', collapsed: false }];
    expect(shown({ groups })).toContain('Empty:');
    expect(shown({ groups, query: 'zo' })).toEqual(['Buddies:', 'Zoe']);
    expect(shown({ query: 'KIM' })).toEqual(['Buddies:', '[Kimberly]']);
  });

  it('orders groups as the core keeps them, with groups it has not announced yet after, and moves one to where another is', () => {
    expect(orderedGroups([{ name: 'Work', collapsed: true }, { name: 'Buddies', collapsed: false }], ['Buddies', 'Zed', 'Art']).map((group) => group.name))
      .toEqual(['Work', 'Buddies', 'Art', 'Zed']);
    expect(movedGroupOrder(['A', 'B', 'C', 'D'], 'A', 'C')).toEqual(['B', 'C', 'A', 'D']);
    expect(movedGroupOrder(['A', 'B', 'C', 'D'], 'D', 'B')).toEqual(['A', 'D', 'B', 'C']);
    expect(movedGroupOrder(['A', 'B'], 'A', 'missing')).toEqual(['A', 'B']);
  });
});
