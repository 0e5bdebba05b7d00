/**
 * The allowlist every formatted message body passes through, wherever it is shown: the
 * renderer's sanitizer (renderer/content/sanitizeHtml.ts, DOMPurify then a second walk) and
 * the core's (history export and Pidgin import, electron/core/history/htmlSanitizer.ts).
 * Pure data and functions, so both sides share one rule.
 */

/** Every element a message may contain (DOMPurify's allowlist, checked again on the way out). */
export const RICH_TAGS = [
  'b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'br', 'p', 'ul', 'ol', 'li', 'span',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'sup', 'sub',
] as const;

export type RichTag = (typeof RICH_TAGS)[number];

const richTags: ReadonlySet<string> = new Set(RICH_TAGS);

export function isRichTag(tag: string): tag is RichTag {
  return richTags.has(tag);
}

/** The schemes a link may have; anything else (javascript:, data:, file:, vbscript:, …) is text. */
export const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'xmpp:', 'irc:', 'ircs:', 'matrix:']);

/** DOMPurify's form of the same list (it strips whitespace and control characters before testing). */
export const LINK_URI_PATTERN = /^(?:https?|mailto|xmpp|ircs?|matrix):/i;

/**
 * The href to use for a link, normalised by the URL parser (an IDN host becomes punycode),
 * or null when it must not be a link: not absolute, another scheme, no host for a web or
 * IRC address, or credentials before the host (`https://bank.example@evil.example/` shows
 * one host and opens another).
 */
export function safeHref(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  // Leading and trailing spaces and controls are stripped by the URL parser (WHATWG URL);
  // inside the address they are refused: browsers drop some of them silently, and the
  // scheme they read must be the one checked here.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is handled here
  const text = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  // eslint-disable-next-line no-control-regex -- as above
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (['http:', 'https:', 'irc:', 'ircs:'].includes(url.protocol)) {
    if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  } else if (url.pathname === '') {
    return null;
  }
  return url.href;
}

/** The 16 standard IRC colours (mIRC's), which Matrix colours are mapped to as well. */
const PALETTE: readonly (readonly [number, number, number])[] = [
  [255, 255, 255], [0, 0, 0], [0, 0, 127], [0, 147, 0], [255, 0, 0], [127, 0, 0], [156, 0, 156], [252, 127, 0],
  [255, 255, 0], [0, 252, 0], [0, 147, 147], [0, 255, 255], [0, 0, 252], [255, 0, 255], [127, 127, 127], [210, 210, 210],
];

/** An IRC colour number ("4", "04") → 0–15; anything else (99 "default", 16–98) → none. */
export function ircColourIndex(value: string | null): number | null {
  if (value === null || !/^\d{1,2}$/.test(value.trim())) return null;
  const index = Number(value.trim());
  return index < PALETTE.length ? index : null;
}

/** A Matrix colour "#rrggbb" → the nearest of the 16 (never an inline style: the CSP forbids them). */
export function hexColourIndex(value: string | null): number | null {
  const match = value === null ? null : /^#?([0-9a-f]{6})$/i.exec(value.trim());
  if (!match?.[1]) return null;
  const number = parseInt(match[1], 16);
  const rgb = [(number >> 16) & 255, (number >> 8) & 255, number & 255];
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  PALETTE.forEach((colour, index) => {
    const distance = colour.reduce((sum, channel, i) => sum + (channel - (rgb[i] ?? 0)) ** 2, 0);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/** The CSS classes of a span from its colour attributes (`fg-4 bg-1`), or undefined. */
export function colourClasses(attributes: {
  readonly ircFg: string | null; readonly ircBg: string | null; readonly mxColor: string | null; readonly mxBgColor: string | null;
}): string | undefined {
  const fg = ircColourIndex(attributes.ircFg) ?? hexColourIndex(attributes.mxColor);
  const bg = ircColourIndex(attributes.ircBg) ?? hexColourIndex(attributes.mxBgColor);
  const classes = [fg === null ? '' : `fg-${fg}`, bg === null ? '' : `bg-${bg}`].filter(Boolean).join(' ');
  return classes === '' ? undefined : classes;
}
