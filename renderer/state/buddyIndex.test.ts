import { describe, expect, it } from 'vitest';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { createBuddyIndexer } from './buddyIndex.js';
import { applyContactEvents, resetContacts } from './contacts.js';
import { groupEntries } from './groupView.js';
import { contact } from './testData.js';

const names = (index: ReturnType<ReturnType<typeof createBuddyIndexer>>, query = '', showOffline = true) =>
  groupEntries({ index, persons: [], groups: [], query, showOffline, sort: 'status', activity: new Map() })
    .map((group) => [group.name, group.members.map((item) => (item.kind === 'buddy' ? item.contact.displayName : ''))]);

const changed = (item: ContactView) => ({ type: 'contact.changed' as const, payload: { contact: item } });

describe('the buddy index', () => {
  it('follows presence, renames, additions and removals across updates', () => {
    const index = createBuddyIndexer();
    let state = resetContacts([
      contact({ id: 'a', displayName: 'Ann' }),
      contact({ id: 'b', displayName: 'Bea', presence: { status: 'away' } }),
      contact({ id: 'c', displayName: 'Cid' }),
    ]);
    expect(names(index(state.byKey))).toEqual([['Buddies', ['Ann', 'Cid', 'Bea']]]);
    expect(index(state.byKey)).toBe(index(state.byKey));

    state = applyContactEvents(state, [changed(contact({ id: 'a', displayName: 'Ann', presence: { status: 'offline' } })), changed(contact({ id: 'b', displayName: 'Bea' }))]);
    expect(names(index(state.byKey))).toEqual([['Buddies', ['Bea', 'Cid', 'Ann']]]);
    expect(names(index(state.byKey), '', false)).toEqual([['Buddies', ['Bea', 'Cid']]]);

    state = applyContactEvents(state, [
      changed(contact({ id: 'c', displayName: 'Aaron' })),
      changed(contact({ id: 'd', displayName: 'Abe', groups: ['Work'] })),
      { type: 'contact.removed', payload: { accountId: 'acc-1', contactId: 'b' } },
    ]);
    expect(names(index(state.byKey))).toEqual([['Buddies', ['Aaron', 'Ann']], ['Work', ['Abe']]]);
  });

  it('searches the current name, id and status message, ignoring case', () => {
    const index = createBuddyIndexer();
    let state = resetContacts([contact({ id: 'carol@x', displayName: 'Carol', presence: { status: 'away', message: 'At lunch' } })]);
    expect(names(index(state.byKey), 'LUNCH')).toEqual([['Buddies', ['Carol']]]);
    state = applyContactEvents(state, [changed(contact({ id: 'carol@x', displayName: 'Carol', presence: { status: 'available', message: 'back' } }))]);
    expect(names(index(state.byKey), 'lunch')).toEqual([]);
    expect(names(index(state.byKey), ' Back ')).toEqual([['Buddies', ['Carol']]]);
    expect(names(index(state.byKey), 'CAROL@')).toEqual([['Buddies', ['Carol']]]);
  });
});
