/**
 * Fuzz (issue 7): 100,000 hostile message bodies through linkification and the "Open link"
 * dialog's reading of each link. Only the allowed schemes may become links, the pieces'
 * text must be the body exactly, and what the dialog shows as the destination must be
 * punycode for an internationalised host and free of bidi and zero-width characters.
 * Seeded: test/support/fuzz.ts.
 */
import { expect, it } from 'vitest';
import { fuzz, randomUnits, type Random } from '../../test/support/fuzz.js';
import { linkifyText } from './linkify.js';
import { describeLink } from './links.js';
import { LINK_PROTOCOLS, plainText, safeHref } from './richNodes.js';

const CASES = 100_000;

const SCHEMES = [
  'http://', 'https://', 'HTTPS://', 'hTTp://', 'mailto:', 'xmpp:', 'irc://', 'ircs://', 'matrix:', 'matrix:r/',
  'javascript:', 'JaVaScRiPt:', 'data:text/html,', 'file:///', 'vbscript:', 'ftp://', 'www.', '//', 'http:/', 'https:\\\\',
];
const HOSTS = [
  'example.org', 'a.example', 'localhost', '127.0.0.1', '[::1]', '0x7f.1', 'xn--80ak6aa92e.com', 'EXAMPLE.ORG',
  // Internationalised and look-alike hosts.
  'аррӏе.com', 'пример.рф', 'münchen.de', '例え.テスト', 'exa\u0301mple.org', 'ex\u00ADample.org', 'bank.example@evil.example',
];
/** Bidi controls, zero-width and other invisible characters a spoofed address hides behind. */
const INVISIBLES = ['\u202E', '\u202D', '\u200E', '\u200F', '\u061C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E'];
const REST = [
  '/', '/path', '/a/b?c=d&e=f', '#frag', ':6697', ':99999', '/#channel', '?join', '@', 'bob@example.org', 'room@conference.example',
  '(', ')', '[', ']', '<', '>', '"', "'", '`', '.', ',', '!', '?', ';', ':', ' ', '  ', '\n', '\t', '\x00', '\x7F', '\u0085',
  '%', '%00', '%E2%80%AE', '%zz', '&amp;', 'word', 'é', '😀', '\uD800', '\uDFFF', '\uDBFF\uDFFF', 'ＨＴＴＰ', '．', '。',
];

function fuzzBody(random: Random): string {
  if (random.chance(0.1)) return randomUnits(random, random.int(120));
  let text = '';
  const pieces = 1 + random.int(24);
  for (let i = 0; i < pieces; i++) {
    const roll = random.next();
    if (roll < 0.2) text += random.pick(SCHEMES);
    else if (roll < 0.4) text += random.pick(HOSTS);
    else if (roll < 0.5) text += random.pick(INVISIBLES);
    else text += random.pick(REST);
  }
  // Sometimes a character in the middle of it all goes astray.
  if (random.chance(0.2)) {
    const at = random.int(text.length + 1);
    text = text.slice(0, at) + randomUnits(random, 1 + random.int(3)) + text.slice(at + random.int(3));
  }
  return text;
}

/** What the dialog must not show: bidi controls and zero-width or otherwise invisible characters. */
const HIDDEN = /[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}]/u;

/** Where a shown destination names domains: the host; else after each @ (mail, XMPP: or a bare server), after : (Matrix). */
function domainsShown(destination: string, scheme: string, hosted: boolean): string[] {
  if (hosted) return [destination];
  const separator = scheme === 'matrix:' ? ':' : '@';
  const parts = destination.split(separator);
  const after = scheme === 'xmpp:' && parts.length === 1 ? parts : parts.slice(1);
  return after.map((part) => part.split(/[/,;]/)[0] ?? '').filter((part) => part.includes('.'));
}

it('links only safe schemes in 100,000 hostile bodies, keeps their text, and shows an honest destination', () => {
  let links = 0;
  let idn = 0;
  const schemes = new Map<string, number>();
  const run = fuzz('linkification', CASES, 20261122, (random) => {
    const body = fuzzBody(random);
    const nodes = linkifyText(body);
    // expect() only on failure: 100,000 passing expects would cost more than linkify.
    const same = (actual: unknown, expected: unknown, what: string): void => {
      if (actual !== expected) expect(actual, `${what} of ${JSON.stringify(body)}`).toBe(expected);
    };
    same(plainText(nodes), body, 'the text of the pieces');
    for (const node of nodes) {
      if (node.type !== 'link') continue;
      links++;
      const url = new URL(node.href);
      same(LINK_PROTOCOLS.has(url.protocol), true, `the scheme of ${node.href}`);
      same(safeHref(node.href), node.href, 'the link, checked again');
      schemes.set(url.protocol, (schemes.get(url.protocol) ?? 0) + 1);
      const shown = describeLink(node.href);
      if (shown === null) throw new Error(`the dialog cannot read the link ${node.href} of ${JSON.stringify(body)}`);
      same(HIDDEN.test(shown.destination) || HIDDEN.test(shown.display), false, `invisible characters in ${JSON.stringify(shown)}`);
      // An internationalised host or domain is shown as punycode: printable ASCII only.
      for (const domain of domainsShown(shown.destination, url.protocol, url.host !== '')) same(/^[\x21-\x7E]+$/.test(domain), true, `the domain shown for ${node.href}`);
      if (shown.idn) idn++;
    }
  });
  console.log(`fuzz linkification: ${links} links (${[...schemes].map(([s, n]) => `${s} ${n}`).join(', ')}), ${idn} with an IDN host`);
  if (run.replay) return;
  expect(run.cases).toBeGreaterThanOrEqual(CASES);
  // The generator must keep reaching the interesting cases.
  expect(links).toBeGreaterThan(CASES / 4);
  expect(idn).toBeGreaterThan(100);
}, 120_000);
