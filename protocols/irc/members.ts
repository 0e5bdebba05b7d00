/** Room members: NAMES prefixes and channel modes mapped onto the API's roles, by the server's ISUPPORT PREFIX. */
import type { Member } from '../api/index.js';

export type MemberRole = NonNullable<Member['role']>;

const RANK: readonly MemberRole[] = ['owner', 'admin', 'operator', 'halfop', 'voice'];

/** The letters whose meaning is the same on every server that lists them in PREFIX. */
const KNOWN_LETTERS: Readonly<Record<string, MemberRole>> = { q: 'owner', a: 'admin', o: 'operator', h: 'halfop', v: 'voice' };

/** irc-framework's default PREFIX (RFC 2812 servers and ngIRCd), used until 005 says otherwise. */
const DEFAULT_PREFIX: readonly PrefixEntry[] = [
  { symbol: '~', mode: 'q' }, { symbol: '&', mode: 'a' }, { symbol: '@', mode: 'o' }, { symbol: '%', mode: 'h' }, { symbol: '+', mode: 'v' },
];

interface PrefixEntry { readonly symbol: string; readonly mode: string }

/** Member roles as this server's ISUPPORT PREFIX defines them. */
export interface MemberPrefixes {
  /** Role for a NAMES prefix symbol (`@`), undefined for none or one PREFIX does not list. */
  readonly roleOfSymbol: (symbol: string) => MemberRole | undefined;
  /** Role for a channel mode letter (`o`), undefined when PREFIX does not list it (then it is no membership mode). */
  readonly roleOfMode: (letter: string) => MemberRole | undefined;
}

function prefixEntries(token: unknown): readonly PrefixEntry[] {
  if (!Array.isArray(token)) return DEFAULT_PREFIX;
  return token.filter((entry): entry is PrefixEntry => typeof entry === 'object' && entry !== null
    && typeof (entry as Partial<PrefixEntry>).symbol === 'string' && typeof (entry as Partial<PrefixEntry>).mode === 'string');
}

/**
 * ISUPPORT PREFIX (https://modern.ircdocs.horse/#prefix-parameter): `(ov)@+` lists the
 * membership modes, highest first, and their NAMES symbols. Only listed letters are roles:
 * on a server with `(ov)@+`, `+q` is a quiet (a ban list), not an owner. A listed letter we
 * do not know (e.g. `Y`) ranks by its place: above `o` admin, between `o` and `v` halfop.
 * irc-framework parses the token into `{ symbol, mode }` entries.
 */
export function memberPrefixes(isupport: () => Readonly<Record<string, unknown>>): MemberPrefixes {
  const roleOf = (entries: readonly PrefixEntry[], entry: PrefixEntry | undefined): MemberRole | undefined => {
    if (!entry) return undefined;
    const known = KNOWN_LETTERS[entry.mode];
    if (known) return known;
    const place = entries.indexOf(entry);
    const op = entries.findIndex((e) => e.mode === 'o');
    const voice = entries.findIndex((e) => e.mode === 'v');
    if (op >= 0 && place < op) return 'admin';
    if (voice >= 0 && place > voice) return 'voice';
    return 'halfop';
  };
  return {
    roleOfSymbol: (symbol) => {
      const entries = prefixEntries(isupport()['PREFIX']);
      return symbol === '' ? undefined : roleOf(entries, entries.find((e) => e.symbol === symbol));
    },
    roleOfMode: (letter) => {
      const entries = prefixEntries(isupport()['PREFIX']);
      return letter === '' ? undefined : roleOf(entries, entries.find((e) => e.mode === letter));
    },
  };
}

/** The highest of several roles, or undefined for none. */
export function highestRole(roles: Iterable<MemberRole>): MemberRole | undefined {
  let best: MemberRole | undefined;
  for (const role of roles) {
    if (best === undefined || RANK.indexOf(role) < RANK.indexOf(best)) best = role;
  }
  return best;
}

/**
 * Parse a NAMES entry such as `@+alice` or `~bob!u@h` (userhost-in-names) into a nick and
 * the set of roles its prefixes give.
 */
export function parseNamesEntry(entry: string, prefixes: MemberPrefixes): { nick: string; roles: Set<MemberRole> } {
  const roles = new Set<MemberRole>();
  let index = 0;
  while (index < entry.length) {
    const role = prefixes.roleOfSymbol(entry.charAt(index));
    if (role === undefined) break;
    roles.add(role);
    index++;
  }
  const rest = entry.slice(index);
  const bang = rest.indexOf('!');
  return { nick: bang >= 0 ? rest.slice(0, bang) : rest, roles };
}

/** A member object with the role (and an away presence) only when there is one (exactOptionalPropertyTypes). */
export function makeMember(id: string, roles: Iterable<MemberRole>, displayName: string = id, away?: string): Member {
  const role = highestRole(roles);
  const member: Member = role === undefined ? { id, displayName } : { id, displayName, role };
  return away === undefined ? member : { ...member, presence: away ? { status: 'away', message: away } : { status: 'away' } };
}
