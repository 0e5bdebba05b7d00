/**
 * Membership and invites from hostile events, on real SDK objects (the cases the membership
 * fuzzer found, each as its smallest input).
 */
import { createClient, EventTimeline, EventType, MatrixEvent, Room, type IEvent, type RoomMember } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import type { ConnectionContext, ProtocolEvent } from '../api/index.js';
import { protocolEventProblem } from '../../electron/core/conversations/protocolEventGuard.js';
import { clientOptions } from './connection.js';
import { Directory } from './directory.js';
import { SeenTracker } from './history.js';
import { onInvite } from './invites.js';
import { ReactionTracker } from './reactions.js';
import { announceMembers, memberChanged, roomTitle } from './rooms.js';
import type { MatrixSettings } from './settings.js';
import type { AccountState } from './state.js';
import { ROOM_ID, SELF } from './testAccount.js';
import { EventRouter } from './wiring.js';

const BOB = '@bob:localhost';

interface Account {
  readonly state: AccountState;
  readonly room: Room;
  readonly emitted: ProtocolEvent[];
  /** Apply state events to the room as sync does, then let the SDK recalculate it. */
  readonly apply: (...raws: Record<string, unknown>[]) => void;
}

/** An account whose client is made as connect() makes it; its only request, /members, answers nothing. */
function account(): Account {
  const members = { ok: true, status: 200, headers: new Headers(), json: () => Promise.resolve({ chunk: [] }) } as unknown as Response;
  const session = { homeserver: 'http://127.0.0.1:9', userId: SELF, deviceId: 'TEST', accessToken: 'not-used', fromSettings: true };
  const client = createClient({ ...clientOptions(session), fetchFn: () => Promise.resolve(members) });
  const room = new Room(ROOM_ID, client, SELF);
  client.store.storeRoom(room);
  const emitted: ProtocolEvent[] = [];
  const ignore = (): void => undefined;
  const context = { accountId: 'test', settings: {}, emit: ignore, log: { debug: ignore, info: ignore, warn: ignore, error: ignore } } as unknown as ConnectionContext;
  const state: AccountState = {
    context, settings: { userId: SELF, acceptDirectInvites: false } as MatrixSettings, session, client, selfId: SELF,
    directory: new Directory(client, SELF), announced: new Map(), createdEncrypted: new Set(), requests: new Map(),
    emit: (event) => emitted.push(event), isStopped: () => false, guard: async (_what, work) => work(),
  };
  let n = 0;
  const apply = (...raws: Record<string, unknown>[]): void => {
    const events = raws.map((raw) => new MatrixEvent({ room_id: ROOM_ID, event_id: `$s${n++}`, origin_server_ts: 1, ...raw }));
    room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.setStateEvents(events);
    room.recalculate();
  };
  return { state, room, emitted, apply };
}

function member(stateKey: unknown, content: Record<string, unknown>, sender: unknown = stateKey): Record<string, unknown> {
  return { type: EventType.RoomMember, state_key: stateKey, sender, content };
}

/** An account in the room, with Bob. */
function joined(): Account {
  const a = account();
  a.apply(member(SELF, { membership: 'join' }), member(BOB, { membership: 'join', displayname: 'Bob' }));
  a.emitted.length = 0;
  return a;
}

function memberOfRoom(a: Account, userId: string): RoomMember {
  const found = a.room.getMember(userId);
  if (!found) throw new Error(`${userId} is not in the room`);
  return found;
}

/** Each event as the core's guard sees it: all must pass. */
function refused(events: readonly ProtocolEvent[]): string[] {
  return events.map((event) => protocolEventProblem(structuredClone(event))).filter((problem) => problem !== undefined);
}

describe('hostile member events', () => {
  it('lists as members only state keys that are user ids, so one bad key does not cost the room its member list', async () => {
    const a = joined();
    a.apply(
      member('', { membership: 'join' }, BOB), member(42, { membership: 'join' }, BOB), member(`@${'x'.repeat(2000)}:localhost`, { membership: 'join' }),
      member('@b\nob:localhost', { membership: 'join' }), member('@\u202Eevil:localhost', { membership: 'join' }),
    );
    a.emitted.length = 0;
    await announceMembers(a.state, a.room);
    expect(a.emitted).toEqual([{
      type: 'members.changed', conversationId: ROOM_ID, reset: true,
      added: [{ id: SELF, displayName: SELF }, { id: BOB, displayName: 'Bob' }],
    }]);
    for (const key of ['', 42]) memberChanged(a.state, a.room, memberOfRoom(a, key as string));
    expect(a.emitted).toHaveLength(1);
  });

  it('shows a display name as one plain line of at most 256 characters', () => {
    const a = joined();
    a.apply(member(BOB, { membership: 'join', displayname: `Bob\nSmith\u0000\u202B${'y'.repeat(2000)}` }));
    memberChanged(a.state, a.room, memberOfRoom(a, BOB));
    expect(refused(a.emitted)).toEqual([]);
    const [changed] = a.emitted;
    const name = changed?.type === 'members.changed' ? changed.added?.[0]?.displayName : undefined;
    expect(name).toBe(`Bob Smith${'y'.repeat(246)}…`);
  });

  it('takes a membership that is an object whose toString is no function as a leave instead of throwing', () => {
    const a = joined();
    a.apply(member(BOB, { membership: JSON.parse('{"toString":1}') as unknown }));
    expect(() => memberChanged(a.state, a.room, memberOfRoom(a, BOB))).not.toThrow();
    expect(a.emitted).toEqual([{ type: 'members.changed', conversationId: ROOM_ID, removed: [BOB] }]);
  });

  it('ranks members when m.room.create has a room_version that is an object whose toString is no function', () => {
    const a = joined();
    a.apply({ type: EventType.RoomCreate, state_key: '', sender: BOB, content: { room_version: JSON.parse('{"toString":1}') as unknown } });
    memberChanged(a.state, a.room, memberOfRoom(a, BOB));
    expect(a.emitted).toEqual([{ type: 'members.changed', conversationId: ROOM_ID, added: [{ id: BOB, displayName: 'Bob' }] }]);
  });

  it('keeps the router going after an event whose id is an object whose toString is no function', async () => {
    const a = joined();
    const ignore = (): void => undefined;
    const router = new EventRouter(a.state, { reactions: new ReactionTracker(), seen: new SeenTracker(a.state.context), noteSeen: ignore });
    router.release();
    const message = (id: unknown): MatrixEvent => new MatrixEvent({
      type: 'm.room.message', room_id: ROOM_ID, event_id: id, sender: BOB, origin_server_ts: 1, content: { msgtype: 'm.text', body: 'hi' },
    } as Partial<IEvent>);
    router.enqueue(a.room, message(JSON.parse('{"toString":1}')));
    router.enqueue(a.room, message('$after'));
    await expect(router.drained()).resolves.toBeUndefined();
    expect(a.emitted.map((event) => event.type === 'message.received' ? event.message.networkId : event.type)).toContain('$after');
  });
});

describe('hostile room names', () => {
  it('lets the SDK recalculate a room whose m.room.name is no string (it threw on every sync of the room)', () => {
    const a = account();
    a.apply(member(SELF, { membership: 'invite' }, BOB), { type: EventType.RoomName, state_key: '', sender: BOB, content: { name: {} } });
    expect(() => a.room.recalculate()).not.toThrow();
    expect(a.room.getMyMembership()).toBe('invite');
    expect(roomTitle(a.room)).toBe(ROOM_ID);
  });

  it('shows a room name as one plain line', () => {
    const a = joined();
    a.apply({ type: EventType.RoomName, state_key: '', sender: BOB, content: { name: `Team\r\nroom\u2066${'z'.repeat(70_000)}` } });
    expect(roomTitle(a.room)).toBe(`Team room${'z'.repeat(246)}…`);
  });
});

describe('hostile invites', () => {
  it('raises an invite whose sender is no user id as from someone, with a title the core takes', async () => {
    const a = account();
    a.apply(member(SELF, { membership: 'invite', is_direct: true }, 42), { type: EventType.RoomName, state_key: '', sender: BOB, content: { name: `x\n${'n'.repeat(5000)}` } });
    await onInvite(a.state, a.room);
    expect(refused(a.emitted)).toEqual([]);
    const [raised] = a.emitted;
    expect(raised?.type === 'request.raised' ? raised.request : undefined).toMatchObject({
      id: `invite:${ROOM_ID}`, title: `Someone invites you to x ${'n'.repeat(253)}…`, conversationId: ROOM_ID,
    });
    expect(raised?.type === 'request.raised' ? raised.request.fromId : 'none').toBeUndefined();
  });

  it('does not take a DM invite "from" ourselves, or from a sender that is no user id, as a DM with them', async () => {
    for (const sender of [SELF, '', ['@bob:localhost']]) {
      const a = account();
      a.apply(member(SELF, { membership: 'invite', is_direct: true }, sender));
      await onInvite(a.state, a.room);
      const [raised] = a.emitted;
      expect(raised?.type === 'request.raised' ? raised.request.conversationId : undefined).toBe(ROOM_ID);
      expect(raised?.type === 'request.raised' ? raised.request.title : '').not.toContain('wants to chat');
    }
  });
});

describe('hostile m.direct', () => {
  it('takes as DM partners only keys of m.direct, and invitees of our is_direct invites, that are user ids', () => {
    const a = account();
    a.apply(member(SELF, { membership: 'join' }), member('bob', { membership: 'invite', is_direct: true }, SELF));
    a.state.client.store.storeAccountDataEvents([new MatrixEvent({ type: EventType.Direct, content: { '': [ROOM_ID], 'bob': [ROOM_ID], '@b\nob:x': [ROOM_ID] } })]);
    a.state.directory.refresh();
    expect(a.state.directory.directPartner(ROOM_ID)).toBeUndefined();
  });
});
