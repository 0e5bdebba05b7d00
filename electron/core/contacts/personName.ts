/** The longest person name kept, in characters as the user sees them (grapheme clusters); longer ones are cut. */
export const PERSON_NAME_MAX = 100;

// C0 and C1 controls, and the format characters that reorder or hide text (bidi
// overrides and isolates, zero-width joiners and the like): a name is shown as one line.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const UNWANTED = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * The name a person is stored under: controls removed, whitespace runs made one space,
 * trimmed, at most {@link PERSON_NAME_MAX} characters; undefined when nothing is left.
 */
export function cleanPersonName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.replace(UNWANTED, '').replace(/\s+/gu, ' ').trim();
  const capped = Array.from(graphemes.segment(text), ({ segment }) => segment).slice(0, PERSON_NAME_MAX).join('').trim();
  return capped === '' ? undefined : capped;
}
