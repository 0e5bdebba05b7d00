/** Which affiliation lists a room's owner or admin is offered, and which addresses may be added. */
import { describe, expect, it } from 'vitest';
import type { ConversationView, MemberView } from '../../electron/bridge/schemas.js';
import { addressProblem, offeredAffiliationLists } from './affiliationLists.js';

const room: ConversationView = { id: 1, accountId: 'a', kind: 'room', networkId: 'r@muc.example.org', title: 'r', joined: true, unread: 0, lastActivity: 0 };
const self = (role: MemberView['role']): MemberView => ({ id: 'me@example.org', displayName: 'me', ...(role ? { role } : {}) });

describe('affiliation lists', () => {
  it('offers all four lists to an owner, members and bans to an admin, none to others or without the capability', () => {
    const capabilities = { affiliationLists: true };
    expect(offeredAffiliationLists(room, capabilities, self('owner'))).toEqual(['member', 'outcast', 'admin', 'owner']);
    expect(offeredAffiliationLists(room, capabilities, self('admin'))).toEqual(['member', 'outcast']);
    expect(offeredAffiliationLists(room, capabilities, self('operator'))).toEqual([]);
    expect(offeredAffiliationLists(room, capabilities, undefined)).toEqual([]);
    expect(offeredAffiliationLists(room, {}, self('owner'))).toEqual([]);
    expect(offeredAffiliationLists({ ...room, joined: false }, capabilities, self('owner'))).toEqual([]);
  });

  it('takes a bare address or a server, refuses an empty one, spaces, a resource and a second @', () => {
    expect(addressProblem(' carol@example.org ')).toBeUndefined();
    expect(addressProblem('spam.example.net')).toBeUndefined();
    expect(addressProblem('  ')).toBe('empty');
    expect(addressProblem('carol @example.org')).toBe('form');
    expect(addressProblem('carol@example.org/phone')).toBe('form');
    expect(addressProblem('a@b@c')).toBe('form');
    expect(addressProblem('@example.org')).toBe('form');
  });
});
