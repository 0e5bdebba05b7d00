import { describe, expect, it } from 'vitest';
import { highestRole, makeMember, memberPrefixes, parseNamesEntry } from './members.js';

/** PREFIX as irc-framework keeps it: `(qaohv)~&@%+` → entries, highest first. */
const prefix = (modes: string, symbols: string) => memberPrefixes(() => ({ PREFIX: Array.from({ length: modes.length }, (_, i) => ({ mode: modes.charAt(i), symbol: symbols.charAt(i) })) }));
const DEFAULT = memberPrefixes(() => ({}));

describe('roles from NAMES prefixes and modes, by ISUPPORT PREFIX', () => {
  it('maps ~ & @ % + to owner, admin, operator, halfop, voice by default', () => {
    expect(['~', '&', '@', '%', '+', 'a', ''].map(DEFAULT.roleOfSymbol))
      .toEqual(['owner', 'admin', 'operator', 'halfop', 'voice', undefined, undefined]);
    expect(['q', 'a', 'o', 'h', 'v', 'b'].map(DEFAULT.roleOfMode))
      .toEqual(['owner', 'admin', 'operator', 'halfop', 'voice', undefined]);
  });

  it('gives no role to a letter PREFIX does not list: +q on an (ov)@+ server is a quiet', () => {
    const solanum = prefix('ov', '@+');
    expect(['q', 'a', 'h', 'o', 'v'].map(solanum.roleOfMode)).toEqual([undefined, undefined, undefined, 'operator', 'voice']);
    expect(['~', '@', '+'].map(solanum.roleOfSymbol)).toEqual([undefined, 'operator', 'voice']);
  });

  it('follows the symbols the server chose, and ranks letters it does not know by their place', () => {
    const odd = prefix('Yqaohv', '!.&@%+');
    expect(['!', '.', '&', '@', '%', '+'].map(odd.roleOfSymbol)).toEqual(['admin', 'owner', 'admin', 'operator', 'halfop', 'voice']);
  });

  it('parses multi-prefix entries and keeps the highest role', () => {
    const entry = parseNamesEntry('+@alice', DEFAULT);
    expect(entry.nick).toBe('alice');
    expect(highestRole(entry.roles)).toBe('operator');
    expect(makeMember('alice', entry.roles)).toEqual({ id: 'alice', displayName: 'alice', role: 'operator' });
  });

  it('parses userhost-in-names and plain nicks', () => {
    expect(parseNamesEntry('%bob!u@host', DEFAULT).nick).toBe('bob');
    const plain = parseNamesEntry('carol', DEFAULT);
    expect(plain.nick).toBe('carol');
    expect(makeMember('carol', plain.roles)).toEqual({ id: 'carol', displayName: 'carol' });
  });
});
