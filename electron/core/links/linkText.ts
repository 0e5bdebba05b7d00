/**
 * The small pieces every link reader shares: percent-decoding that cannot throw
 * (RFC 3986 §2.1), the characters no id may hold, and host names (RFC 3986 §3.2.2).
 */
import type { LinkParse } from '../../bridge/linkSchemas.js';

/** Longer links are refused outright: no real room or person needs this much. */
export const MAX_LINK_LENGTH = 4096;

export function refuse(reason: string): LinkParse {
  return { ok: false, reason };
}

/**
 * `%XX` decoded as UTF-8; undefined for a broken escape or bytes that are not UTF-8
 * (decodeURIComponent throws a URIError for both).
 */
export function decodePercent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** C0 and C1 controls, DEL, and lone surrogates: never part of an id anyone can type. */
export function hasForbiddenCharacter(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- controls are exactly what is looked for.
  return /[\u0000-\u001f\u007f-\u009f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Splits `text` at the first `separator`: [before, after] or [text, undefined]. */
export function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** Labels of letters, digits and inner hyphens; letters of any script (IDNA, RFC 5891: `čechy.example`). */
const DNS_NAME = /^(?=.{1,253}\.?$)([\p{L}\p{N}]([\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?)(\.[\p{L}\p{N}]([\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?)*\.?$/iu;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_LITERAL = /^\[[0-9a-f:.]{2,45}\]$/i;

/** A DNS name, an IPv4 address or a bracketed IPv6 literal (RFC 3986 §3.2.2). */
export function isHost(text: string): boolean {
  return DNS_NAME.test(text) || IPV4.test(text) || IPV6_LITERAL.test(text);
}

/** `host[:port]` with a port in 1–65535; undefined when either part is not. */
export function hostAndPort(text: string): { host: string; port?: number } | undefined {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(text);
  const host = match?.[1];
  if (host === undefined || !isHost(host)) return undefined;
  const port = match?.[2];
  if (port === undefined) return { host: host.toLowerCase() };
  const number = Number(port);
  return number >= 1 && number <= 65535 ? { host: host.toLowerCase(), port: number } : undefined;
}

/** What a refusal calls a text the user gave: quoted, and cut short. */
export function quoted(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `“${shown}”`;
}
