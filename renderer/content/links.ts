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

/** Zero-width characters, bidirectional overrides and isolates, the BOM and the soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

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
  const destination = hosted ? url.host : decodeURIComponentSafe(url.pathname).split('?')[0] ?? '';
  return {
    href,
    scheme: url.protocol,
    destination: stripInvisible(destination),
    idn: url.hostname.split('.').some((label) => label.startsWith('xn--')),
    display: stripInvisible(href),
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const INLINE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]+$/i;

/**
 * The URL an image preview may load: only what the page's CSP allows (`img-src 'self'
 * data:`), that is, a file served by the app itself or an inline raster image. A remote
 * image cannot be previewed (and loading it would tell its server who read the message).
 */
export function previewableImageUrl(url: string, pageHref: string): string | null {
  if (INLINE_IMAGE.test(url)) return url;
  try {
    const resolved = new URL(url, pageHref);
    const page = new URL(pageHref);
    return resolved.origin === page.origin && resolved.origin !== 'null' ? resolved.href : null;
  } catch {
    return null;
  }
}
