/**
 * Older messages from the server (spec §Syncing: `GET /rooms/{roomId}/messages`,
 * `GET /rooms/{roomId}/context/{eventId}`) for scroll-back, and catch-up after being offline:
 * each connect starts with a fresh initial sync, and wherever a room's synced timeline starts
 * after the last event we saw (first sync, a room appearing later, a `limited` sync after a
 * long outage), the gap is paged in from /messages (see wiring.ts).
 */
import { ProtocolError, type ConnectionContext, type HistoryPage, type HistoryRequest, type IncomingMessage } from '../api/index.js';
import { Direction, Method, type IRoomEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { relationOf } from './content.js';
import { EV, REL, typeOf } from './names.js';
import { toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';
import { messageOf } from './timeline.js';
import { predecessorOf } from './upgrades.js';
import { carriesTrust, senderTrustOf } from './trust.js';

/** How far catch-up pages back per room before giving up on closing a gap. */
const CATCH_UP_MAX_PAGES = 20;
const PAGE_SIZE = 100;
/** The most events one catch-up delivers. */
export const CATCH_UP_EVENTS = CATCH_UP_MAX_PAGES * PAGE_SIZE;
/** /messages requests one fetchHistory may make to fill its page. */
const HISTORY_MAX_PAGES = 5;

async function tokenBefore(state: AccountState, roomId: string, before: NonNullable<HistoryRequest['before']>): Promise<string | undefined> {
  let eventId = before.networkId;
  if (eventId === undefined) {
    // §Room timestamp_to_event (v1.6): the event at or before the time.
    eventId = (await state.client.timestampToEvent(roomId, before.timestamp, Direction.Backward)).event_id;
  }
  const path = `/rooms/${encodeURIComponent(roomId)}/context/${encodeURIComponent(eventId)}`;
  const context = await state.client.http.authedRequest<{ start?: string }>(Method.Get, path, { limit: '0' });
  return context.start;
}

/** How many rooms back a conversation's history follows room upgrades. */
const MAX_PREDECESSORS = 5;

/**
 * The room and the rooms it replaced, newest first (§Room Upgrades: `predecessor` in
 * m.room.create): one conversation's history, as the user scrolls back past an upgrade.
 */
function historyChain(state: AccountState, room: Room): string[] {
  const chain = [room.roomId];
  let current: Room | null = room;
  while (current && chain.length <= MAX_PREDECESSORS) {
    const predecessor = predecessorOf(current);
    if (predecessor === undefined || chain.includes(predecessor)) break;
    chain.push(predecessor);
    current = state.client.getRoom(predecessor);
  }
  return chain;
}

/** Where paging before `before` starts: the room of the chain that has that event, and the token before it. */
async function startOf(state: AccountState, chain: readonly string[], before: HistoryRequest['before']): Promise<{ index: number; from: string | undefined } | undefined> {
  if (!before) return { index: 0, from: undefined };
  for (let index = 0; index < chain.length; index++) {
    const roomId = chain[index] ?? '';
    // An event id of another room of the chain is unknown here (404): try the next one.
    const from = await tokenBefore(state, roomId, before).catch((error: unknown) => {
      if (index === chain.length - 1 || before.networkId === undefined) throw error;
      return undefined;
    });
    if (from !== undefined) return { index, from };
  }
  return undefined;
}

/** Map raw events (newest first, as /messages dir=b gives them) to MatrixEvents, decrypted where possible. */
async function mapEvents(state: AccountState, raw: readonly IRoomEvent[]): Promise<MatrixEvent[]> {
  const mapper = state.client.getEventMapper();
  const events = raw.map((event) => mapper(event));
  await Promise.all(events.map((event) => state.client.decryptEventIfNeeded(event).catch(() => undefined)));
  return events;
}

/** A history entry: a message, with its latest bundled edit applied (§Server-side aggregation of m.replace). */
async function historyMessage(state: AccountState, room: Room, event: MatrixEvent): Promise<IncomingMessage | undefined> {
  if (event.isRedacted() || typeOf(event) === EV.redaction) return undefined;
  if (relationOf(event.getContent())?.relType === REL.replace) return undefined;
  const message = messageOf(state, room, event, carriesTrust(event) ? await senderTrustOf(state, room, event) : undefined);
  if (!message) return undefined;
  const replacement = (event.getUnsigned()['m.relations'] as Record<string, { content?: { 'm.new_content'?: { body?: unknown } } } | undefined> | undefined)?.[REL.replace];
  const edited = replacement?.content?.['m.new_content']?.body;
  return typeof edited === 'string' ? { ...message, body: edited } : message;
}

export async function fetchHistory(state: AccountState, request: HistoryRequest): Promise<HistoryPage> {
  const room = state.directory.roomFor(request.conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${request.conversationId}.`);
  const limit = Math.max(1, Math.min(request.limit, 500));
  try {
    const chain = historyChain(state, room);
    const start = await startOf(state, chain, request.before);
    if (!start) return { messages: [], complete: true };
    let { index, from } = start;
    // Newest first; state events and relations are skipped, so page on until `limit` messages.
    const newestFirst: IncomingMessage[] = [];
    let complete = false;
    for (let page = 0; page < HISTORY_MAX_PAGES && newestFirst.length < limit && !complete; page++) {
      const roomId = chain[index] ?? room.roomId;
      const pageFrom = from;
      const answer = await withRetry(() => state.client.createMessagesRequest(roomId, pageFrom ?? null, limit - newestFirst.length, Direction.Backward), state.isStopped);
      const events = await mapEvents(state, answer.chunk);
      const messages = await Promise.all(events.map((event) => historyMessage(state, room, event)));
      // A predecessor's messages belong to this conversation (§Room Upgrades).
      newestFirst.push(...messages.filter((m): m is IncomingMessage => m !== undefined).map((m) => ({ ...m, conversationId: request.conversationId })));
      complete = answer.end === undefined || answer.chunk.length === 0;
      from = answer.end;
      // The start of this room: go on in the room it replaced, from its newest event.
      if (complete && index + 1 < chain.length) {
        index++;
        from = undefined;
        complete = false;
      }
    }
    return { messages: newestFirst.reverse(), complete };
  } catch (error: unknown) {
    throw toProtocolError(error, 'load older messages');
  }
}

export interface Seen {
  readonly id: string;
  readonly ts: number;
}

const SEEN_KEY = 'lastSeen';

/** The newest event seen per room, kept in plugin storage for catch-up after a restart. */
export class SeenTracker {
  private seen: Record<string, Seen> = {};
  /** As loaded at connect, before this session's sync moved anything on. */
  private previous: Readonly<Record<string, Seen>> = {};
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: ConnectionContext) {}

  async load(): Promise<void> {
    const value = await this.context.storage.get(SEEN_KEY);
    if (typeof value === 'object' && value !== null) this.seen = { ...(value as Record<string, Seen>) };
    this.previous = { ...this.seen };
  }

  /** The newest event seen in a room before this connection started syncing. */
  seenBefore(roomId: string): Seen | undefined {
    return this.previous[roomId];
  }

  /** The newest event seen in a room so far. */
  get(roomId: string): Seen | undefined {
    return this.seen[roomId];
  }

  /**
   * The newest event of a room's live timeline, in the order sync delivers them (not by
   * origin_server_ts, which a skewed clock sets as it likes); caught-up events are not noted.
   */
  note(roomId: string, id: string, ts: number): void {
    // The SDK passes on origin_server_ts as sent: an object could throw when compared or stored.
    this.seen[roomId] = { id, ts: typeof ts === 'number' && Number.isFinite(ts) ? ts : 0 };
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, 1_000);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    await this.context.storage.set(SEEN_KEY, this.seen).catch((error: unknown) => this.context.log.warn(`Could not save the sync position: ${String(error)}`));
  }
}

/** What a catch-up found: the missed events, oldest first, and whether it reached `last`. */
export interface CatchUp {
  readonly events: MatrixEvent[];
  /** False when it stopped before meeting `last`: a gap is left, with {@link reason}. */
  readonly closed: boolean;
  readonly reason?: string;
}

/**
 * The events between `last` (the newest event seen before a gap) and the point `from`
 * (a pagination token where the synced timeline starts, or a sync token), oldest first.
 * The walk follows the server's pagination tokens and stops only at `last` itself: never at
 * an origin_server_ts, which a federated server with a skewed clock or a bridge backfilling
 * old messages sets as it likes (§Syncing, §Room events: origin_server_ts is the sender's
 * server's claim). Pages back at most {@link CATCH_UP_MAX_PAGES} times; a page that fails
 * ends the walk with what was found so far.
 */
export async function missedEvents(state: AccountState, room: Room, last: Seen, from: string | null): Promise<CatchUp> {
  const missed: MatrixEvent[] = [];
  let token = from;
  try {
    for (let page = 0; page < CATCH_UP_MAX_PAGES && token; page++) {
      const pageFrom = token;
      const answer = await withRetry(() => state.client.createMessagesRequest(room.roomId, pageFrom, PAGE_SIZE, Direction.Backward), state.isStopped);
      const events = await mapEvents(state, answer.chunk);
      const reached = events.findIndex((event) => event.getId() === last.id);
      missed.push(...(reached >= 0 ? events.slice(0, reached) : events));
      // The start of the room: nothing older to miss.
      if (reached >= 0 || answer.chunk.length === 0 || answer.end === undefined) return { events: missed.reverse(), closed: true };
      token = answer.end;
    }
    return { events: missed.reverse(), closed: false, reason: `Catch-up stopped after ${CATCH_UP_EVENTS} events.` };
  } catch (error: unknown) {
    return { events: missed.reverse(), closed: false, reason: `Catch-up failed: ${toProtocolError(error, 'load the missed messages').message}` };
  }
}
