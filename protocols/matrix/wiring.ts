/**
 * The SDK's events, routed to the parts that turn them into protocol events. Every handler
 * runs guarded: one bad event is logged and skipped, never fatal to the account. Timeline
 * events go through one queue so messages keep their order while they are decrypted.
 */
import { BoundedSet } from '../api/index.js';
import { onKnockMembership } from './knocking.js';
import { IGNORED_USER_LIST, onIgnoredList } from './ignoring.js';
import {
  ClientEvent, Direction, EventStatus, EventTimeline, MatrixEventEvent, RoomEvent, RoomMemberEvent, RoomStateEvent, UserEvent,
  type MatrixEvent, type Room,
} from 'matrix-js-sdk';
import { onReceipt, onTyping } from './ephemeral.js';
import { CATCH_UP_EVENTS, missedEvents, type Seen, type SeenTracker } from './history.js';
import { closeInvite, onInvite } from './invites.js';
import { EV, membershipOf, typeOf } from './names.js';
import { onPresence } from './presence.js';
import { isEncryptionEvent } from './roomEncryption.js';
import { announceConversation, announceMembers, memberChanged } from './rooms.js';
import { isSpace, SPACE_CHILD } from './spaces.js';
import type { AccountState } from './state.js';
import { handleLateDecryption, handleTimelineEvent, isLocalEcho, type TimelineDeps } from './timeline.js';
import { carriesTrust, senderTrustOf } from './trust.js';

/** What the router needs besides the timeline's own dependencies. */
export interface RouterDeps extends Omit<TimelineDeps, 'touch'> {
  readonly seen: SeenTracker;
}

/**
 * An event's id for a log line. The SDK passes on whatever id the server sent, and an object
 * whose toString is no function throws when put in a string: outside the guard, that rejected
 * the router's queue and every event after it was skipped (found by the membership fuzzer).
 */
function labelOf(event: MatrixEvent): string {
  const id: unknown = event.getId();
  return typeof id === 'string' ? id : '?';
}

/**
 * Event ids remembered as handled: a twice-delivered event comes again within seconds (our
 * own echo) or within one catch-up (at most CATCH_UP_EVENTS older events); the core also
 * refuses a network id it has. ~100 bytes each.
 */
const HANDLED_IDS = 2 * CATCH_UP_EVENTS;
/** Undecryptable events whose key may still come: an older one's placeholder then stays. */
const UNDECRYPTABLE_IDS = 5_000;

export class EventRouter {
  private queue: Promise<void> = Promise.resolve();
  /** Event ids already handed to the timeline (own echoes arrive twice: sent, then synced). */
  private readonly handled = new BoundedSet<string>(HANDLED_IDS);
  /** Events reported as undecryptable, whose late decryption is reported as a correction. */
  private readonly undecryptable = new BoundedSet<string>(UNDECRYPTABLE_IDS);
  /** Until the first sync is through, membership changes are left to the initial announcement. */
  private ready = false;
  /** The first sync's timeline events, until {@link release}. */
  private held: { room: Room; event: MatrixEvent; deps: TimelineDeps }[] | undefined = [];
  /** Rooms to announce after the current sync batch. */
  private readonly dirty = new Map<string, { room: Room; membership: boolean }>();

  /** For events the sync delivers: in the room's order, so each is noted as the newest seen. */
  private readonly timelineDeps: TimelineDeps;
  /**
   * For our own event as the homeserver's answer to the send gives it, before the sync does:
   * not noted as seen. The server may have ordered others' events before it that this
   * sync has not brought yet; were it the mark a catch-up pages back to, those would be
   * skipped (the server-kill fault test lost 1–2 of 500 so). Its copy in the sync is noted.
   */
  private readonly answeredDeps: TimelineDeps;
  /** The users reported as ignored (ignoring.ts). */
  private ignored: ReadonlySet<string> = new Set();

  constructor(private readonly state: AccountState, private readonly deps: RouterDeps) {
    this.timelineDeps = {
      reactions: deps.reactions,
      ...(deps.polls ? { polls: deps.polls } : {}),
      noteSeen: (room, event) => deps.noteSeen(room, event),
      touch: (room, membership) => this.touch(room, membership),
    };
    this.answeredDeps = { ...this.timelineDeps, noteSeen: () => undefined };
  }

  /** Queue one room event for the timeline (held back during the first sync, see {@link release}). */
  enqueue(room: Room, event: MatrixEvent, deps: TimelineDeps = this.timelineDeps): void {
    if (this.held) {
      this.held.push({ room, event, deps });
      return;
    }
    this.queue = this.queue.then(() => this.state.guard(`event ${labelOf(event)} in ${room.roomId}`, () => this.process(room, event, deps)));
  }

  /**
   * Handle one event now, decrypting it first if needed; each event id once. `deps` for a
   * caught-up event do not note it as the newest seen (it is older than the live timeline)
   * and mark its message as caught up, for the core to place it by server time. An event
   * handled before is still noted as seen when the sync delivers it (our own, answered first).
   */
  private async process(room: Room, event: MatrixEvent, deps: TimelineDeps = this.timelineDeps): Promise<void> {
    if (isLocalEcho(event)) return;
    const id: unknown = event.getId();
    if (typeof id !== 'string') return;
    if (this.handled.has(id)) {
      deps.noteSeen(room, event);
      return;
    }
    this.handled.add(id);
    if (event.shouldAttemptDecryption() || event.isBeingDecrypted()) {
      await this.state.client.decryptEventIfNeeded(event).catch(() => undefined);
    }
    if (event.isDecryptionFailure()) this.undecryptable.add(id);
    handleTimelineEvent(this.state, deps, room, event, await this.trustOf(room, event));
  }

  private async trustOf(room: Room, event: MatrixEvent) {
    return carriesTrust(event) ? senderTrustOf(this.state, room, event) : undefined;
  }

  /**
   * Close a gap: the room's timeline as synced now starts at `from`; page back to `last`
   * and handle what lies between, in order, before anything queued after this call. With
   * `always`, page back even when the live timeline looks continuous (sync.ts says why).
   */
  catchUp(room: Room, last: Seen | undefined, from: string | null, always = false): void {
    if (!last || !from) return;
    // Continuous when the live timeline holds the last event seen; never judged by
    // origin_server_ts (history.ts says why).
    const live = room.getLiveTimeline().getEvents();
    const lastIndex = live.findIndex((event) => event.getId() === last.id);
    if (!always && lastIndex >= 0) return;
    // The first event known after the gap, should the catch-up find none.
    const after = live[lastIndex + 1];
    this.queue = this.queue.then(() => this.state.guard(`catch-up in ${room.roomId}`, async () => {
      const found = await missedEvents(this.state, room, last, from);
      const catchUpDeps: TimelineDeps = { ...this.timelineDeps, noteSeen: () => undefined, catchUp: true };
      for (const event of found.events) {
        await this.state.guard(`event ${labelOf(event)} in ${room.roomId}`, () => this.process(room, event, catchUpDeps));
      }
      if (!found.closed) this.reportGap(room, last, found.events[0] ?? after, found.reason);
    }));
  }

  /**
   * A catch-up that stopped before meeting what we had: tell the core where the hole is
   * (history.gap, API 0.4), so it can show it and page back from `before` (fetchHistory).
   */
  private reportGap(room: Room, last: Seen, before: MatrixEvent | undefined, reason: string | undefined): void {
    const beforeId = before?.getId();
    const beforeTs = before?.getTs();
    this.state.emit({
      type: 'history.gap',
      conversationId: this.state.directory.conversationIdOf(room.roomId),
      after: { networkId: last.id, timestamp: last.ts },
      before: {
        ...(beforeId !== undefined ? { networkId: beforeId } : {}),
        timestamp: typeof beforeTs === 'number' && Number.isFinite(beforeTs) ? beforeTs : Date.now(),
      },
      ...(reason !== undefined ? { reason } : {}),
    });
  }

  /** Resolves once everything queued so far is handled. */
  drained(): Promise<void> {
    return this.queue;
  }

  markReady(): void {
    this.ready = true;
  }

  /**
   * Hand the first sync's events to the timeline, after whatever was queued meanwhile (the
   * catch-up of older missed events), so that each room's messages arrive oldest first.
   */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { room, event, deps } of held) this.enqueue(room, event, deps);
  }

  /** A room whose state (or our membership in it) changed in the sync batch being applied. */
  touch(room: Room, membership: boolean): void {
    const earlier = this.dirty.get(room.roomId);
    this.dirty.set(room.roomId, { room, membership: membership || earlier?.membership === true });
  }

  /** Announce what the last sync batch changed. */
  private async settle(): Promise<void> {
    const rooms = [...this.dirty.values()];
    this.dirty.clear();
    // A space joined, left, renamed or with other children regroups the rooms (§Spaces).
    const regroup = rooms.some(({ room }) => isSpace(room));
    for (const { room, membership } of rooms) {
      await this.state.guard(`room ${room.roomId}`, async () => {
        const now = membershipOf(room);
        if (now === 'invite') {
          if (membership) await onInvite(this.state, room);
          return;
        }
        if (membership) closeInvite(this.state, room.roomId);
        if (now === 'join') {
          announceConversation(this.state, room);
          if (!membership) return;
          await announceMembers(this.state, room);
          // A room that shows up after the first sync: close any gap since we last saw it.
          this.catchUp(room, this.deps.seen.seenBefore(room.roomId), this.firstToken(room));
        } else if (this.state.announced.has(this.state.directory.conversationIdOf(room.roomId))) {
          announceConversation(this.state, room);
        }
      });
    }
    if (!regroup) return;
    // Unchanged conversations are not announced again (announceConversation compares).
    for (const room of this.state.client.getRooms()) {
      if (membershipOf(room) === 'join') await this.state.guard(`room ${room.roomId}`, () => { announceConversation(this.state, room); });
    }
  }

  /** Where the room's synced timeline starts (its oldest event's back-pagination token). */
  firstToken(room: Room): string | null {
    return room.getLiveTimeline().getPaginationToken(Direction.Backward);
  }

  attach(): void {
    const { client } = this.state;
    const guarded = (what: string, work: () => Promise<void> | void): void => {
      void this.state.guard(what, work);
    };

    client.on(ClientEvent.AccountData, (event) => guarded('account data', () => {
      if (typeOf(event) === IGNORED_USER_LIST) {
        this.ignored = onIgnoredList(this.state, event, this.ignored);
        return;
      }
      if (typeOf(event) !== EV.direct) return;
      this.state.directory.refresh();
      if (!this.ready) return;
      for (const room of client.getRooms()) if (membershipOf(room) === 'join') announceConversation(this.state, room);
    }));

    // A `limited` sync (after an outage) replaces the live timeline: fill the gap before its events.
    client.on(RoomEvent.TimelineReset, (room, timelineSet) => {
      if (!room || !this.ready || timelineSet !== room.getUnfilteredTimelineSet()) return;
      const seen = this.deps.seen.get(room.roomId);
      this.catchUp(room, seen, room.getLiveTimeline().getPaginationToken(Direction.Backward));
    });

    client.on(RoomEvent.Timeline, (event, room, toStartOfTimeline, removed) => {
      if (!room || removed || toStartOfTimeline === true) return;
      this.enqueue(room, event);
    });

    // Our own sends: the server's echo updates the local echo in place instead of a new
    // timeline event, twice: when the send is answered (status SENT), then when the sync
    // brings it (status null, the remote echo), in the room's order.
    client.on(RoomEvent.LocalEchoUpdated, (event, room) => {
      if (!isLocalEcho(event)) this.enqueue(room, event, event.status === EventStatus.SENT ? this.answeredDeps : this.timelineDeps);
    });

    // A key that arrives after its message (to-device after the room event, over federation).
    client.on(MatrixEventEvent.Decrypted, (event) => {
      const id: unknown = event.getId();
      const room = client.getRoom(event.getRoomId());
      if (typeof id !== 'string' || !room || !this.undecryptable.has(id) || event.isDecryptionFailure()) return;
      this.undecryptable.delete(id);
      this.queue = this.queue.then(() => this.state.guard(`late decryption of ${id}`, async () => {
        handleLateDecryption(this.state, this.timelineDeps, room, event, await this.trustOf(room, event));
      }));
    });

    // Membership and room state changes are announced once the sync batch is applied, when the
    // room's state is whole (a new DM's invite with is_direct may come after our own join).
    client.on(RoomEvent.MyMembership, (room) => this.touch(room, true));
    client.on(RoomEvent.Name, (room) => this.touch(room, false));
    client.on(ClientEvent.Sync, () => {
      if (this.ready) this.queue = this.queue.then(() => this.settle());
    });

    // Encryption enabled after the room was announced (or synced after it): show it.
    client.on(RoomStateEvent.Events, (event, roomState) => {
      const room = client.getRoom(roomState.roomId);
      if (!room || roomState !== room.getLiveTimeline().getState(EventTimeline.FORWARDS)) return;
      if (isEncryptionEvent(event) || (typeOf(event) === SPACE_CHILD && isSpace(room))) this.touch(room, false);
    });

    client.on(RoomStateEvent.Members, (_event, roomState, member) => guarded('member change', () => {
      const room = client.getRoom(roomState.roomId);
      if (!this.ready || !room || roomState !== room.getLiveTimeline().getState(EventTimeline.FORWARDS)) return;
      onKnockMembership(this.state, room, member);
      memberChanged(this.state, room, member);
    }));

    client.on(RoomEvent.Receipt, (event, room) => guarded('receipt', () => onReceipt(this.state, event, room)));
    client.on(RoomMemberEvent.Typing, (_event, member) => guarded('typing', () => onTyping(this.state, member)));
    client.on(RoomMemberEvent.PowerLevel, (_event, member) => guarded('power level', () => {
      const room = client.getRoom(member.roomId);
      if (this.ready && room) memberChanged(this.state, room, member);
    }));
    client.on(UserEvent.Presence, (event, user) => guarded('presence', () => onPresence(this.state, event, user)));
  }
}
