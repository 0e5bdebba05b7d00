/**
 * Starting the sync loop (spec §Syncing: a filter with lazy-loaded members, §Lazy-loading
 * room members) and following its health afterwards.
 */
import { randomUUID } from 'node:crypto';
import { ProtocolError } from '../api/index.js';
import { ClientEvent, Filter, PendingEventOrdering, type SyncState, type SyncStateData } from 'matrix-js-sdk';
import { membershipOf } from './names.js';
import { toProtocolError } from './errors.js';
import type { Seen, SeenTracker } from './history.js';
import { onInvite } from './invites.js';
import { announceConversation, announceMembers } from './rooms.js';
import type { AccountState } from './state.js';
import type { EventRouter } from './wiring.js';

/** Events per room in the first sync; older ones come from /messages when needed. */
const TIMELINE_LIMIT = 50;
/** How long the first sync may take before connect gives up. */
const FIRST_SYNC_TIMEOUT_MS = 90_000;

/**
 * The sync filter. Synapse answers a repeated initial sync from a cache for a while (two
 * minutes by default, keyed by the request including the filter), so a restart could start
 * from a picture older than what the last session already saw (rooms missing until the next
 * sync): a per-connection nonce in `not_types` makes each first sync fresh.
 */
function syncFilter(userId: string): Filter {
  const filter = new Filter(userId);
  filter.setDefinition({
    room: {
      timeline: { limit: TIMELINE_LIMIT, lazy_load_members: true, not_types: [`org.switchboard.nonce.${randomUUID()}`] },
      state: { lazy_load_members: true },
    },
  });
  return filter;
}

function firstSync(state: AccountState): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      state.client.off(ClientEvent.Sync, listener);
      reject(new ProtocolError('network', 'The homeserver did not answer the first sync in time.'));
    }, FIRST_SYNC_TIMEOUT_MS);
    const listener = (syncState: SyncState, _previous: SyncState | null, data?: SyncStateData): void => {
      const phase: string = syncState;
      if (phase === 'PREPARED' || phase === 'SYNCING') {
        clearTimeout(timer);
        state.client.off(ClientEvent.Sync, listener);
        resolve();
      } else if (phase === 'ERROR') {
        clearTimeout(timer);
        state.client.off(ClientEvent.Sync, listener);
        reject(toProtocolError(data?.error, 'sync with the homeserver'));
      }
    };
    state.client.on(ClientEvent.Sync, listener);
  });
}

/** After the first sync: announce every room, raise pending invites, close gaps since last time. */
async function announceAll(state: AccountState, router: EventRouter, seen: SeenTracker): Promise<void> {
  state.directory.refresh();
  const rooms = state.client.getRooms();
  for (const room of rooms) {
    await state.guard(`room ${room.roomId}`, async () => {
      if (membershipOf(room) === 'join') {
        announceConversation(state, room);
        await announceMembers(state, room);
      }
    });
  }
  router.markReady();
  for (const room of rooms) {
    if (membershipOf(room) === 'invite') await state.guard(`invite to ${room.roomId}`, () => onInvite(state, room));
  }
  for (const room of rooms) {
    if (membershipOf(room) === 'join') router.catchUp(room, seen.seenBefore(room.roomId), router.firstToken(room));
  }
  router.release();
  await router.drained();
}

/** Start syncing; resolves once the first sync is processed and everything announced. */
export async function startSyncing(state: AccountState, router: EventRouter, seen: SeenTracker): Promise<void> {
  const first = firstSync(state);
  await state.client.startClient({
    filter: syncFilter(state.selfId),
    lazyLoadMembers: true,
    initialSyncLimit: TIMELINE_LIMIT,
    pendingEventOrdering: PendingEventOrdering.Chronological,
    threadSupport: false,
  });
  await first;
  await announceAll(state, router, seen);
  followSyncHealth(state, router, seen);
}

/**
 * Later sync trouble: the SDK retries by itself; tell the core while it does. Once syncing
 * again, page back in every room to what was seen before the trouble: the SDK resets a
 * room's timeline on a `limited` sync (wiring.ts closes that gap) only when none of the
 * sync's events is known, and our own messages sent during the outage are known, so the
 * other side's messages before them were skipped (the server-kill fault test lost 31).
 */
function followSyncHealth(state: AccountState, router: EventRouter, seen: SeenTracker): void {
  let before: Map<string, Seen> | undefined;
  state.client.on(ClientEvent.Sync, (syncState, _previous, data) => {
    const phase: string = syncState;
    if (phase === 'ERROR' || phase === 'RECONNECTING') {
      if (before) return;
      before = new Map();
      for (const room of state.client.getRooms()) {
        const last = seen.get(room.roomId);
        if (last && membershipOf(room) === 'join') before.set(room.roomId, last);
      }
      const error = toProtocolError(data?.error ?? new Error('sync failed'), 'sync with the homeserver');
      state.emit({ type: 'connection.state', state: 'reconnecting', error: error.toData() });
    } else if (phase === 'SYNCING' && before) {
      const gaps = before;
      before = undefined;
      state.emit({ type: 'connection.state', state: 'online', selfId: state.selfId });
      for (const [roomId, last] of gaps) {
        const room = state.client.getRoom(roomId);
        if (room) router.catchUp(room, last, data?.nextSyncToken ?? null, true);
      }
    }
  });
}
