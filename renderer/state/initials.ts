/**
 * The letters an avatar without a picture shows: one or two graphemes (user-perceived
 * characters, Unicode UAX #29 via Intl.Segmenter), so an accented letter, a CJK character
 * or an emoji sequence is never cut in half.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const LETTER = /^[\p{L}\p{N}]/u;
/** What an id starts with on IRC (channel and mode prefixes) and Matrix (sigils). */
const SIGILS = /^[@#!+~&%]+/u;

function graphemes(text: string): string[] {
  return [...segmenter.segment(text)].map((part) => part.segment);
}

/**
 * The name part of an id-like name with no spaces: "alice" of "@alice:example.org",
 * "alice@example.org" and "#alice"; other names are kept whole.
 */
function nameOf(name: string): string {
  const trimmed = name.trim().replace(SIGILS, '');
  if (/\s/u.test(trimmed)) return trimmed;
  const local = trimmed.split(/[@:/]/u)[0] ?? '';
  return local === '' ? trimmed : local;
}

function firstLetter(word: string): string | undefined {
  return graphemes(word).find((grapheme) => LETTER.test(grapheme));
}

/**
 * "Alice Liddell" → "AL", "bob" → "B", "@carol:example.org" → "C", "山田 太郎" → "山太",
 * "🦊 Fox" → "F"; a name with no letter shows its first grapheme ("🦊"); an empty one "?".
 */
export function initials(name: string): string {
  const words = nameOf(name).split(/[\s._-]+/u).filter((word) => firstLetter(word) !== undefined);
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  if (first === undefined) {
    const shown = graphemes(name.trim()).find((grapheme) => /\S/u.test(grapheme) && !/^[\p{Cf}\p{M}]/u.test(grapheme));
    return shown ?? '?';
  }
  const letters = [firstLetter(first), last === undefined ? undefined : firstLetter(last)];
  return letters.filter((letter) => letter !== undefined).map((letter) => letter.toLocaleUpperCase()).join('');
}
