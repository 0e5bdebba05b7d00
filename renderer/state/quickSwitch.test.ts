import { describe, expect, it } from 'vitest';
import { contactKey } from './contacts.js';
import { searchCandidates, switchCandidates, type SwitchSources } from './quickSwitch.js';
import { account, contact, conversation } from './testData.js';

function sources(): SwitchSources {
  const alice = contact({ accountId: 'xmpp', id: 'alice@example.org', displayName: 'Alice Liddell' });
  const aliceIrc = contact({ accountId: 'irc', id: 'alice', displayName: 'alice' });
  const bob = contact({ accountId: 'irc', id: 'bob', displayName: 'Bob' });
  const contacts = new Map([alice, aliceIrc, bob].map((c) => [contactKey(c.accountId, c.id), c]));
  return {
    accounts: [account({ id: 'irc', label: 'libera' }), account({ id: 'xmpp', label: 'alice@example.org' })],
    contacts,
    persons: [{ id: 7, name: 'Alice', buddies: [alice, aliceIrc], presence: { status: 'available' }, networks: ['XMPP', 'IRC'], group: 'Buddies' }],
    conversations: [
      conversation({ id: 1, accountId: 'irc', networkId: '#rust', kind: 'room', title: '#rust', lastActivity: 100 }),
      conversation({ id: 2, accountId: 'irc', networkId: '#rustaceans', kind: 'room', title: '#rustaceans', lastActivity: 900 }),
      conversation({ id: 3, accountId: 'irc', networkId: 'alice', kind: 'direct', title: 'alice', lastActivity: 500, unread: 2 }),
      conversation({ id: 4, accountId: 'irc', networkId: 'carol', kind: 'direct', title: 'carol', lastActivity: 50 }),
    ],
  };
}

describe('quick switcher', () => {
  it('lists each human once: a person covers its buddies and their chats, a buddy covers its chat', () => {
    const candidates = switchCandidates(sources());
    expect(candidates.map((c) => [c.name, c.target.kind, c.recency, c.unread])).toEqual([
      ['Alice', 'person', 500, 2],
      ['Bob', 'contact', 0, 0],
      ['#rust', 'conversation', 100, 0],
      ['#rustaceans', 'conversation', 900, 0],
      ['carol', 'conversation', 50, 0],
    ]);
    expect(candidates.find((c) => c.name === '#rust')?.detail).toBe('Room #rust on libera');
  });

  it('lists everything by recency with no query, and fuzzy matches with the most recent of equals first', () => {
    const candidates = switchCandidates(sources());
    expect(searchCandidates(candidates, '').map((c) => c.name)).toEqual(['#rustaceans', 'Alice', '#rust', 'carol', 'Bob']);
    expect(searchCandidates(candidates, 'rust').map((c) => c.name)).toEqual(['#rustaceans', '#rust']);
    expect(searchCandidates(candidates, 'alce').map((c) => c.name)).toEqual(['Alice']);
    // A close match beats looser ones however recent ("c" starts carol; it is inside Alice and
    // #rustaceans, which then come by recency).
    expect(searchCandidates(candidates, 'c').map((c) => c.name)).toEqual(['carol', '#rustaceans', 'Alice']);
    // Found by id or account only: "libera" is in the detail of the IRC entries.
    expect(searchCandidates(candidates, 'libera').map((c) => c.name)).toEqual(['#rustaceans', '#rust', 'carol', 'Bob']);
    expect(searchCandidates(candidates, 'zzzz')).toEqual([]);
    expect(searchCandidates(candidates, '', 2)).toHaveLength(2);
  });
});
