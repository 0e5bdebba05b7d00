/**
 * Fuzz (issue 13): 100,000 random texts and mutations of valid links through parseLink.
 * It must never throw, must answer with plain data the bridge contract accepts (the same
 * answer for the same text: no hidden state), must never start anything by itself (no
 * timer, no network), and whatever it accepts must name a room or person without control
 * characters. Seeded: test/support/fuzz.ts says how to replay one case.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { linkParseSchema, type LinkParse } from '../../bridge/linkSchemas.js';
import { fuzz, randomUnits, type Random } from '../../../test/support/fuzz.js';
import { parseLink } from './parseLink.js';

const CASES = 100_000;

const VALID = [
  'xmpp:node@example.com', 'xmpp://guest@example.com/support@example.com?message',
  'xmpp:romeo@montague.net?message;subject=Test%20Message;body=Here%27s%20a%20test%20message',
  'xmpp:nasty!%23$%25()*+,-.;=%3F%5B%5C%5D%5E_%60%7B%7C%7D~node@example.com', 'xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze',
  'xmpp:darkcave@chat.shakespeare.lit/thirdwitch?join;password=cauldronburn', 'xmpp:romeo@montague.net?roster;name=Romeo%20Montague;group=Friends',
  'irc://irc.example.org/%23chan', 'irc://irc.example.org/#chan', 'ircs://irc.example.org:6697/chan?secret', 'irc://irc.example.org/%23chan,needkey',
  'irc://irc.example.org/alice,isnick', 'irc:///help', 'irc://[::1]:6667/&local', 'irc://127.0.0.1/chan?key=k',
  'matrix:r/somewhere:example.org', 'matrix:roomid/somewhere:example.org?via=elsewhere.ca', 'matrix:roomid/somewhere:example.org/e/event?via=elsewhere.ca',
  'matrix:u/alice:example.org?action=chat', 'https://matrix.to/#/%23somewhere%3Aexample.org', 'https://matrix.to/#/#somewhere:example.org',
  'https://matrix.to/#/!somewhere%3Aexample.org/%24event%3Aexample.org?via=elsewhere.ca', 'https://matrix.to/#/%40alice%3Aexample.org',
];

const ATOMS = [
  '%', '%2', '%ZZ', '%C3', '%FF', '%00', '%0A', '%23', '%3A', '%40', '%2F', '%3F', '%25', '#', '?', '/', '//', '@', ':', ';', '=', '&', ',',
  'isnick', ',isuser', ',needkey', 'via=', 'via=x.org&', 'action=join', 'action=chat', 'e/', 'u/', 'r/', 'roomid/', '?join', '?roster;name=',
  ';password=', '\u0000', '\n', ' ', '\t', '\uD800', '\uDFFF', '😀', 'é', 'č', '[', ']', '[::1]', ':0', ':65536', ':6697', '..', '.', '-',
  'xmpp:', 'irc://', 'ircs://', 'matrix:', 'matrix://', 'https://matrix.to/#/', 'http://', '<', '>', '$', '!', '+', 'a'.repeat(300),
];

/** Percent-encodes as UTF-8 (a lone surrogate, which encodeURIComponent refuses, stays as it is). */
function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function mutate(random: Random, link: string): string {
  let text = link;
  const steps = 1 + random.int(6);
  for (let i = 0; i < steps; i++) {
    const at = random.int(text.length + 1);
    const roll = random.next();
    if (roll < 0.35) text = text.slice(0, at) + random.pick(ATOMS) + text.slice(at);
    else if (roll < 0.55) text = text.slice(0, at) + text.slice(at + 1 + random.int(8));
    else if (roll < 0.7) text = text.slice(0, at) + randomUnits(random, 1 + random.int(4)) + text.slice(at + 1);
    else if (roll < 0.8) text = text.slice(0, at) + percentEncoded(text.slice(at, at + 1 + random.int(3))) + text.slice(at + 4);
    else if (roll < 0.9) text = random.chance(0.5) ? text.toUpperCase() : text.slice(0, at);
    else text = text.slice(0, at) + text.slice(random.int(text.length));
  }
  return text;
}

function fuzzLink(random: Random): string {
  const roll = random.next();
  if (roll < 0.15) return randomUnits(random, random.int(120));
  if (roll < 0.25) return random.pick(['xmpp:', 'irc://', 'ircs://', 'matrix:', 'https://matrix.to/#/']) + randomUnits(random, random.int(80));
  if (roll < 0.27) return random.pick(VALID).repeat(1 + random.int(300));
  return mutate(random, random.pick(VALID));
}

/** Whatever the parser accepts names its room or person without control characters or blanks. */
function checkAccepted(parsed: LinkParse): void {
  if (!parsed.ok) {
    expect(parsed.reason).toMatch(/^\S.*[.]$/s);
    expect(parsed.reason).not.toMatch(/\n\s+at /);
    return;
  }
  const { action } = parsed;
  const names = [action.kind === 'join-room' ? action.room : action.kind === 'open-server' ? action.server ?? '' : action.contactId, action.server ?? 'x'];
  for (const name of names) {
    expect(name).not.toBe('');
    // eslint-disable-next-line no-control-regex -- controls are exactly what must not be there.
    expect(name).not.toMatch(/[\u0000-\u001f\u007f]/);
  }
}

beforeEach(() => {
  // Timers only: the fuzz runner's clock (performance.now) stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
  vi.spyOn(globalThis, 'fetch');
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

it('never throws, answers with plain data only, and starts nothing', () => {
  let accepted = 0;
  const run = fuzz('links', CASES, 0x11e4c5, (random) => {
    const text = fuzzLink(random);
    const parsed = parseLink(text);
    // Plain data: it survives the bridge's JSON and its schema unchanged.
    expect(linkParseSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    expect(parseLink(text)).toEqual(parsed);
    checkAccepted(parsed);
    if (parsed.ok) accepted++;
  });
  // Acting would need a timer, a request or a callback: none happened.
  expect(vi.getTimerCount()).toBe(0);
  expect(globalThis.fetch).not.toHaveBeenCalled();
  console.log(`fuzz links: ${accepted} of ${run.cases} accepted`);
  if (!run.replay) {
    // Both kinds of answer were exercised, not just refusals.
    expect(accepted).toBeGreaterThan(CASES / 20);
    expect(accepted).toBeLessThan(CASES * 0.9);
  }
}, 120_000);
