/**
 * Hidden characters shown as markers (issue 12): bidi overrides, embeddings and isolates and
 * zero-width characters never reach the screen raw, while what RTL scripts, joining scripts
 * and emoji need stays as it is. Ends with a seeded fuzz of the rule's properties.
 */
import { describe, expect, it } from 'vitest';
import { fuzz, randomUnits, type Random } from '../../test/support/fuzz.js';
import { revealHidden, visibleText } from './hiddenChars.js';

const DIRECTIONAL_CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('revealHidden', () => {
  it('shows every explicit directional override, embedding and isolate as a marker', () => {
    expect(visibleText('\u202Ehttps://moc.elpmaxe//:sptth')).toBe('[U+202E]https://moc.elpmaxe//:sptth');
    expect(visibleText('a\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069h')).toBe('a[U+202B]b[U+202C]c[U+202D]d[U+2066]e[U+2067]f[U+2068]g[U+2069]h');
    expect(revealHidden('x\u202Ey')).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'hidden', char: '\u202E', label: '[U+202E]', title: 'Hidden character U+202E (right-to-left override): it would change the order of the text around it' },
      { kind: 'text', text: 'y' },
    ]);
  });

  it('shows zero-width spaces, joiners out of place, word joiners, BOMs and fillers', () => {
    expect(visibleText('pay\u200Bpal pay\u200Dpal pay\u200Cpal ok\u2060.example \uFEFFhi')).toBe('pay[U+200B]pal pay[U+200D]pal pay[U+200C]pal ok[U+2060].example [U+FEFF]hi');
    expect(visibleText('\u3164')).toBe('[U+3164]');
    expect(visibleText('ex\u00ADample')).toBe('ex[U+00AD]ample');
    // A ZWJ with a pictograph on one side only joins nothing.
    expect(visibleText('a\u200D👩 👩\u200Da \u200D👩 👩\u200D')).toBe('a[U+200D]👩 👩[U+200D]a [U+200D]👩 👩[U+200D]');
    // A variation selector after ASCII letters changes nothing visible but splits a word.
    expect(visibleText('pay\uFE00pal')).toBe('pay[U+FE00]pal');
    // Tag characters without the black flag before them carry hidden text ("ASCII smuggling").
    expect(visibleText('hi\u{E0068}\u{E0069}')).toBe('hi[U+E0068][U+E0069]');
  });

  it('keeps emoji ZWJ sequences, presentation selectors, keycaps and flag tag sequences intact', () => {
    for (const emoji of ['👨\u200D👩\u200D👧', '👩🏽\u200D💻', '🏳️\u200D🌈', '👮\u200D♀️', '❤️\u200D🔥', '🏴\u200D☠️', '1️⃣', '#️⃣', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}']) {
      expect(revealHidden(`family ${emoji}!`), emoji).toEqual([{ kind: 'text', text: `family ${emoji}!` }]);
    }
  });

  it('keeps right-to-left text, its marks, and joiners inside joining scripts', () => {
    for (const text of [
      'שלום עולם', 'مرحبا بالعالم', 'עברית\u200F (1)', 'العربية\u061C 2', 'english\u200E text',
      'می\u200Cخواهم', 'क्\u200Dष', 'क्\u200Cष', 'ബ്\u200D', 'ලං\u200Dකා', '葛\u{E0100}城', 'ᠠ\u180Bᠡ',
    ]) {
      expect(revealHidden(text), text).toEqual([{ kind: 'text', text }]);
    }
    // A joiner between a Latin and an Arabic letter shapes nothing.
    expect(visibleText('a\u200Cم')).toBe('a[U+200C]م');
  });

  it('gives nothing for an empty text and one piece for a text without hidden characters', () => {
    expect(revealHidden('')).toEqual([]);
    expect(revealHidden('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
  });
});

const PIECES = [
  ...DIRECTIONAL_CONTROLS, '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u061C', '\u2060', '\uFEFF', '\u00AD', '\u3164',
  '\uFE0F', '\uFE0E', '\uFE00', '\u{E0100}', '\u{E0067}', '\u{E007F}', '🏴', '👩', '👨', '🏽', '♀', '💻', 'a', 'Z', '1', ' ', '/', '.',
  'https://', 'example.com', 'ש', 'م', 'ی', 'क', '्', 'ष', '葛', 'ᠠ', '[', ']', '[U+202E]', '\uD800',
];

function fuzzText(random: Random): string {
  if (random.chance(0.1)) return randomUnits(random, random.int(40));
  let text = '';
  for (let i = random.int(16); i >= 0; i--) text += random.pick(PIECES);
  return text;
}

it('keeps every character, reveals every control, and is stable over 50,000 fuzzed texts', () => {
  let hidden = 0;
  const run = fuzz('hidden characters', 50_000, 20261206, (random) => {
    const text = fuzzText(random);
    const pieces = revealHidden(text);
    const same = (actual: unknown, expected: unknown, what: string): void => {
      if (actual !== expected) expect(actual, `${what} of ${JSON.stringify(text)}`).toBe(expected);
    };
    // Nothing is lost: the pieces are the text, in order.
    same(pieces.map((piece) => (piece.kind === 'text' ? piece.text : piece.char)).join(''), text, 'the pieces joined');
    for (const piece of pieces) {
      if (piece.kind === 'hidden') {
        hidden++;
        same(piece.label, `[U+${(piece.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`, 'the marker');
        continue;
      }
      same(piece.text !== '', true, 'a text piece is never empty');
      // No directional control and no zero-width space ever stays in the text shown.
      same(/[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF\u00AD]/u.test(piece.text), false, `a control left in ${JSON.stringify(piece.text)}`);
    }
    // What is shown, shown again, is the same: the rule depends on visible neighbours only.
    const shown = visibleText(text);
    same(visibleText(shown), shown, 'the shown text revealed again');
  });
  if (run.replay) return;
  expect(run.cases).toBeGreaterThanOrEqual(50_000);
  expect(hidden).toBeGreaterThan(10_000);
}, 60_000);
