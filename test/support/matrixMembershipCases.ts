/**
 * The hostile room membership that protocols/matrix/membership.fuzz.test.ts feeds through
 * the SDK's sync code: member events (and stripped ones for invite_state / knock_state) of
 * others and of us, in odd memberships and orders, with wrong types, state keys that are no
 * user ids, huge strings, controls and bidi tricks, prototype keys; whole sync answers built
 * from them, and mutations of those answers. Pure functions of a seeded Random.
 */
import { EventType } from 'matrix-js-sdk';
import { SELF } from '../../protocols/matrix/testAccount.js';
import { randomUnits, type Random } from './fuzz.js';

/** Past the spec's 65,536-byte event: only a hostile server sends it. Shared, so memory stays flat. */
const HUGE = 'h'.repeat(70_000);
const LONG = 'l'.repeat(1_100); // past the core's 1,024-character names and ids

export type Json = unknown;
export type Raw = Record<string, Json>;

const BOB = '@bob:localhost';
const CAROL = '@carol:localhost';
const DAVE = '@dave:remote.example';
const PEOPLE = [BOB, CAROL, DAVE];
/** State keys no server should send: not user ids, near misses of ours, controls, too long, prototype keys. */
const HOSTILE_IDS: readonly Json[] = [
  `${SELF}\u0000`, ` ${SELF}`, SELF.toUpperCase(), '', 'bob', '@bob', '@:localhost', '@bob:', `${BOB}\u0000`, '@b\nob:localhost', '@\u202Eevil:localhost', `@${LONG}:localhost`,
  '__proto__', 'constructor', 'toString', '!room:localhost', '#alias:localhost', ' ', 42, null, true, { user: BOB }, [BOB],
];
/** Display names and room names: look-alikes, user ids, controls, bidi tricks, emoji, lone surrogates. */
const NAMES: readonly Json[] = [
  'Bob', 'Carol', 'Bob', BOB, '@carol:localhost', 'Ali\u202Ece', 'line\nbreak', 'cr\rlf', 'nul\u0000', 'esc\u001b[2J', 'tab\tname',
  'del\u007f', 'c1\u0085', ' ', '', '\u200B', '\u2067isolate\u2069', '\u202Bembed', '\u200Fmark', '👩‍👩‍👧', 'عربي', '\uD800lone',
];
/** Long ones (costly for the SDK, which normalises every name): past 256 characters, past the core's 1,024, a split surrogate pair. */
const LONG_NAMES: readonly Json[] = ['x'.repeat(300), LONG, `${'🙂'.repeat(127)}\uD83D`, `${'a'.repeat(254)}🙂🙂`];

function someName(random: Random): Json {
  const roll = random.next();
  return roll < 0.6 ? random.pick(['Bob', 'Carol', 'Dave', 'Alice']) : roll < 0.97 ? random.pick(NAMES) : random.pick(LONG_NAMES);
}
const MEMBERSHIPS: readonly Json[] = ['join', 'join', 'leave', 'ban', 'invite', 'knock'];
const ODD_MEMBERSHIPS: readonly Json[] = ['JOIN', 'joined', '', 'm.join', 'leave ', 42, null, {}, ['join'], true, undefined];

/** `value` itself, or a copy when it is an object: the constants must not be mutated by a case. */
function fresh<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** Values of the wrong kind, for any field. */
function junk(random: Random, depth: number): Json {
  switch (random.int(14)) {
    case 0: return null;
    case 1: return undefined;
    case 2: return random.pick([Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 2 ** 53 + 1, 0.5]);
    case 3: return random.chance(0.5);
    case 4: return random.chance(0.1) ? random.pick([LONG, HUGE]) : 'y'.repeat(random.int(60));
    case 5: return randomUnits(random, random.int(40));
    case 6: return someName(random);
    case 7: return someone(random);
    case 8: return random.chance(0.5) ? random.pick(MEMBERSHIPS) : oddMembership(random);
    case 9: return JSON.parse(random.pick(['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"toString":1,"valueOf":"x"}']));
    case 10: return depth > 3 ? [] : Array.from({ length: random.int(4) }, () => junk(random, depth + 1));
    case 11: return depth > 3 ? {} : Object.fromEntries(Array.from({ length: random.int(4) }, () => [random.pick(KEYS), junk(random, depth + 1)]));
    case 12: return random.pick(['mxc://localhost/a', 'mxc://', 'https://evil.example/a.png', 'javascript:alert(1)']);
    default: return random.int(2 ** 31);
  }
}

/** Field names worth aiming at (and prototype keys). */
const KEYS = [
  'type', 'event_id', 'sender', 'state_key', 'origin_server_ts', 'content', 'unsigned', 'membership', 'displayname', 'avatar_url',
  'is_direct', 'reason', 'prev_content', 'prev_sender', 'name', 'room_version', 'creator', 'events', '__proto__', 'constructor',
];

/** A user id for a state key or sender: mostly real people, sometimes us, sometimes garbage. */
function someone(random: Random): Json {
  const roll = random.next();
  return roll < 0.6 ? random.pick(PEOPLE) : roll < 0.85 ? SELF : fresh(random.pick(HOSTILE_IDS));
}

function oddMembership(random: Random): Json {
  return fresh(random.pick(ODD_MEMBERSHIPS));
}

export interface CaseContext {
  readonly roomId: string;
  readonly index: number;
  events: number;
}

/** An m.room.member event as sync delivers it (or stripped, for invite_state and knock_state). */
function memberEvent(random: Random, context: CaseContext, target: Json, membership: Json, stripped = false): Raw {
  const others = PEOPLE.filter((person) => person !== target);
  // Joins and knocks come from the member; a leave from someone else is a kick, a ban of oneself is odd.
  const own = membership === 'join' || membership === 'knock' || (membership === 'leave' && random.chance(0.6)) || random.chance(0.05);
  const sender = own ? target : random.chance(0.9) ? random.pick(others) : someone(random);
  const content: Raw = { membership };
  if (random.chance(0.7)) content['displayname'] = someName(random);
  if (random.chance(0.3)) content['avatar_url'] = random.pick(['mxc://localhost/a', 'mxc://', 42, 'https://evil.example/a']);
  if (membership === 'invite' && random.chance(0.4)) content['is_direct'] = random.chance(0.8) ? true : fresh(random.pick([1, 'true', {}, false]));
  if ((membership === 'leave' || membership === 'ban') && random.chance(0.4)) content['reason'] = random.pick(['spam', '', 'x'.repeat(2000), 42]);
  const event: Raw = { type: EventType.RoomMember, sender, state_key: target, content };
  if (stripped) return event;
  event['event_id'] = `$${context.index}.${context.events++}`;
  event['origin_server_ts'] = 1_700_000_000_000 + context.index;
  if (random.chance(0.2)) {
    event['unsigned'] = {
      prev_sender: random.chance(0.8) ? random.pick(others) : someone(random),
      prev_content: { membership: random.pick(MEMBERSHIPS), ...(random.chance(0.3) ? { is_direct: true } : {}) },
    };
  }
  return event;
}

function stateEvent(context: CaseContext, type: string, content: Raw, sender: Json, stripped: boolean): Raw {
  const event: Raw = { type, sender, state_key: '', content };
  if (stripped) return event;
  return { ...event, event_id: `$${context.index}.${context.events++}`, origin_server_ts: 1_700_000_000_000 + context.index };
}

/** A few member events of other people (now and then of us, or of garbage), in any membership. */
export function members(random: Random, context: CaseContext, count: number, stripped = false): Raw[] {
  return Array.from({ length: count }, () => {
    const target = random.chance(0.85) ? random.pick(PEOPLE) : someone(random);
    return memberEvent(random, context, target, random.chance(0.9) ? random.pick(MEMBERSHIPS) : oddMembership(random), stripped);
  });
}

/** A room section of a sync answer, with the events in `state` or in `timeline` (both are how membership arrives). */
function roomSection(random: Random, section: 'join' | 'leave', roomId: string, events: Raw[], timelineShare: number): Raw {
  const inTimeline = random.chance(timelineShare);
  return {
    rooms: {
      [section]: {
        [roomId]: {
          state: { events: inTimeline ? [] : events },
          timeline: { events: inTimeline ? events : [], prev_batch: `p${roomId}`, limited: random.chance(0.02) },
          ...(random.chance(0.05) ? { summary: { 'm.heroes': random.chance(0.7) ? [random.pick(PEOPLE)] : junk(random, 0), 'm.joined_member_count': random.int(3) } } : {}),
        },
      },
    },
  };
}

/**
 * One /sync answer about the group's room: the first case of a group invites us, joins us,
 * knocks or leaves; the others change someone's membership, ours, or m.direct, in any order.
 */
export function change(random: Random, context: CaseContext, step: number, wasIn: boolean): Raw {
  const { roomId } = context;
  const kind = step === 0
    ? random.pick(['invite', 'invite', 'invite', 'join', 'join', 'join', 'join', 'join', 'join', 'knock', 'leave'])
    : wasIn
      ? random.pick(['members', 'members', 'invite', 'join', 'leave', 'direct', 'direct', 'knock'])
      : random.chance(0.7) ? 'join' : random.pick(['invite', 'leave', 'direct', 'knock']);
  const ours = (membership: Json, stripped = false): Raw => memberEvent(random, context, SELF, membership, stripped);
  switch (kind) {
    case 'invite': {
      const inviter = random.chance(0.9) ? random.pick(PEOPLE) : someone(random);
      const events: Raw[] = [{ ...ours('invite', true), sender: inviter }];
      if (random.chance(0.6)) events.push(stateEvent(context, EventType.RoomCreate, { room_version: fresh(random.pick(['10', '11', '12', 12, null, {}])), creator: inviter }, inviter, true));
      if (random.chance(0.6)) events.push(stateEvent(context, EventType.RoomName, { name: random.chance(0.05) ? HUGE : random.chance(0.3) ? 'Team room' : someName(random) }, inviter, true));
      if (random.chance(0.5)) events.push({ ...memberEvent(random, context, inviter, 'join', true), sender: inviter });
      if (random.chance(0.2)) events.push(...members(random, context, 1 + random.int(2), true));
      if (random.chance(0.3)) events.reverse();
      return { rooms: { invite: { [roomId]: { invite_state: { events } } } } };
    }
    case 'knock':
      return { rooms: { knock: { [roomId]: { knock_state: { events: [ours('knock', true), stateEvent(context, EventType.RoomName, { name: 'Knocked' }, BOB, true)] } } } } };
    case 'join': {
      const events = [ours(random.chance(0.85) ? 'join' : oddMembership(random)), ...members(random, context, random.int(step === 0 ? 4 : 2))];
      if (random.chance(0.15)) events.push(stateEvent(context, EventType.RoomName, { name: random.chance(0.3) ? 'Team room' : someName(random) }, BOB, false));
      if (random.chance(0.3)) events.reverse();
      return roomSection(random, 'join', roomId, events, step === 0 ? 1 : 0.3);
    }
    case 'members': {
      // Now and then with a message, whose sender's name comes from their membership (hostile
      // senders are the timeline fuzzer's business: it lets the core refuse ids past the spec's limits).
      const events = members(random, context, 1 + random.int(3));
      if (random.chance(0.5)) return roomSection(random, 'join', roomId, events, 0.15);
      const message = { type: 'm.room.message', sender: random.pick([...PEOPLE, SELF]), content: { msgtype: 'm.text', body: 'hi' } };
      return roomSection(random, 'join', roomId, [...events, { ...message, event_id: `$${context.index}.${context.events++}`, origin_server_ts: 1_700_000_000_000 + context.index }], 1);
    }
    case 'leave':
      return roomSection(random, 'leave', roomId, [ours(random.pick(['leave', 'leave', 'leave', 'ban', oddMembership(random)]))], 0.5);
    default: {
      // m.direct (our account data) now lists the room as a DM with someone, or no longer does.
      const partner = random.chance(0.8) ? random.pick(PEOPLE) : someone(random);
      const content = random.chance(0.3) ? {} : { [String(partner)]: random.chance(0.9) ? [roomId] : junk(random, 0) };
      return { account_data: { events: [{ type: EventType.Direct, content }] } };
    }
  }
}

/**
 * One member event for the `state` of a room we were in: someone joins, leaves, is kicked,
 * banned, invited, knocks or is renamed; now and then it is us (most often when we are out).
 */
export function stateChange(random: Random, context: CaseContext, joined: boolean): Raw {
  if (!joined && random.chance(0.6)) return memberEvent(random, context, SELF, random.chance(0.9) ? 'join' : oddMembership(random));
  const target = random.chance(0.85) ? random.pick(PEOPLE) : someone(random);
  return memberEvent(random, context, target, random.chance(0.9) ? random.pick(MEMBERSHIPS) : oddMembership(random));
}

/** Every object and array inside a value (the value itself included), to pick a place to mutate. */
function places(value: Json, into: (Raw | Json[])[] = [], depth = 0): (Raw | Json[])[] {
  if (typeof value !== 'object' || value === null || depth > 8) return into;
  into.push(value as Raw | Json[]);
  for (const child of Object.values(value)) places(child, into, depth + 1);
  return into;
}

export function mutate(random: Random, events: readonly Raw[]): void {
  const target = random.pick(places(random.pick(events)));
  const value = junk(random, 0);
  if (Array.isArray(target)) {
    target[random.int(target.length + 1)] = value;
    return;
  }
  const keys = Object.keys(target);
  const key = keys.length > 0 && random.chance(0.7) ? random.pick(keys) : random.pick(KEYS);
  // Own properties only, as JSON.parse would make them (even "__proto__").
  if (random.chance(0.2)) Reflect.deleteProperty(target, key);
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The events of a sync answer to mutate, wherever they sit (for m.direct, its content; messages are the timeline fuzzer's). */
export function eventsOf(answer: Raw): Raw[] {
  const found: Raw[] = [];
  const rooms = answer['rooms'] as Record<string, Record<string, Raw>> | undefined;
  for (const section of Object.values(rooms ?? {})) {
    for (const room of Object.values(section)) {
      for (const part of ['invite_state', 'knock_state', 'state', 'timeline']) {
        const events = (room[part] as { events?: Raw[] } | undefined)?.events;
        if (Array.isArray(events)) found.push(...events.filter((event) => event['type'] !== 'm.room.message'));
      }
    }
  }
  const accountData = (answer['account_data'] as { events?: Raw[] } | undefined)?.events;
  if (Array.isArray(accountData)) found.push(...accountData.map((event) => event['content'] as Raw));
  return found;
}
