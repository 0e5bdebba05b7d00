/**
 * Older messages from the server (spec §Syncing: `GET /rooms/{roomId}/messages`,
 * `GET /rooms/{roomId}/context/{eventId}`) for scroll-back, and catch-up after being offline:
 * each connect starts with a fresh initial sync, and where a room's timeline there does not
 * reach back to the last event we saw, the gap is paged in from /messages.
 */
import { ProtocolError, type ConnectionContext, type HistoryPage, type HistoryRequest, type IncomingMessage } from '../api/index.js';
import { Direction, Method, type IRoomEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { relationOf } from './content.js';
import { EV, REL, typeOf } from './names.js';
import { toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';
import { messageOf } from './timeline.js';

/** How far catch-up pages back per room before giving up on closing a gap. */
const CATCH_UP_MAX_PAGES = 20;
const PAGE_SIZE = 100;

async function tokenBefore(state: AccountState, room: Room, before: NonNullable<HistoryRequest['before']>): Promise<string | undefined> {
  let eventId = before.networkId;
  if (eventId === undefined) {
    // §Room timestamp_to_event (v1.6): the event at or before the time.
    eventId = (await state.client.timestampToEvent(room.roomId, before.timestamp, Direction.Backward)).event_id;
  }
  const path = `/rooms/${encodeURIComponent(room.roomId)}/context/${encodeURIComponent(eventId)}`;
  const context = await state.client.http.authedRequest<{ start?: string }>(Method.Get, path, { limit: '0' });
  return context.start;
}

/** Map raw events (newest first, as /messages dir=b gives them) to MatrixEvents, decrypted where possible. */
async function mapEvents(state: AccountState, raw: readonly IRoomEvent[]): Promise<MatrixEvent[]> {
  const mapper = state.client.getEventMapper();
  const events = raw.map((event) => mapper(event));
  await Promise.all(events.map((event) => state.client.decryptEventIfNeeded(event).catch(() => undefined)));
  return events;
}

/** A history entry: a message, with its latest bundled edit applied (§Server-side aggregation of m.replace). */
function historyMessage(state: AccountState, room: Room, event: MatrixEvent): IncomingMessage | undefined {
  if (event.isRedacted() || typeOf(event) === EV.redaction) return undefined;
  if (relationOf(event.getContent())?.relType === REL.replace) return undefined;
  const message = messageOf(state, room, event);
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
    const from = request.before ? await tokenBefore(state, room, request.before) : undefined;
    if (request.before && from === undefined) return { messages: [], complete: true };
    const page = await withRetry(() => state.client.createMessagesRequest(room.roomId, from ?? null, limit, Direction.Backward), state.isStopped);
    const events = await mapEvents(state, page.chunk);
    const messages = events.map((event) => historyMessage(state, room, event)).filter((m): m is IncomingMessage => m !== undefined).reverse();
    return { messages, complete: page.end === undefined || page.chunk.length === 0 };
  } catch (error: unknown) {
    throw toProtocolError(error, 'load older messages');
  }
}

interface Seen {
  readonly id: string;
  readonly ts: number;
}

const SEEN_KEY = 'lastSeen';

/** The newest event seen per room, kept in plugin storage for catch-up after a restart. */
export class SeenTracker {
  private seen: Record<string, Seen> = {};
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: ConnectionContext) {}

  async load(): Promise<void> {
    const value = await this.context.storage.get(SEEN_KEY);
    if (typeof value === 'object' && value !== null) this.seen = value as Record<string, Seen>;
  }

  get(roomId: string): Seen | undefined {
    return this.seen[roomId];
  }

  note(roomId: string, id: string, ts: number): void {
    const current = this.seen[roomId];
    if (current && current.ts > ts) return;
    this.seen[roomId] = { id, ts };
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

/**
 * After the first sync: for each joined room whose synced timeline does not reach back to
 * the last event seen before, page back from the timeline's start until it does, and hand
 * the missed events, oldest first, to `deliver`.
 */
export async function catchUp(state: AccountState, seen: SeenTracker, room: Room, deliver: (event: MatrixEvent) => void): Promise<void> {
  const last = seen.get(room.roomId);
  if (!last) return;
  const timeline = room.getLiveTimeline();
  const live = timeline.getEvents();
  if (live.some((event) => event.getId() === last.id)) return;
  if ((live[0]?.getTs() ?? 0) <= last.ts) return;
  let from = timeline.getPaginationToken(Direction.Backward);
  const missed: MatrixEvent[] = [];
  for (let page = 0; page < CATCH_UP_MAX_PAGES && from; page++) {
    const answer = await withRetry(() => state.client.createMessagesRequest(room.roomId, from ?? null, PAGE_SIZE, Direction.Backward), state.isStopped);
    const events = await mapEvents(state, answer.chunk);
    const reached = events.findIndex((event) => event.getId() === last.id || event.getTs() < last.ts);
    missed.push(...(reached >= 0 ? events.slice(0, reached) : events));
    if (reached >= 0 || answer.chunk.length === 0) break;
    from = answer.end ?? null;
  }
  for (const event of missed.reverse()) deliver(event);
}
