import { describe, expect, it } from 'vitest';
import type { ContactView, PersonView } from '../../electron/bridge/schemas.js';
import { resetContacts, type PresenceStatus } from './contacts.js';
import {
  applyPersonEvents, mergeCandidates, personEntries, resetPeople, visiblePersons, withoutMember,
} from './people.js';
import { contact } from './testData.js';

const buddy = (accountId: string, id: string, status: PresenceStatus = 'available', displayName = id): ContactView =>
  contact({ accountId, id, displayName, presence: { status } });
const member = (c: ContactView) => ({ accountId: c.accountId, contactId: c.id });
const networks: Record<string, string> = { irc1: 'IRC', irc2: 'IRC', xmpp: 'XMPP' };
const networkOf = (accountId: string): string => networks[accountId] ?? accountId;

describe('persons', () => {
  const bobIrc = buddy('irc1', 'bob', 'away');
  const bobXmpp = buddy('xmpp', 'bob@x.org', 'busy', 'Robert');
  const bobIrc2 = buddy('irc2', 'bobby', 'offline');
  const carol = buddy('xmpp', 'carol@x.org', 'available', 'Carol');
  const contacts = resetContacts([bobIrc, bobXmpp, bobIrc2, carol]).byKey;

  it('are their buddies looked up, named by the user or after the first buddy, with the best presence and their networks', () => {
    const people = resetPeople([
      { id: 1, members: [member(bobIrc), member(bobXmpp), member(bobIrc2)] },
      { id: 2, name: 'Carol C.', members: [member(carol), { accountId: 'irc1', contactId: 'gone' }] },
      { id: 3, members: [{ accountId: 'irc1', contactId: 'gone' }, { accountId: 'xmpp', contactId: 'gone' }] },
    ]);
    expect(personEntries(people, contacts, networkOf)).toEqual([
      { id: 1, name: 'bob', buddies: [bobIrc, bobXmpp, bobIrc2], presence: { status: 'busy' }, networks: ['IRC', 'XMPP'], group: 'Buddies' },
      { id: 2, name: 'Carol C.', buddies: [carol], presence: { status: 'available' }, networks: ['XMPP'], group: 'Buddies' },
    ]);
  });

  it('are found by their name or any buddy\'s name or id, reachable first, offline ones hidden unless asked for', () => {
    const people = resetPeople([
      { id: 1, name: 'Zed', members: [member(bobIrc), member(bobXmpp)] },
      { id: 2, members: [member(carol), member(bobIrc2)] },
      { id: 3, name: 'Gone', members: [member(buddy('irc1', 'o1')), member(buddy('irc2', 'o2'))] },
    ]);
    const entries = personEntries(people, resetContacts([bobIrc, bobXmpp, bobIrc2, carol, buddy('irc1', 'o1', 'offline'), buddy('irc2', 'o2', 'unknown')]).byKey, networkOf);
    const names = (query: string, showOffline = true) => visiblePersons(entries, { query, showOffline }).map((entry) => entry.name);
    expect(names('')).toEqual(['Carol', 'Zed', 'Gone']);
    expect(names('', false)).toEqual(['Carol', 'Zed']);
    expect(names('zed')).toEqual(['Zed']);
    expect(names('ROBERT')).toEqual(['Zed']);
    expect(names('bob@x')).toEqual(['Zed']);
    expect(names('bobby')).toEqual(['Carol']);
    expect(names('nobody')).toEqual([]);
  });

  it('follow the core\'s events, and lose a separated buddy at once (dissolved when one is left)', () => {
    const person: PersonView = { id: 1, members: [member(bobIrc), member(bobXmpp), member(bobIrc2)] };
    let state = applyPersonEvents(resetPeople([]), [{ type: 'person.changed', payload: { person } }, { type: 'person.changed', payload: { person: { id: 2, members: [] } } }]);
    state = applyPersonEvents(state, [{ type: 'person.removed', payload: { personId: 2 } }]);
    expect([...state.byId.values()]).toEqual([person]);
    state = withoutMember(state, 'irc2', 'bobby');
    expect(state.byId.get(1)?.members).toEqual([member(bobIrc), member(bobXmpp)]);
    expect(withoutMember(state, 'xmpp', 'bob@x.org').byId.size).toBe(0);
  });

  it('offer, for "Merge with…", every other buddy not already in the same person, filtered, capped', () => {
    const entries = personEntries(resetPeople([{ id: 1, name: 'Bob', members: [member(bobIrc), member(bobXmpp)] }]), contacts, networkOf);
    const label = (accountId: string): string => `${accountId} account`;
    const offered = (from: ContactView, query = '', limit = 10) => {
      const { candidates, more } = mergeCandidates(from, contacts, entries, label, query, limit);
      return { ids: candidates.map((c) => `${c.contact.id}${c.personName !== undefined ? ` in ${c.personName}` : ''}`), more };
    };
    expect(offered(bobIrc)).toEqual({ ids: ['bobby', 'carol@x.org'], more: false });
    expect(offered(carol)).toEqual({ ids: ['bob in Bob', 'bobby', 'bob@x.org in Bob'], more: false });
    expect(offered(carol, 'irc2')).toEqual({ ids: ['bobby'], more: false });
    expect(offered(carol, 'ROB')).toEqual({ ids: ['bob@x.org in Bob'], more: false });
    expect(offered(carol, '', 1)).toEqual({ ids: ['bob in Bob'], more: true });
  });
});
