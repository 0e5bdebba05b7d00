/**
 * Fuzz (issue 7): 100,000 mutated Matrix events, built as real matrix-js-sdk MatrixEvents in
 * a real Room of a real (never started) MatrixClient, through the plugin's own handlers
 * (timeline.ts: messages, edits, replies, reactions, redactions, late decryption;
 * ephemeral.ts: receipts). Shapes come from the spec's examples, then get wrong types,
 * missing fields, huge strings, nested junk, hostile HTML, relation garbage, mxc junk,
 * NaN/Infinity and prototype-pollution keys. No handler may throw; every event emitted
 * must survive the worker's structured clone and either pass the core's guard
 * (protocolEventGuard.ts) or be refused by it with a reason (the core logs and skips it).
 * Seeded: test/support/fuzz.ts.
 */
import { MatrixEvent } from 'matrix-js-sdk';
import { expect, it } from 'vitest';
import { protocolEventProblem } from '../../electron/core/conversations/protocolEventGuard.js';
import { fuzz, randomUnits, type Random } from '../../test/support/fuzz.js';
import { onReceipt } from './ephemeral.js';
import { messageEvent as message, offlineAccount, ROOM_ID, SELF } from './testAccount.js';
import { handleLateDecryption, handleTimelineEvent } from './timeline.js';

const CASES = 100_000;
const HUGE = 'x'.repeat(1_100_000); // past the core's 1,000,000-character body limit

type Json = unknown;

/** Real event shapes (spec examples), the starting points of every case. */
const TEMPLATES: readonly Record<string, Json>[] = [
  message({ msgtype: 'm.text', body: 'hello' }),
  message({ msgtype: 'm.text', body: 'hi **there**', format: 'org.matrix.custom.html', formatted_body: 'hi <strong>there</strong>' }),
  message({ msgtype: 'm.emote', body: 'waves' }), message({ msgtype: 'm.notice', body: 'a bot says' }),
  message({
    msgtype: 'm.text', body: '> <@bob:localhost> question\n\nanswer', format: 'org.matrix.custom.html',
    formatted_body: '<mx-reply><blockquote>question</blockquote></mx-reply>answer', 'm.relates_to': { 'm.in_reply_to': { event_id: '$seed1' } },
  }),
  message({ msgtype: 'm.text', body: '* fixed', 'm.new_content': { msgtype: 'm.text', body: 'fixed' }, 'm.relates_to': { rel_type: 'm.replace', event_id: '$seed1' } }),
  message({ msgtype: 'm.image', body: 'cat.png', url: 'mxc://localhost/abc', info: { mimetype: 'image/png', size: 1234, w: 10, h: 10 } }),
  message({ msgtype: 'm.file', body: 'doc.pdf', filename: 'doc.pdf', file: { url: 'mxc://localhost/enc', key: { kty: 'oct', k: 'abc' }, iv: 'iv', hashes: { sha256: 'h' }, v: 'v2' }, info: { size: 9 } }),
  message({ msgtype: 'm.location', body: 'Big Ben', geo_uri: 'geo:51.5008,0.1247' }),
  message({ msgtype: 'm.audio', body: 'a.ogg', url: 'mxc://localhost/a' }),
  message({ msgtype: 'm.text', body: 'mine' }, { sender: SELF, unsigned: { transaction_id: 'local-1' } }),
  { ...message({ body: 'sticker', url: 'mxc://localhost/s', info: {} }), type: 'm.sticker' },
  { type: 'm.reaction', event_id: '$r1', sender: '@bob:localhost', origin_server_ts: 1_700_000_000_001, content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$seed1', key: '👍' } } },
  { type: 'm.room.redaction', event_id: '$x1', sender: '@bob:localhost', origin_server_ts: 1_700_000_000_002, redacts: '$r1', content: { reason: 'oops' } },
  { type: 'm.room.redaction', event_id: '$x2', sender: '@bob:localhost', origin_server_ts: 1_700_000_000_003, content: { redacts: '$seed1' } },
  message({}, { unsigned: { redacted_because: { type: 'm.room.redaction', sender: '@bob:localhost', content: {} } } }),
  { type: 'm.room.member', event_id: '$j1', sender: '@carol:localhost', state_key: '@carol:localhost', origin_server_ts: 1, content: { membership: 'join', displayname: 'Carol' } },
  { type: 'm.room.topic', event_id: '$t1', sender: '@bob:localhost', state_key: '', origin_server_ts: 1, content: { topic: 'new topic' } },
  { type: 'm.receipt', room_id: ROOM_ID, content: { $seed1: { 'm.read': { '@bob:localhost': { ts: 1_700_000_000_000 } } } } },
];

/** Values of the wrong kind, for any field. */
function junk(random: Random, depth: number): Json {
  switch (random.int(16)) {
    case 0: return null;
    case 1: return undefined;
    case 2: return random.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, -1, 2 ** 53 + 1, 0.5]);
    case 3: return random.chance(0.5);
    case 4: return random.chance(0.05) ? HUGE : 'y'.repeat(random.int(5000));
    case 5: return randomUnits(random, random.int(60));
    case 6: return random.pick(['', ' ', '$seed1', '$m1', '$r1', SELF, '@bob:localhost', '!room:localhost', '~local', 'm.replace', 'm.annotation', 'org.matrix.custom.html']);
    case 7: return random.pick(['mxc://', 'mxc://localhost/', 'mxc://../../etc/passwd', 'mxc://h/a?b#c', 'https://evil.example/x.png', 'javascript:alert(1)', 'mxc://localhost/\u202Eexe.png']);
    case 8: return random.pick(['<img src=x onerror=alert(1)>', '<mx-reply>', '</mx-reply><script>x</script>', '<a href="javascript:x">y</a>', '<b>'.repeat(2000), '&lt;&#0;&#x110000;']);
    case 9: return JSON.parse(random.pick(['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"toString":1,"valueOf":"x","hasOwnProperty":null}']));
    case 10: return depth > 3 ? [] : Array.from({ length: random.int(4) }, () => junk(random, depth + 1));
    case 11: return depth > 3 ? {} : Object.fromEntries(Array.from({ length: random.int(4) }, () => [random.pick(KEYS), junk(random, depth + 1)]));
    case 12: { // very deep nesting
      let nested: Json = 'bottom';
      for (let i = 0; i < 200 + random.int(800); i++) nested = random.chance(0.5) ? [nested] : { 'm.relates_to': nested };
      return nested;
    }
    case 13: return random.pick(['m.text', 'm.emote', 'm.notice', 'm.image', 'm.file', 'm.video', 'm.audio', 'm.location', 'm.key.verification.request', 'm.bad']);
    case 14: return { rel_type: random.pick(['m.replace', 'm.annotation', 'm.thread', 'm.reference']), event_id: junk(random, depth + 1), key: junk(random, depth + 1) };
    default: return random.int(2 ** 31);
  }
}

/** Field names worth aiming at (and prototype keys). */
const KEYS = [
  'type', 'event_id', 'sender', 'origin_server_ts', 'content', 'unsigned', 'redacts', 'room_id', 'state_key', 'msgtype', 'body',
  'format', 'formatted_body', 'm.relates_to', 'm.in_reply_to', 'rel_type', 'key', 'm.new_content', 'url', 'file', 'info', 'mimetype',
  'size', 'filename', 'geo_uri', 'transaction_id', 'redacted_because', 'm.read', 'ts', '__proto__', 'constructor', 'prototype', 'toString',
];

/** Every object and array inside a value (the value itself included), to pick a place to mutate. */
function places(value: Json, into: (Record<string, Json> | Json[])[] = [], depth = 0): (Record<string, Json> | Json[])[] {
  if (typeof value !== 'object' || value === null || depth > 8) return into;
  into.push(value as Record<string, Json> | Json[]);
  for (const child of Object.values(value)) places(child, into, depth + 1);
  return into;
}

function mutate(random: Random, event: Record<string, Json>): void {
  const targets = places(event);
  const target = random.pick(targets);
  const keys = Object.keys(target);
  const key = keys.length > 0 && random.chance(0.7) ? random.pick(keys) : random.pick(KEYS);
  if (Array.isArray(target)) {
    target[random.int(target.length + 1)] = junk(random, 0);
    return;
  }
  // Own properties only, as JSON.parse would make them (even "__proto__").
  if (random.chance(0.2)) Reflect.deleteProperty(target, key);
  else Object.defineProperty(target, key, { value: junk(random, 0), enumerable: true, writable: true, configurable: true });
}

function fuzzEvent(random: Random): Record<string, Json> {
  const event = structuredClone(random.pick(TEMPLATES));
  if (random.chance(0.5)) event['event_id'] = `$f${random.int(1000)}`; // new ids, so reactions and redactions meet
  const mutations = random.chance(0.1) ? 0 : 1 + random.int(6);
  for (let i = 0; i < mutations; i++) mutate(random, event);
  return event;
}

/**
 * Refusals that are right: ids and bodies past the core's limits (the spec's are lower:
 * 255 bytes for ids, 65,536 for an event), and an edit, redaction or reaction of "" (it
 * points at nothing). Anything else would lose a message the plugin could have shown.
 */
function beyondSpecLimits(problem: string): boolean {
  const issues = problem.slice(problem.indexOf(':') + 1).split(';').map((issue) => issue.trim());
  return issues.every((issue) => /Too big: expected string to have <=\d+ characters$/.test(issue) || /^targetNetworkId Too small/.test(issue));
}

it('handles 100,000 mutated Matrix events without throwing, emitting only events the core can check', async () => {
  const account = await offlineAccount([1, 2, 3].map((n) => message({ msgtype: 'm.text', body: `seed ${n}` }, { event_id: `$seed${n}` })));
  const { state, deps, room, emitted } = account;

  let sdkRefused = 0;
  const refusedByGuard = new Map<string, number>();
  const kinds = new Map<string, number>();
  const run = fuzz('Matrix events', CASES, 20261123, (random) => {
    const raw = fuzzEvent(random);
    let event: MatrixEvent;
    try {
      event = new MatrixEvent(raw);
      event.getContent(); // what the SDK itself cannot read never reaches the plugin
    } catch {
      sdkRefused++;
      return;
    }
    emitted.length = 0;
    if (raw['type'] === 'm.receipt') onReceipt(state, event, room);
    else if (random.chance(0.1)) handleLateDecryption(state, deps, room, event);
    else handleTimelineEvent(state, deps, room, event);
    for (const out of emitted) {
      kinds.set(out.type, (kinds.get(out.type) ?? 0) + 1);
      // What crosses from the plugin's worker to the core is structured-cloned first.
      const problem = protocolEventProblem(structuredClone(out));
      if (problem === undefined) continue;
      if (!beyondSpecLimits(problem)) throw new Error(`the core would lose this for a reason the plugin can avoid: ${problem.slice(0, 400)}; from ${JSON.stringify(raw).slice(0, 400)}`);
      const reason = problem.replace(/\d+/g, 'N').slice(0, 100);
      refusedByGuard.set(reason, (refusedByGuard.get(reason) ?? 0) + 1);
    }
    if (({} as Record<string, unknown>)['polluted'] !== undefined) throw new Error(`Object.prototype was polluted by ${JSON.stringify(raw).slice(0, 300)}`);
  });
  account.stop();
  console.log(`fuzz Matrix events: emitted ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; ${sdkRefused} refused by the SDK itself`);
  console.log(`fuzz Matrix events: rightly refused by the core's guard: ${JSON.stringify([...refusedByGuard].sort((a, b) => b[1] - a[1]).slice(0, 8))}`);
  if (run.replay) return;
  expect(run.cases).toBeGreaterThanOrEqual(CASES);
  expect(kinds.get('message.received') ?? 0).toBeGreaterThan(CASES / 10);
  expect(kinds.get('reactions.changed') ?? 0).toBeGreaterThan(100);
  expect(kinds.get('message.edited') ?? 0).toBeGreaterThan(100);
  expect(kinds.get('receipt') ?? 0).toBeGreaterThan(100);
}, 120_000);
