/**
 * A bound on what matrix-js-sdk keeps of each room. With `timelineSupport` the SDK appends
 * every synced event to the room's live timeline and never lets go of one: about 3.3 KB per
 * message (the soak's Matrix worker grew 37.9 → 85.0 MiB in 10 minutes). We keep each
 * room's newest {@link LIVE_TIMELINE_EVENTS} and drop the older ones after each sync batch,
 * with what the SDK files under them (its event-id index and its relation aggregations).
 *
 * Nothing of ours needs an event once it has been handed to the core: the core stores the
 * message (a reply's excerpt comes from its store), edits and redactions name their target
 * by id, a reaction's sender set lives in reactions.ts, scroll-back and catch-up go to the
 * server (history.ts), an edit or read receipt that needs an old event's content fetches it
 * (eventLookup.ts), and an event waiting for its room key is held by the crypto module
 * until the key comes (MatrixEventEvent.Decrypted reaches wiring.ts either way).
 *
 * The live timeline's back-pagination token stays where the synced timeline started: the
 * catch-up pages back from there to the last event seen before this connection (wiring.ts
 * `firstToken`); we never page the SDK's timeline itself back.
 */
import { ClientEvent, RoomEvent, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { isLocalEcho } from './timeline.js';

/**
 * Events kept per room: more than shields.ts looks back at (200) and than a screen of
 * scroll-back, so that replies and edits of recent messages resolve without a request;
 * 500 × ~3.3 KB ≈ 1.6 MiB for each busy room at most.
 */
export const LIVE_TIMELINE_EVENTS = 500;

/**
 * The SDK's relation aggregations (room.relations), parent event id → its children.
 * RelationsContainer keeps this map private and has no way to forget a parent: it grows by
 * one entry per message that was ever edited or reacted to, and each entry holds the
 * parent and its children alive. Undefined if a later SDK stores it otherwise.
 */
function relationsOf(room: Room): Map<unknown, unknown> | undefined {
  const inner: unknown = Reflect.get(room.relations, 'relations');
  return inner instanceof Map ? inner : undefined;
}

/**
 * Drop the oldest events of the room's live timeline beyond `keep`. Local echoes (still
 * being sent) and the events `pinned` names stay. Returns how many were dropped.
 */
export function trimLiveTimeline(room: Room, keep: number, pinned: (eventId: string) => boolean): number {
  const events = room.getLiveTimeline().getEvents();
  const excess = events.length - keep;
  if (excess <= 0) return 0;
  const doomed: { id: string; event: MatrixEvent }[] = [];
  for (const event of events.slice(0, excess)) {
    const id: unknown = event.getId();
    if (typeof id === 'string' && !isLocalEcho(event) && !pinned(id)) doomed.push({ id, event });
  }
  // Each timeline set on its own, not room.removeEvent: that one also undoes a redaction's
  // local echo, which is right for a failed send and wrong for an old, delivered redaction.
  const sets = room.getTimelineSets();
  for (const { id } of doomed) for (const set of sets) set.removeEvent(id);
  const relations = relationsOf(room);
  if (relations) {
    for (const { id, event } of doomed) {
      relations.delete(id);
      // A child of a parent no longer in the timeline: nothing will come to drop its entry.
      const parent = event.relationEventId;
      if (parent !== undefined && !room.findEventById(parent)) relations.delete(parent);
    }
  }
  return doomed.length;
}

/**
 * Keep every room's live timeline within `keep` events from now on: the rooms that got live
 * events are trimmed once their sync batch is applied (ClientEvent.Sync).
 */
export function boundLiveTimelines(client: MatrixClient, keep: number, pinned: (room: Room, eventId: string) => boolean): void {
  const grown = new Map<string, Room>();
  client.on(RoomEvent.Timeline, (_event, room, toStartOfTimeline, removed) => {
    if (room && !removed && toStartOfTimeline !== true) grown.set(room.roomId, room);
  });
  client.on(ClientEvent.Sync, () => {
    for (const room of grown.values()) trimLiveTimeline(room, keep, (eventId) => pinned(room, eventId));
    grown.clear();
  });
}
