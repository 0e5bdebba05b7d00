import { describe, expect, it } from 'vitest';
import { highestRole, makeMember, parseNamesEntry, roleForMode, roleForPrefix } from './members.js';

describe('roles from NAMES prefixes and modes', () => {
  it('maps ~ & @ % + to owner, admin, operator, halfop, voice', () => {
    expect(['~', '&', '@', '%', '+', 'a', ''].map(roleForPrefix))
      .toEqual(['owner', 'admin', 'operator', 'halfop', 'voice', undefined, undefined]);
  });

  it('maps mode letters q a o h v', () => {
    expect(['q', 'a', 'o', 'h', 'v', 'b'].map(roleForMode))
      .toEqual(['owner', 'admin', 'operator', 'halfop', 'voice', undefined]);
  });

  it('parses multi-prefix entries and keeps the highest role', () => {
    const entry = parseNamesEntry('+@alice');
    expect(entry.nick).toBe('alice');
    expect(highestRole(entry.roles)).toBe('operator');
    expect(makeMember('alice', entry.roles)).toEqual({ id: 'alice', displayName: 'alice', role: 'operator' });
  });

  it('parses userhost-in-names and plain nicks', () => {
    expect(parseNamesEntry('%bob!u@host').nick).toBe('bob');
    const plain = parseNamesEntry('carol');
    expect(plain.nick).toBe('carol');
    expect(makeMember('carol', plain.roles)).toEqual({ id: 'carol', displayName: 'carol' });
  });
});
