/** XEP-0045 §5.1.2/§5.2.1 privilege tables as roleChangesFor applies them, and the log's lines for a changed standing. */
import { describe, expect, it } from 'vitest';
import { roleChangesFor, standingLine } from './mucAdmin.js';
import type { Occupant } from './mucState.js';

/** `realJid` null: the room hides it. */
function occupant(nick: string, affiliation: string, role: string, realJid: string | null = `${nick}@example.org`): Occupant {
  return { nick, affiliation, role, presence: { status: 'available' }, ...(realJid !== null ? { realJid } : {}) };
}

describe('roleChangesFor', () => {
  const visitor = occupant('vic', 'none', 'visitor');
  const participant = occupant('pat', 'none', 'participant');
  const member = occupant('mem', 'member', 'participant');
  const admin = occupant('adm', 'admin', 'moderator');
  const owner = occupant('own', 'owner', 'moderator');

  it('an owner may change everything of anyone else, a moderator by role only voice of the unaffiliated and members', () => {
    expect(roleChangesFor(owner, participant)).toEqual(['revoke-voice', 'grant-moderator', 'make-member', 'make-admin', 'make-owner', 'ban']);
    expect(roleChangesFor(owner, admin)).toEqual(['make-member', 'make-owner', 'remove-affiliation', 'ban']);
    const moderator = occupant('mod', 'none', 'moderator');
    expect(roleChangesFor(moderator, visitor)).toEqual(['grant-voice']);
    expect(roleChangesFor(moderator, member)).toEqual(['revoke-voice']);
    expect(roleChangesFor(moderator, admin)).toEqual([]); // §5.1.3: not an admin's voice
  });

  it('an admin manages members and bans, not other admins or owners; nobody changes themselves; a plain occupant nothing', () => {
    expect(roleChangesFor(admin, member)).toEqual(['revoke-voice', 'grant-moderator', 'remove-affiliation', 'ban']);
    expect(roleChangesFor(admin, participant)).toEqual(['revoke-voice', 'grant-moderator', 'make-member', 'ban']);
    expect(roleChangesFor(admin, owner)).toEqual([]);
    expect(roleChangesFor(owner, owner)).toEqual([]);
    expect(roleChangesFor(participant, visitor)).toEqual([]);
    expect(roleChangesFor(undefined, visitor)).toEqual([]);
  });

  it('affiliations need the real JID (§9): in a room that hides it only roles are offered', () => {
    expect(roleChangesFor(owner, occupant('anon', 'none', 'participant', null))).toEqual(['revoke-voice', 'grant-moderator']);
  });
});

describe('standingLine', () => {
  it('tells an affiliation before the role it brought, and roles in words, for others and for the user', () => {
    expect(standingLine('bob', occupant('bob', 'none', 'participant'), occupant('bob', 'admin', 'moderator'))).toBe('bob is now an admin');
    expect(standingLine('bob', occupant('bob', 'member', 'participant'), occupant('bob', 'none', 'participant'))).toBe('bob is no longer a member');
    expect(standingLine(undefined, occupant('me', 'none', 'participant'), occupant('me', 'none', 'moderator'))).toBe('You are now a moderator');
    expect(standingLine(undefined, occupant('me', 'none', 'participant'), occupant('me', 'none', 'visitor'))).toBe('You no longer have voice');
    expect(standingLine('bob', occupant('bob', 'none', 'visitor'), occupant('bob', 'none', 'participant'))).toBe('bob now has voice');
    expect(standingLine('bob', occupant('bob', 'none', 'participant'), occupant('bob', 'none', 'participant'))).toBeUndefined();
  });
});
