/**
 * What the "Open link" dialog shows: the real destination of a link, whatever its text
 * says. The host comes from the URL parser, so an internationalised (possibly look-alike)
 * host is shown in punycode, and invisible or direction-changing characters are removed
 * from the address shown.
 */
import { safeHref } from './richNodes.js';

export interface LinkDestination {
  /** What will be opened. */
  readonly href: string;
  /** `https:`, `mailto:`, … */
  readonly scheme: string;
  /** The host (punycode for IDN), or for mailto:/xmpp:/matrix: the address. */
  readonly destination: string;
  /** The host is an internationalised domain name. */
  readonly idn: boolean;
  /** The whole address, safe to show. */
  readonly display: string;
}

/**
 * Characters with no glyph of their own (Unicode Default_Ignorable_Code_Point): zero-width
 * characters, every bidirectional control (U+061C ARABIC LETTER MARK included, which a
 * hand-written list had missed), the BOM, the soft hyphen, variation selectors, fillers.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function hasInvisible(text: string): boolean {
  return stripInvisible(text) !== text;
}

export function describeLink(raw: string): LinkDestination | null {
  const href = safeHref(raw);
  if (href === null) return null;
  const url = new URL(href);
  const hosted = url.host !== '';
  // irc: and ircs: are no "special" scheme to the URL parser: their host stays percent-encoded Unicode.
  const destination = hosted ? punycodeOf(decodeURIComponentSafe(url.host)) ?? url.host : shownAddress(url.protocol, url.pathname).split('?')[0] ?? '';
  return {
    href,
    scheme: url.protocol,
    destination: stripInvisible(destination),
    idn: /(?:^|[.@:/])xn--/i.test(destination),
    display: stripInvisible(href),
  };
}

/** Where the domains are in the (percent-encoded) address of a link without a host. */
const DOMAINS: Readonly<Record<string, RegExp>> = {
  'mailto:': /(?<=@)[^@,;/]+/g,
  'xmpp:': /(?<=@)[^@,;/]+|^[^@/]+(?=\/|$)/g,
  'matrix:': /(?<=:)[^:/]+/g,
};

/**
 * The address decoded for reading, but its domains in punycode as the URL parser writes
 * hosts (a look-alike `bob@аррӏе.com` shows as `bob@xn--80ak6aa92e.com`); a domain the
 * parser refuses stays percent-encoded.
 */
function shownAddress(scheme: string, encoded: string): string {
  const pattern = DOMAINS[scheme];
  if (!pattern) return decodeURIComponentSafe(encoded);
  let shown = '';
  let last = 0;
  for (const match of encoded.matchAll(pattern)) {
    shown += decodeURIComponentSafe(encoded.slice(last, match.index)) + (punycodeOf(decodeURIComponentSafe(match[0])) ?? match[0]);
    last = match.index + match[0].length;
  }
  return shown + decodeURIComponentSafe(encoded.slice(last));
}

/**
 * An internationalised host (with its port) in punycode; undefined for an ASCII one (shown
 * as the URL has it, percent-escapes included) or one the URL parser refuses.
 */
function punycodeOf(host: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- ASCII is exactly what is tested
  if (!/[^\x00-\x7F]/.test(host) || /[/?#@\\]/.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).host;
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
