/**
 * `irc:` and `ircs:` links, after the IRC URL draft (draft-butcher-irc-url-04, §2):
 *
 *   irc[s]://[host[:port]]/[target][,flag]*[?key]
 *
 * The target is a channel unless a flag says it is a nick (`,isnick`, or the draft's
 * `,isuser`); a channel name may come without its `#` (the draft prefixes one) or, as
 * everyone writes it, unencoded (`irc://host/#chan`, where the `#` starts what RFC 3986
 * calls the fragment). `,needkey` / `,needpass` say the channel has a key the link does
 * not give; the key itself is the query (`?secret`, or `?key=secret`). Without a host the
 * link means "on whichever IRC network you use". `ircs:` means TLS, on port 6697 when
 * none is given (RFC 7194).
 */
import type { LinkParse } from '../../bridge/linkSchemas.js';
import { decodePercent, hasForbiddenCharacter, hostAndPort, quoted, refuse, splitOnce } from './linkText.js';

const CHANNEL_PREFIXES = '#&+!';
/** RFC 2812 §1.3 allows 50; networks allow more, none near this. */
const MAX_TARGET = 200;
/** RFC 2812 §1.3: no space or comma in a channel name (BEL, NUL, CR and LF are controls, refused before). */
const NOT_IN_CHANNEL = /[\s,]/;
/** RFC 2812 §2.3.1: a nick has no space, and none of these (they separate prefixes and targets). */
const NOT_IN_NICK = /[\s,!@*?#&:]/;

function readKey(query: string | undefined): string | undefined | null {
  if (query === undefined || query === '') return undefined;
  // The draft's `key=` option, or the whole query as the key (the older convention).
  const pairs = query.split('&').map((pair) => splitOnce(pair, '='));
  const named = pairs.find(([name, value]) => name.toLowerCase() === 'key' && value !== undefined);
  const raw = named ? named[1] ?? '' : pairs.some(([, value]) => value !== undefined) ? undefined : query;
  if (raw === undefined) return undefined;
  const key = decodePercent(raw);
  if (key === undefined) return null;
  return key === '' ? undefined : key;
}

export function parseIrcLink(rest: string, secure: boolean): LinkParse {
  const scheme = secure ? 'ircs' : 'irc';
  if (!rest.startsWith('//')) return refuse(`This ${scheme}: link has no server part: it should read ${scheme}://server/channel.`);
  const [beforeFragment, fragment] = splitOnce(rest.slice(2), '#');
  const [hier, pathQuery] = splitOnce(beforeFragment, '?');
  const fragmentQuery = fragment === undefined ? undefined : splitOnce(fragment, '?')[1];
  const [authority, path = ''] = splitOnce(hier, '/');
  // userinfo (`nick:password@`) is not in the draft; a password in a link is not used.
  const hostPart = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  let server: { host: string; port?: number } | undefined;
  if (hostPart !== '') {
    server = hostAndPort(hostPart);
    if (!server) return refuse(`This ${scheme}: link is not valid: ${quoted(hostPart)} is not a server name with an optional port.`);
  }
  const where = {
    network: 'irc' as const, tls: secure,
    ...(server ? { server: server.host } : {}),
    ...(server?.port !== undefined ? { port: server.port } : secure && server ? { port: 6697 } : {}),
  };

  // `irc://host/#chan`: the channel is in the fragment; anything after it in the path is not ours.
  const rawTarget = fragment !== undefined && path === '' ? `#${fragment.split('?')[0] ?? ''}` : path.split('/')[0] ?? '';
  const [rawName = '', ...rawFlags] = rawTarget.split(',');
  const key = readKey(pathQuery ?? fragmentQuery);
  if (key === null) return refuse(`This ${scheme}: link is not valid: its channel key has a broken %-escape.`);
  const name = decodePercent(rawName);
  if (name === undefined) return refuse(`This ${scheme}: link is not valid: the channel or nick has a broken %-escape.`);
  const flags = new Set(rawFlags.map((flag) => flag.toLowerCase()));
  if (name === '') {
    if (!server) return refuse(`This ${scheme}: link names neither a server nor a channel.`);
    return { ok: true, action: { kind: 'open-server', ...where } };
  }
  if (name.length > MAX_TARGET || hasForbiddenCharacter(name)) return refuse(`This ${scheme}: link names a channel or nick that is too long or holds control characters.`);

  if (flags.has('isnick') || flags.has('isuser')) {
    if (NOT_IN_NICK.test(name) || /^[\d-]/.test(name)) return refuse(`This ${scheme}: link is not valid: ${quoted(name)} cannot be an IRC nick.`);
    return { ok: true, action: { kind: 'open-chat', ...where, contactId: name } };
  }
  const channel = CHANNEL_PREFIXES.includes(name.charAt(0)) ? name : `#${name}`;
  if (NOT_IN_CHANNEL.test(channel) || channel.length < 2) return refuse(`This ${scheme}: link is not valid: ${quoted(channel)} cannot be an IRC channel name.`);
  return {
    ok: true,
    action: {
      kind: 'join-room', ...where, room: channel,
      ...(key !== undefined ? { password: key } : {}),
      ...(key === undefined && (flags.has('needkey') || flags.has('needpass')) ? { needsPassword: true } : {}),
    },
  };
}
