/** What the member list and the room header offer for room administration, from what the network says. */
import { describe, expect, it } from 'vitest';
import type { ConversationView, MemberView } from '../../electron/bridge/schemas.js';
import { canChangeRoomSettings, canDestroyRoom, changedSettings, offeredRoleChanges } from './memberRoles.js';

const room: ConversationView = { id: 1, accountId: 'a', kind: 'room', networkId: 'r@muc.example.org', title: 'r', joined: true, unread: 0, lastActivity: 0 };
const owner: MemberView = { id: 'me@example.org', displayName: 'me', role: 'owner' };

describe('room administration offers', () => {
  it('offers the changes the network allows, in menu order, only where the room can change roles', () => {
    const bob: MemberView = { id: 'bob', displayName: 'bob', roleChanges: ['ban', 'make-member', 'grant-moderator', 'revoke-voice'] };
    expect(offeredRoleChanges(bob, { memberRoles: true })).toEqual(['revoke-voice', 'grant-moderator', 'make-member', 'ban']);
    expect(offeredRoleChanges(bob, {})).toEqual([]);
    expect(offeredRoleChanges({ id: 'carol', displayName: 'carol' }, { memberRoles: true })).toEqual([]);
    expect(offeredRoleChanges(undefined, { memberRoles: true })).toEqual([]);
  });

  it('offers destroying and settings to an owner of a joined room only', () => {
    const capabilities = { destroyRooms: true, roomSettings: true };
    expect(canDestroyRoom(room, capabilities, owner)).toBe(true);
    expect(canChangeRoomSettings(room, capabilities, owner)).toBe(true);
    expect(canDestroyRoom(room, capabilities, { ...owner, role: 'admin' })).toBe(false);
    expect(canDestroyRoom({ ...room, joined: false }, capabilities, owner)).toBe(false);
    expect(canChangeRoomSettings(room, {}, owner)).toBe(false);
    expect(canDestroyRoom(room, capabilities, undefined)).toBe(false);
  });

  it('sends only the settings that changed, name, description and public listing too', () => {
    const named = { name: 'Lobby', description: '', publicListing: true };
    expect(changedSettings(named, { ...named, description: 'Say hello', publicListing: false })).toEqual({ description: 'Say hello', publicListing: false });
    expect(changedSettings(named, named)).toEqual({});
    const before = { membersOnly: false, persistent: true, moderated: false, password: '' };
    expect(changedSettings(before, { ...before, membersOnly: true, password: 'x' })).toEqual({ membersOnly: true, password: 'x' });
    expect(changedSettings(before, before)).toEqual({});
  });
});
