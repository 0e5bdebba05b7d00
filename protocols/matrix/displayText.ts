/**
 * What other people choose and we show: display names, room names, user ids (spec §Room
 * Membership: `displayname` is any string, up to the 65,536 bytes of an event; §Identifier
 * Grammar). The core takes names, titles and ids of at most 1,024 characters and refuses the
 * whole event otherwise (protocolEventGuard.ts), so one member's long name would cost the
 * room its member list; and a name is one line in the UI, where a newline, an escape or a
 * bidi override would break or disguise what follows it.
 */

/** The longest name or title we pass on (Synapse allows 256 for display names). */
export const MAX_NAME = 256;
/** §Identifier Grammar: a user id is at most 255 bytes. */
const MAX_USER_ID = 255;

/** Line and paragraph breaks and tabs, shown as one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** Other C0 and C1 controls, DEL, and bidi embeddings, overrides and isolates: dropped. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is taken out
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` as one plain line of at most `max` characters: breaks become spaces, controls and
 * bidi controls go (the SDK only removes U+202D and U+202E), a longer one ends in "…"
 * without splitting a surrogate pair. Not a string: "".
 */
export function oneLine(text: unknown, max = MAX_NAME): string {
  if (typeof text !== 'string') return '';
  const plain = text.replace(BREAKS, ' ').replace(INVISIBLE, '').trim();
  if (plain.length <= max) return plain;
  let end = max - 1;
  const last = plain.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${plain.slice(0, end)}…`;
}

// `@localpart:server`: ids over federation may hold almost any character, but no server makes
// one with a control or bidi character, and such an id shown as a name could disguise itself.
const USER_ID = /^@[^:\p{Cc}\u202a-\u202e\u2066-\u2069]+:[^\s\p{Cc}\u202a-\u202e\u2066-\u2069]+$/u;

/** True for a string that can be a Matrix user id (a state key or sender could be anything). */
export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_USER_ID && USER_ID.test(value);
}
