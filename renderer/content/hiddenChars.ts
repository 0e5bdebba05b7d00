/**
 * Characters a reader cannot see, made visible: THE rule for every text from the network
 * that the UI shows (message text, link text, formatted bodies after sanitizing, names).
 *
 * An explicit directional formatting character (UAX #9 §2.1–2.2: the embeddings LRE/RLE,
 * the overrides LRO/RLO, PDF, and the isolates LRI/RLI/FSI/PDI) reorders the text around
 * it, so `U+202E` + `https://moc.elpmaxe//:sptth` reads as a different address. Such a
 * character, and every other Default_Ignorable_Code_Point (zero-width space, joiners out
 * of place, word joiner, BOM, soft hyphen, Hangul fillers, …), is taken out of the text
 * and shown as a marker instead, as code review tools do for hidden Unicode. What stays
 * invisible is what a script or emoji needs, precisely:
 * - the implicit bidi marks LRM, RLM and ALM (UAX #9 §2.6): they carry no text of their
 *   own in another order (strong letters keep theirs), and RTL writing depends on them;
 * - a ZWJ inside an emoji sequence (UTS #51 §2.3: between two pictographs, after an
 *   optional skin-tone modifier or presentation selector), 👨‍👩‍👧;
 * - a ZWJ or ZWNJ between two letters or marks of a script whose shaping depends on them
 *   (RFC 5892 Appendix A.1–A.2, ContextJ: after a virama, or in Arabic-type joining), or
 *   after a mark of such a script (a virama may end a word with it),
 *   as in Persian می‌خواهم or Devanagari क्‍ष;
 * - the emoji presentation selectors VS15/VS16 (keycaps 1️⃣ put one after an ASCII digit),
 *   and any other variation selector after a visible non-ASCII character (CJK ideographic
 *   variation, Mongolian free variation selectors);
 * - tag characters after a black flag 🏴 (UTS #51 §2.8, emoji tag sequences: 🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 */
import { i18n } from '../i18n/index.js';

export type TextPiece =
  | { readonly kind: 'text'; readonly text: string }
  /** A hidden character: `label` is what is shown in its place, `title` says what it is. */
  | { readonly kind: 'hidden'; readonly char: string; readonly label: string; readonly title: string };

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

const BIDI_MARKS = new Set(['\u200E', '\u200F', '\u061C']);
const ZWJ = '\u200D';
const ZWNJ = '\u200C';
const PRESENTATION_SELECTORS = new Set(['\uFE0E', '\uFE0F']);
const VARIATION_SELECTOR = /^[\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const TAG = /^[\u{E0020}-\u{E007F}]$/u;
const BLACK_FLAG = '\u{1F3F4}';
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
const SKIN_TONE = /^[\u{1F3FB}-\u{1F3FF}]$/u;
/**
 * Letters and marks of the scripts in which a joiner changes shaping: the joining scripts
 * (Arabic, Syriac, N'Ko, Mongolian, Adlam) and the Brahmic scripts with a virama.
 */
const JOINING_SCRIPT = new RegExp(`^(?=[\\p{L}\\p{M}])[${[
  'Arabic', 'Syriac', 'Nko', 'Mongolian', 'Adlam', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil',
  'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Myanmar', 'Khmer', 'Tibetan',
].map((script) => `\\p{Script_Extensions=${script}}`).join('')}]$`, 'u');

/** Names of the characters a user is most likely to meet; the rest are "invisible character". */
const NAMES: Readonly<Record<string, string>> = {
  '\u202A': 'left-to-right embedding', '\u202B': 'right-to-left embedding', '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override', '\u202E': 'right-to-left override', '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate', '\u2068': 'first strong isolate', '\u2069': 'pop directional isolate',
  '\u200B': 'zero width space', '\u200C': 'zero width non-joiner', '\u200D': 'zero width joiner', '\u2060': 'word joiner',
  '\uFEFF': 'zero width no-break space', '\u00AD': 'soft hyphen', '\u3164': 'Hangul filler', '\u180E': 'Mongolian vowel separator',
};
const DIRECTIONAL = /^[\u202A-\u202E\u2066-\u2069]$/u;

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function hiddenPiece(char: string): TextPiece {
  const code = codePointLabel(char);
  // The Unicode names stay the standard's own; the sentence around them is the UI's language.
  const name = NAMES[char] ?? i18n.t('hiddenChars.invisible');
  const effect = DIRECTIONAL.test(char) ? i18n.t('hiddenChars.reorders') : i18n.t('hiddenChars.noWidth');
  return { kind: 'hidden', char, label: `[${code}]`, title: i18n.t('hiddenChars.title', { code, name, effect }) };
}

/** Whether the default-ignorable `chars[index]` is one its neighbours legitimately need (see above). */
function isLegitimate(chars: readonly string[], index: number): boolean {
  const char = chars[index] ?? '';
  const before = chars[index - 1] ?? '';
  const after = chars[index + 1] ?? '';
  if (BIDI_MARKS.has(char)) return true;
  if (PRESENTATION_SELECTORS.has(char)) return true;
  // eslint-disable-next-line no-control-regex -- ASCII is exactly what is tested
  if (VARIATION_SELECTOR.test(char)) return before !== '' && !/^[\x00-\x7F]$/.test(before) && !DEFAULT_IGNORABLE.test(before);
  if (TAG.test(char)) {
    let start = index - 1;
    while (start >= 0 && TAG.test(chars[start] ?? '')) start--;
    return chars[start] === BLACK_FLAG;
  }
  if (char === ZWJ || char === ZWNJ) {
    // After a virama (a mark) the joiner may end the word: Malayalam chillus, ബ്‍ (RFC 5892 A.1).
    if (JOINING_SCRIPT.test(before) && (JOINING_SCRIPT.test(after) || /^\p{M}$/u.test(before))) return true;
    if (char === ZWNJ || !PICTOGRAPH.test(after)) return false;
    const base = PRESENTATION_SELECTORS.has(before) || SKIN_TONE.test(before) ? chars[index - 2] ?? '' : before;
    return PICTOGRAPH.test(base);
  }
  return false;
}

/** `text` in pieces: runs of text as they are, and each hidden character as a marker. */
export function revealHidden(text: string): TextPiece[] {
  if (!DEFAULT_IGNORABLE.test(text)) return text === '' ? [] : [{ kind: 'text', text }];
  const chars = Array.from(text);
  const pieces: TextPiece[] = [];
  let run = '';
  chars.forEach((char, index) => {
    if (!DEFAULT_IGNORABLE.test(char) || isLegitimate(chars, index)) {
      run += char;
      return;
    }
    if (run !== '') pieces.push({ kind: 'text', text: run });
    run = '';
    pieces.push(hiddenPiece(char));
  });
  if (run !== '') pieces.push({ kind: 'text', text: run });
  return pieces;
}

/** `text` as the screen shows it: each hidden character replaced by its marker's label. */
export function visibleText(text: string): string {
  return revealHidden(text).map((piece) => (piece.kind === 'text' ? piece.text : piece.label)).join('');
}
