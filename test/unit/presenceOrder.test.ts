/**
 * Every place that ranks presences follows the one order (electron/bridge/presenceOrder.ts):
 * the buddy list's sort, a person's presence and place in the list, and the buddy the core
 * opens a chat with a person on. Were one of them to keep its own ranking, this fails.
 */
import { describe, expect, it } from 'vitest';
import { PRESENCE_ORDER, type PresenceStatus } from '../../electron/bridge/presenceOrder.js';
import { preferredBuddy } from '../../electron/core/contacts/preferredBuddy.js';
import { createBuddyIndexer } from '../../renderer/state/buddyIndex.js';
import { groupEntries } from '../../renderer/state/groupView.js';
import { resetContacts } from '../../renderer/state/contacts.js';
import { bestPresence, personEntries, resetPeople, visiblePersons } from '../../renderer/state/people.js';
import { contact } from '../../renderer/state/testData.js';

/** One status per tier, most reachable first. */
const order = PRESENCE_ORDER.map((tier) => tier[0]).filter((status): status is PresenceStatus => status !== undefined);
/** Least reachable first, so that no place gets it right by keeping the given order. */
const reversed = [...order].reverse();
const buddies = reversed.map((status) => contact({ id: status, displayName: `x ${status}`, presence: { status } }));

describe('one presence order', () => {
  it('sorts the buddy list', () => {
    const index = createBuddyIndexer()(resetContacts(buddies).byKey);
    const groups = groupEntries({ index, persons: [], groups: [], query: '', showOffline: true, sort: 'status', activity: new Map() });
    expect(groups.flatMap((group) => group.members.map((item) => (item.kind === 'buddy' ? item.contact.presence.status : '')))).toEqual(order);
  });

  it('gives a person its presence and its place among persons', () => {
    for (let i = 1; i <= reversed.length; i++) {
      expect(bestPresence(buddies.slice(0, i)).status).toBe(reversed[i - 1]);
    }
    // Person n holds one buddy of status n and one without presence shared; names sort the other way.
    const others = buddies.map((buddy) => contact({ accountId: 'acc-2', id: buddy.id, presence: { status: 'offline' } }));
    const contacts = resetContacts([...buddies, ...others]).byKey;
    const people = resetPeople(buddies.map((buddy, n) => ({
      id: n + 1, name: String.fromCharCode(97 + n),
      members: [{ accountId: 'acc-2', contactId: buddy.id }, { accountId: buddy.accountId, contactId: buddy.id }],
    })));
    const entries = personEntries(people, contacts, () => 'IRC');
    expect(visiblePersons(entries, { query: '', showOffline: true }).map((entry) => entry.presence.status)).toEqual(order);
  });

  it('picks the buddy a chat with a person goes to', () => {
    const reachable: PresenceStatus[] = reversed.filter((status) => status !== 'offline' && status !== 'unknown');
    for (let i = 1; i <= reachable.length; i++) {
      // The core's own buddies (model/buddy.ts), made from the same contacts.
      const some = buddies.filter((buddy) => reachable.slice(0, i).includes(buddy.presence.status)).map((buddy) => ({ accountId: buddy.accountId, id: buddy.id, displayName: buddy.displayName, groups: buddy.groups, presence: { status: buddy.presence.status } }));
      expect(preferredBuddy(some, () => 0)?.presence.status).toBe(reachable[i - 1]);
    }
  });
});
