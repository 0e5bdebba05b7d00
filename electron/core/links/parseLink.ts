/**
 * The one reader of links that open Switchboard: `xmpp:`, `irc:`, `ircs:`, `matrix:` and
 * `https://matrix.to/#/…`. Pure: it reads the text and returns what the link asks for, or
 * why it is refused, in words. It never throws (a fuzzer checks: parseLink.fuzz.test.ts)
 * and never acts: the user confirms first, then the UI makes the ordinary requests.
 */
import type { LinkParse } from '../../bridge/linkSchemas.js';
import { parseIrcLink } from './ircLink.js';
import { MAX_LINK_LENGTH, quoted, refuse, splitOnce } from './linkText.js';
import { parseMatrixToFragment, parseMatrixUri } from './matrixLink.js';
import { parseXmppLink } from './xmppLink.js';

/** The schemes the app registers with the system (electron/shell/linkRouting.ts). */
export const LINK_SCHEMES = ['xmpp', 'irc', 'ircs', 'matrix'] as const;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function parseLink(input: string): LinkParse {
  // Pasted links often come with surrounding spaces or angle brackets (RFC 3986 Appendix C).
  const text = input.trim().replace(/^<(.*)>$/s, '$1');
  if (text === '') return refuse('The link is empty.');
  if (text.length > MAX_LINK_LENGTH) return refuse(`The link is longer than ${MAX_LINK_LENGTH} characters.`);
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return refuse(`${quoted(text)} is not a link: it does not start with a scheme such as “xmpp:”.`);
  // RFC 3986 §3.1: schemes are case-insensitive.
  const rest = text.slice(scheme.length + 1);
  switch (scheme) {
    case 'xmpp':
      return parseXmppLink(rest);
    case 'irc':
      return parseIrcLink(rest, false);
    case 'ircs':
      return parseIrcLink(rest, true);
    case 'matrix':
      return parseMatrixUri(rest);
    case 'https':
    case 'http':
      return parseMatrixTo(rest);
    default:
      return refuse(`Switchboard opens xmpp:, irc:, ircs:, matrix: and matrix.to links, not “${scheme.slice(0, 20)}:” links.`);
  }
}

function parseMatrixTo(rest: string): LinkParse {
  const [beforeFragment, fragment] = splitOnce(rest, '#');
  const host = /^\/\/([^/?]*)\/?$/.exec(beforeFragment)?.[1]?.toLowerCase();
  if (host !== 'matrix.to') return refuse('Switchboard opens web links only from matrix.to; this one is for a web browser.');
  return parseMatrixToFragment(fragment ?? '');
}
