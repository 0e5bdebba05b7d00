/** Room members: NAMES prefixes and channel modes mapped onto the API's roles. */
import type { Member } from '../api/index.js';

export type MemberRole = NonNullable<Member['role']>;

const RANK: readonly MemberRole[] = ['owner', 'admin', 'operator', 'halfop', 'voice'];

/** Role for a NAMES prefix symbol (`~ & @ % +`), undefined for none or unknown. */
export function roleForPrefix(symbol: string): MemberRole | undefined {
  switch (symbol) {
    case '~': return 'owner';
    case '&': return 'admin';
    case '@': return 'operator';
    case '%': return 'halfop';
    case '+': return 'voice';
    default: return undefined;
  }
}

/** Role for a channel membership mode letter (`q a o h v`). */
export function roleForMode(letter: string): MemberRole | undefined {
  switch (letter) {
    case 'q': return 'owner';
    case 'a': return 'admin';
    case 'o': return 'operator';
    case 'h': return 'halfop';
    case 'v': return 'voice';
    default: return undefined;
  }
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
export function parseNamesEntry(entry: string): { nick: string; roles: Set<MemberRole> } {
  const roles = new Set<MemberRole>();
  let index = 0;
  while (index < entry.length) {
    const role = roleForPrefix(entry.charAt(index));
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
