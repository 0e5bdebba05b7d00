// @vitest-environment jsdom
/**
 * Fuzz (issue 7): 100,000 random and mutated message texts through the mIRC formatting
 * parser. Every text must give a body without control characters and, when it has
 * formatting, HTML made only of the tags formatting.ts promises, which the renderer's
 * sanitizer keeps unchanged and whose text is exactly the body. Seeded: test/support/fuzz.ts.
 */
import { expect, it } from 'vitest';
import { plainText } from '../../renderer/content/richNodes.js';
import { sanitizeHtml, sanitizeToFragment } from '../../renderer/content/sanitizeHtml.js';
import { fuzz, randomUnits, type Random } from '../../test/support/fuzz.js';
import { formattingToHtml, stripFormatting } from './formatting.js';

const CASES = 100_000;
/** The sanitizer runs in jsdom, about a thousand times slower than the parser: every Nth case only. */
const SANITIZER_EVERY = 100;

const CORPUS = [
  '\x02bold\x02 \x1Ditalic\x1D \x1Funder\x1F \x1Estrike\x1E \x11mono\x11 \x16rev\x16\x0F end',
  '\x034red\x03 \x0304,12on blue\x03 plain', '\x0312,05,5 commas', '\x03,bare comma', 'score \x03 1234',
  '\x04FF0000red\x04 \x04ff0000,00ff00both\x04', '\x0399,99default\x0f', '\x02\x0313,01<b>not a tag</b> & "quotes" \'x\'',
  'see https://example.org/\x02bold\x02path', 'Grüße 😀 #chan 100%', '\x01ACTION waves\x01',
];

/** Pieces a line is built from: every C0 control, DEL, colour digits and commas, hex, markup, surrogates. */
const ATOMS: readonly string[] = [
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)), '\x7F',
  '\x03', '\x03', '\x03', '\x04', '\x04', '\x02', '\x0F', '\x1D', '\x1F',
  '0', '1', '4', '9', '12', '99', '100', ',', ',,', 'a', 'F', 'ff0000', 'FFFFFF', 'g',
  ' ', 'word', '<', '>', '&', '"', "'", '&amp;', '&#60;', '<b>', '</span>', '<script>x</script>',
  '😀', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u202E', '\u200B', 'é', '\uFFFF', 'https://x.example/',
];

function colourCode(random: Random): string {
  const digits = (): string => String(random.int(1000)).slice(0, random.int(4));
  const hex = (): string => Array.from({ length: random.int(8) }, () => '0123456789abcdefABCDEFxG'.charAt(random.int(24))).join('');
  if (random.chance(0.7)) return `\x03${digits()}${random.chance(0.5) ? `,${digits()}` : ''}`;
  return `\x04${hex()}${random.chance(0.5) ? `,${hex()}` : ''}`;
}

function fuzzText(random: Random): string {
  const roll = random.next();
  if (roll < 0.15) return randomUnits(random, random.int(200));
  let text = roll < 0.35 ? random.pick(CORPUS) : '';
  const pieces = 1 + random.int(40);
  for (let i = 0; i < pieces; i++) {
    const piece = random.chance(0.3) ? colourCode(random) : random.pick(ATOMS);
    const at = random.int(text.length + 1);
    text = text.slice(0, at) + piece + text.slice(at);
  }
  return text;
}

/** Every tag formatting.ts may write (its header comment), and the text between them. */
const HTML_TOKEN = /<(b|i|u|s|code)>|<span(?: data-irc-fg="(\d{1,2})")?(?: data-irc-bg="(\d{1,2})")?>|<\/(b|i|u|s|code|span)>|&#(34|38|39|60|62);|[^<>&"']+/y;

/** The text of the HTML, after checking that it holds only those tags, properly nested. */
function textOfPromisedHtml(html: string): string {
  const open: string[] = [];
  let text = '';
  HTML_TOKEN.lastIndex = 0;
  while (HTML_TOKEN.lastIndex < html.length) {
    const at = HTML_TOKEN.lastIndex;
    const token = HTML_TOKEN.exec(html);
    if (!token) throw new Error(`unexpected markup at ${at}: ${JSON.stringify(html.slice(at, at + 40))}`);
    const [whole, tag, fg, bg, closing, entity] = token;
    if (tag !== undefined) open.push(tag);
    else if (whole.startsWith('<span')) {
      if (fg === undefined && bg === undefined) throw new Error('a span without colours');
      open.push('span');
    } else if (closing !== undefined) {
      if (open.pop() !== closing) throw new Error(`</${closing}> closes nothing open at ${at}`);
    } else text += entity !== undefined ? String.fromCharCode(Number(entity)) : whole;
  }
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  return text;
}

/** The markup of HTML as the browser parses it, to compare with what the sanitizer keeps. */
function parsed(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.innerHTML;
}

function serialized(fragment: DocumentFragment): string {
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** Control characters a body must not keep (tab may stay). */
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;
const FORMATTING_CODE = /[\x02\x03\x04\x0F\x11\x16\x1D\x1E\x1F]/;

it('turns 100,000 hostile texts into a clean body and HTML the sanitizer keeps, with the same text', () => {
  let formatted = 0;
  let sanitized = 0;
  const run = fuzz('mIRC formatting', CASES, 20261121, (random, index) => {
    const text = fuzzText(random);
    const body = stripFormatting(text);
    const html = formattingToHtml(text);
    // expect() only on failure: 100,000 passing expects would cost more than the parser.
    const same = (actual: unknown, expected: unknown): void => {
      if (actual !== expected) expect(actual, JSON.stringify(text)).toBe(expected);
    };
    same(CONTROL.test(body), false);
    if (html === undefined) {
      same(FORMATTING_CODE.test(text), false);
      return;
    }
    formatted++;
    same(textOfPromisedHtml(html), body);
    if (index % SANITIZER_EVERY !== 0) return;
    sanitized++;
    same(serialized(sanitizeToFragment(html)), parsed(html));
    same(plainText(sanitizeHtml(html)), body);
  });
  console.log(`fuzz mIRC formatting: ${formatted} texts had formatting, ${sanitized} went through the sanitizer`);
  if (run.replay) return;
  expect(run.cases).toBeGreaterThanOrEqual(CASES);
  expect(formatted).toBeGreaterThan(CASES / 2);
}, 120_000);
