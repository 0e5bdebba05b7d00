import { describe, expect, it } from 'vitest';
import { createBuddyIndexer } from './buddyIndex.js';
import { applyContactEvents, countOnline, presenceWords, resetContacts, type ContactsState } from './contacts.js';
import { groupEntries } from './groupView.js';
import { contact } from './testData.js';

const names = (state: ContactsState, options = { query: '', showOffline: true }) =>
  groupEntries({ index: createBuddyIndexer()(state.byKey), persons: [], groups: [], sort: 'status', activity: new Map(), ...options })
    .map((group) => [group.name, group.members.map((item) => (item.kind === 'buddy' ? item.contact.displayName : item.person.name))]);

describe('contacts', () => {
  it('keys contacts by account and id: the same id on two accounts is two contacts', () => {
    const state = resetContacts([contact({ accountId: 'a', id: 'x' }), contact({ accountId: 'b', id: 'x' })]);
    expect(state.byKey.size).toBe(2);
    const next = applyContactEvents(state, [
      { type: 'contact.changed', payload: { contact: contact({ accountId: 'a', id: 'x', displayName: 'Renamed' }) } },
      { type: 'contact.removed', payload: { accountId: 'b', contactId: 'x' } },
      { type: 'contact.changed', payload: { contact: contact({ accountId: 'c', id: 'y' }) } },
    ]);
    expect([...next.byKey.values()].map((item) => `${item.accountId}/${item.id}/${item.displayName}`)).toEqual(['a/x/Renamed', 'c/y/Bob']);
    expect([...applyContactEvents(next, [{ type: 'account.removed', payload: { accountId: 'a' } }]).byKey.values()].map((item) => item.accountId)).toEqual(['c']);
  });

  it('groups by group name across accounts ("Buddies" first for none), available before busy before away, offline last, then by name', () => {
    const state = resetContacts([
      contact({ id: 'z', displayName: 'Zed', presence: { status: 'offline' } }),
      contact({ id: 'b', displayName: 'bea', presence: { status: 'busy' } }),
      contact({ id: 'a', displayName: 'Ann', presence: { status: 'away' } }),
      contact({ id: 'c', displayName: 'Cid' }),
      contact({ id: 'w', displayName: 'Wes', groups: ['Work', 'Friends'] }),
      contact({ id: 'o', displayName: 'Other account', accountId: 'acc-2' }),
    ]);
    expect(names(state)).toEqual([
      ['Buddies', ['Cid', 'Other account', 'bea', 'Ann', 'Zed']],
      ['Friends', ['Wes']],
      ['Work', ['Wes']],
    ]);
    expect(names(state, { query: '', showOffline: false })[0]).toEqual(['Buddies', ['Cid', 'Other account', 'bea', 'Ann']]);
    expect(names(state, { query: 'WE', showOffline: true })).toEqual([['Friends', ['Wes']], ['Work', ['Wes']]]);
  });

  it('filters by status message and id too, and says presence in words', () => {
    const state = resetContacts([contact({ id: 'carol@x', displayName: 'C', presence: { status: 'away', message: 'at lunch' } })]);
    expect(names(state, { query: 'lunch', showOffline: true })).toEqual([['Buddies', ['C']]]);
    expect(names(state, { query: 'carol@', showOffline: true })).toEqual([['Buddies', ['C']]]);
    expect((['available', 'away', 'busy', 'offline', 'extended-away', 'chat', 'unknown'] as const).map((status) => presenceWords(status)))
      .toEqual(['Available', 'Away', 'Busy', 'Offline', 'Away for a while', 'Free to chat', 'Unknown']);
    expect(countOnline([contact(), contact({ presence: { status: 'offline' } })])).toBe(1);
  });
});
