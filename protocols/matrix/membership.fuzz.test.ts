/**
 * Fuzz: 100,000 seeded cases of room membership (spec §Room Membership, §Direct Messaging,
 * §Stripped state): invites to us as stripped state (`invite_state`), joins, leaves, kicks,
 * bans of others and of us, knocks, display name and avatar changes, m.direct flipping a room
 * between DM and group room, in odd orders (leave before join, invite then kick), with wrong
 * types, missing fields, state keys that are no user ids, huge strings, control and bidi
 * characters, prototype-pollution keys and objects whose toString is no function.
 *
 * Cases come in groups of {@link GROUP} on one room, each building on the ones before it. The
 * first brings the room in a sync answer (an invite, a join, a knock or a leave); most of the
 * others bring one member event for the room's state, in a sync answer with the next cases'
 * ones; the rest another answer (an invite, a join with state or timeline, our leave, a knock,
 * m.direct). Every answer goes through the SDK's own sync code (SyncApi: processSyncResponse
 * for one in twenty, else its per-room core; a state update as injectRoomEvents makes it) in a
 * real, never started MatrixClient made as connect() makes it, whose HTTP answers /members
 * here; the plugin's EventRouter is attached as connect() attaches it, so memberChanged,
 * settle, onInvite, closeInvite and the announcements run as they do live.
 *
 * After every answer: the plugin threw nothing (its guards would log it and lose the update)
 * and its queue still runs; no unhandled rejection; every event it emitted survives the
 * structured clone and passes the core's guard (protocolEventGuard.ts); member, inviter,
 * contact and DM ids are user ids, and they, names and titles carry no C0/C1 control and no
 * bidi embedding, override or isolate (displayText.ts strips them); a members.changed names
 * each id once; an invite request is raised only while our own m.room.member says invite, is
 * raised whenever it does, and is closed once it does not. The SDK's own failures on hostile
 * input are counted, not failed (it logs them and skips the rest of the answer), unless an
 * error of ours passed through it. Seeded, with FUZZ_SEED and FUZZ_CASE: test/support/fuzz.ts
 * (FUZZ_CASE replays its group up to that case).
 */
import { ClientEvent, createClient, EventTimeline, EventType, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { SyncApi, SyncState } from 'matrix-js-sdk/lib/sync.js';
import { afterAll, expect, it } from 'vitest';
import type { ConnectionContext, ProtocolEvent } from '../api/index.js';
import { protocolEventProblem } from '../../electron/core/conversations/protocolEventGuard.js';
import { fuzzAsync } from '../../test/support/fuzz.js';
import { change, eventsOf, members, mutate, stateChange, type CaseContext, type Json, type Raw } from '../../test/support/matrixMembershipCases.js';
import { clientOptions } from './connection.js';
import { Directory } from './directory.js';
import { SeenTracker } from './history.js';
import { ReactionTracker } from './reactions.js';
import { silenceSdkLogger } from './sdkLogger.js';
import type { MatrixSettings } from './settings.js';
import type { AccountState } from './state.js';
import { SELF } from './testAccount.js';
import { EventRouter } from './wiring.js';

const CASES = 100_000;
/** Cases per room: each builds on the ones before it in its group (a fresh room per group). */
const GROUP = 64;

// C0 controls, DEL, C1 controls, bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const USER_ID = /^@[^:]+:.+$/;

function problemsOf(event: ProtocolEvent, room: Room | null): string[] {
  const problems: string[] = [];
  const text = (what: string, value: unknown): void => {
    if (typeof value !== 'string') problems.push(`${what} is no string`);
    else if (CONTROL.test(value)) problems.push(`${what} ${JSON.stringify(value.slice(0, 80))} has a control or bidi character`);
  };
  const userId = (what: string, value: unknown): void => {
    text(what, value);
    if (typeof value === 'string' && !USER_ID.test(value)) problems.push(`${what} ${JSON.stringify(value.slice(0, 80))} is no user id`);
  };
  switch (event.type) {
    case 'members.changed': {
      const ids = [...(event.added ?? []).map((member) => member.id), ...(event.removed ?? [])];
      if (new Set(ids).size !== ids.length) problems.push(`an id is listed twice: ${JSON.stringify(ids).slice(0, 200)}`);
      for (const member of event.added ?? []) {
        userId('member id', member.id);
        text('member name', member.displayName);
      }
      for (const id of event.removed ?? []) userId('removed id', id);
      break;
    }
    case 'request.raised': {
      text('request title', event.request.title);
      if (event.request.fromId !== undefined) userId('inviter', event.request.fromId);
      const mine = room?.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(EventType.RoomMember, SELF)?.getContent()['membership'];
      if (event.request.kind === 'room-invite' && mine !== 'invite') problems.push(`invite request raised while our membership is ${JSON.stringify(mine)}`);
      break;
    }
    case 'conversation.upserted':
      text('conversation title', event.conversation.title);
      if (event.conversation.kind === 'direct') userId('direct conversation id', event.conversation.id);
      break;
    case 'contact.upserted':
      userId('contact id', event.contact.id);
      text('contact name', event.contact.displayName);
      break;
    case 'message.received':
      text('sender name', event.message.senderName);
      break;
    default:
      break;
  }
  return problems;
}

/** The parts of the SDK's SyncApi a sync answer goes through (the private ones are called as SyncApi calls them). */
interface Sync {
  processSyncResponse(data: SyncData, response: Json): Promise<void>;
  mapSyncEventsFormat(obj: Json, room?: Room, decrypt?: boolean): MatrixEvent[];
  injectRoomEvents(room: Room, state: MatrixEvent[], stateAfter: undefined, timeline: MatrixEvent[]): Promise<void>;
  createRoom(roomId: string): Room;
}

interface SyncData {
  readonly oldSyncToken: string;
  readonly nextSyncToken: string;
}

interface Harness {
  readonly client: MatrixClient;
  readonly state: AccountState;
  readonly router: EventRouter;
  readonly sync: Sync;
  readonly seen: SeenTracker;
  readonly emitted: ProtocolEvent[];
  /** What the plugin's guards caught (each a lost update). */
  readonly caught: string[];
  /** The /members answer for the group's room. */
  membersChunk: Json;
  requests: number;
  token: number;
}

function harness(): Harness {
  silenceSdkLogger();
  const ignore = (): void => undefined;
  const emitted: ProtocolEvent[] = [];
  const caught: string[] = [];
  const box = { membersChunk: [] as Json, requests: 0, token: 0 };
  // What the SDK reads of a successful answer (http-api/fetch.ts): a real Response costs more than the case.
  const ok = (body: Json): Response => {
    const text = JSON.stringify(body);
    return { ok: true, status: 200, headers: new Headers({ 'content-type': 'application/json' }), json: () => Promise.resolve(JSON.parse(text)), text: () => Promise.resolve(text) } as unknown as Response;
  };
  const fetchFn = (input: RequestInfo | URL): Promise<Response> => {
    box.requests++;
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    if (path.endsWith('/members')) return Promise.resolve(ok({ chunk: box.membersChunk }));
    if (path.endsWith('/messages')) return Promise.resolve(ok({ chunk: [], start: 's' }));
    return Promise.resolve(new Response(JSON.stringify({ errcode: 'M_UNRECOGNIZED', error: 'not in this test' }), { status: 404, headers: { 'content-type': 'application/json' } }));
  };
  const session = { homeserver: 'http://127.0.0.1:9', userId: SELF, deviceId: 'FUZZ', accessToken: 'not-used', fromSettings: true };
  // Made as connect() makes it, with its HTTP answered here.
  const client = createClient({ ...clientOptions(session), fetchFn });
  const storage = { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() };
  const context = { accountId: 'fuzz', settings: {}, emit: ignore, storage, log: { debug: ignore, info: ignore, warn: ignore, error: ignore } } as unknown as ConnectionContext;
  const seen = new SeenTracker(context);
  const state: AccountState = {
    context, settings: { userId: SELF, acceptDirectInvites: false } as MatrixSettings, session,
    client, selfId: SELF, directory: new Directory(client, SELF), announced: new Map(), createdEncrypted: new Set(), requests: new Map(),
    emit: (event) => emitted.push(event), isStopped: () => false,
    // As connection.ts: a handler that throws is logged and skipped; here it is also a finding.
    guard: async (what, work) => {
      try {
        await work();
      } catch (error: unknown) {
        caught.push(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    },
  };
  const router = new EventRouter(state, {
    reactions: new ReactionTracker(), seen,
    noteSeen: (room, event) => {
      const id = event.getId();
      if (id !== undefined) seen.note(room.roomId, id, event.getTs());
    },
  });
  router.attach();
  // As after the first sync (sync.ts, announceAll): membership changes are announced from now on.
  router.markReady();
  router.release();
  const sync = new SyncApi(client, { lazyLoadMembers: true }, {}) as unknown as Sync;
  return Object.assign(box, { client, state, router, sync, seen, emitted, caught });
}

/**
 * Hand a sync answer to the SDK, as its sync loop does, then say the sync is done (the router
 * announces membership changes then). `whole`: through all of SyncApi.processSyncResponse
 * (summaries, unread counts, notifications, limited timelines); else through its core for each
 * room (mapSyncEventsFormat, injectRoomEvents, recalculate, storeRoom), which is all that
 * membership goes through, for a fraction of the time.
 */
async function deliver(h: Harness, answer: Raw, whole: boolean): Promise<void> {
  const { client, sync } = h;
  const data = { oldSyncToken: `t${h.token}`, nextSyncToken: `t${h.token + 1}` };
  h.token++;
  try {
    if (whole) {
      await sync.processSyncResponse(data, answer);
      return;
    }
    const accountData = sync.mapSyncEventsFormat(answer['account_data']);
    client.store.storeAccountDataEvents(accountData);
    for (const event of accountData) client.emit(ClientEvent.AccountData, event);
    const rooms = (answer['rooms'] ?? {}) as Record<string, Record<string, Raw>>;
    for (const section of ['invite', 'join', 'leave', 'knock']) {
      for (const [roomId, part] of Object.entries(rooms[section] ?? {})) {
        const known = client.store.getRoom(roomId);
        const room = known ?? sync.createRoom(roomId);
        const state = sync.mapSyncEventsFormat(section === 'invite' ? part['invite_state'] : section === 'knock' ? part['knock_state'] : part['state'], room);
        await sync.injectRoomEvents(room, state, undefined, sync.mapSyncEventsFormat(part['timeline'], room, false));
        room.recalculate();
        if (!known) {
          client.store.storeRoom(room);
          client.emit(ClientEvent.Room, room);
        }
      }
    }
  } finally {
    client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing, data);
  }
}

/**
 * Member events into a room we are in, as a sync answer's `state` section updates a room that
 * has a timeline (SyncApi.injectRoomEvents: setStateEvents, then recalculate), without the rest
 * of the answer's round trip; then the sync is done.
 */
function deliverState(h: Harness, room: Room, part: Raw): void {
  const data = { oldSyncToken: `t${h.token}`, nextSyncToken: `t${h.token + 1}` };
  h.token++;
  try {
    room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.setStateEvents(h.sync.mapSyncEventsFormat(part, room));
    room.recalculate();
  } finally {
    h.client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing, data);
  }
}

/** True when an error thrown by the SDK's sync code passed through the plugin (a listener of ours threw). */
function fromPlugin(error: unknown): boolean {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return /protocols[\\/]matrix[\\/](?!.*\.test\.ts)/.test(stack);
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};
process.on('unhandledRejection', onRejection);
afterAll(() => {
  process.off('unhandledRejection', onRejection);
});

it('handles 100,000 cases of hostile room membership and invites, emitting only what the core can use', async () => {
  const h = harness();
  const kinds = new Map<string, number>();
  let sdkRefused = 0;
  let answers = 0;

  /** Hand `sent` to the SDK with `work`, let the router settle, and check what the plugin did. */
  const check = async (roomId: string, sent: Json, work: () => Promise<void> | void): Promise<void> => {
    answers++;
    h.emitted.length = 0;
    h.caught.length = 0;
    const failures: string[] = [];
    try {
      await work();
    } catch (error: unknown) {
      // The SDK's own failures are its business (it logs them and skips the rest of the answer), not ours passing through it.
      if (fromPlugin(error)) failures.push(`the plugin threw inside the SDK's sync: ${String(error)}`);
      sdkRefused++;
    }
    await h.router.drained().catch((error: unknown) => failures.push(`the router's queue rejected, so every later event would be skipped: ${String(error)}`));
    const room = h.client.getRoom(roomId);
    for (const error of h.caught) failures.push(`a handler threw: ${error.slice(0, 600)}`);
    for (const out of h.emitted) {
      kinds.set(out.type, (kinds.get(out.type) ?? 0) + 1);
      // What crosses from the plugin's worker to the core is structured-cloned first.
      const problem = protocolEventProblem(structuredClone(out));
      if (problem !== undefined) failures.push(`the core refuses ${problem.slice(0, 300)}`);
      for (const issue of problemsOf(out, room)) failures.push(`${out.type}: ${issue}`);
    }
    const mine = room?.getMyMembership();
    const open = h.state.requests.get(`invite:${roomId}`);
    if (open && mine !== 'invite') failures.push(`the invite request stays open while our membership is ${JSON.stringify(mine)}`);
    if (!open && mine === 'invite') failures.push('invited, but no request was raised');
    if (({} as Record<string, unknown>)['polluted'] !== undefined) failures.push('Object.prototype was polluted');
    if (failures.length > 0) throw new Error(`${failures.slice(0, 5).join('\n')}\nafter the sync answer ${JSON.stringify(sent).slice(0, 800)}`);
  };

  /** Member events of the group's room waiting for their sync answer to end. */
  let pending: Raw[] = [];
  const flush = async (room: Room): Promise<void> => {
    const events = pending;
    pending = [];
    if (events.length > 0) await check(room.roomId, { state: { events } }, () => deliverState(h, room, { events }));
  };

  const run = await fuzzAsync('Matrix membership', CASES, 20260601, async (random, index) => {
    const step = index % GROUP;
    const context: CaseContext = { roomId: `!g${index - step}:localhost`, index, events: 0 };
    const room = h.client.getRoom(context.roomId);
    // Most cases: a member event for the state of a room we were in (it has a timeline), in a
    // sync answer with the next cases' ones; the others: an invite, a join, a leave, a knock or m.direct.
    const wasIn = room !== null && room.getLiveTimeline().getEvents().length > 0;
    if (step > 0 && room !== null && wasIn && random.chance(0.9)) {
      const event = stateChange(random, context, room.getMyMembership() === 'join');
      const mutations = random.chance(0.2) ? 0 : 1 + random.int(3);
      for (let i = 0; i < mutations; i++) mutate(random, [event]);
      pending.push(event);
      if (step < GROUP - 1 && index < CASES - 1 && random.chance(0.8)) return;
      await flush(room);
    } else {
      if (room) await flush(room);
      const answer = change(random, context, step, wasIn);
      const targets = eventsOf(answer);
      const mutations = random.chance(0.2) || targets.length === 0 ? 0 : 1 + random.int(3);
      for (let i = 0; i < mutations; i++) mutate(random, targets);
      if (step === 0) h.membersChunk = random.chance(0.5) ? members(random, context, random.int(4)).map((event) => ({ ...event, room_id: context.roomId })) : [];
      const whole = random.chance(0.05);
      await check(context.roomId, answer, () => deliver(h, answer, whole));
    }
    if (step === GROUP - 1) {
      // The group is done with its room: forget it (memory stays flat over thousands of rooms).
      h.client.store.removeRoom(context.roomId);
      h.state.requests.delete(`invite:${context.roomId}`);
      h.state.announced.clear();
    }
  }, GROUP);
  await h.seen.flush();
  h.client.stopClient();
  console.log(`fuzz Matrix membership: ${answers} sync answers; emitted ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; ${sdkRefused} sync answers refused by the SDK itself; ${h.requests} HTTP requests`);
  expect(rejections).toEqual([]);
  if (run.replay) return;
  expect(run.cases).toBeGreaterThanOrEqual(CASES);
  expect(kinds.get('members.changed') ?? 0).toBeGreaterThan(CASES / 10);
  expect(kinds.get('request.raised') ?? 0).toBeGreaterThan(CASES / 100);
  expect(kinds.get('request.closed') ?? 0).toBeGreaterThan(CASES / 100);
  expect(kinds.get('conversation.upserted') ?? 0).toBeGreaterThan(CASES / 10);
  expect(kinds.get('contact.upserted') ?? 0).toBeGreaterThan(100);
}, 120_000);
