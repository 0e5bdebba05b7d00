/**
 * For unit tests: an account state around a real matrix-js-sdk client that is never started
 * (no request is made), with one real room, so the plugin's own handlers run on real
 * MatrixEvents without a homeserver.
 */
import { createClient, MatrixEvent, Room, type IEvent } from 'matrix-js-sdk';
import type { ConnectionContext, ProtocolEvent } from '../api/index.js';
import { Directory } from './directory.js';
import { ReactionTracker } from './reactions.js';
import type { MatrixSettings } from './settings.js';
import type { AccountState } from './state.js';
import type { TimelineDeps } from './timeline.js';

export const SELF = '@alice:localhost';
export const ROOM_ID = '!room:localhost';

export interface OfflineAccount {
  readonly state: AccountState;
  readonly deps: TimelineDeps;
  readonly room: Room;
  /** What the handlers emitted, in order (clear it between steps). */
  readonly emitted: ProtocolEvent[];
  readonly stop: () => void;
}

/** An m.room.message from @bob, as sync delivers it; `extra` overrides top-level fields. */
export function messageEvent(content: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'm.room.message', event_id: '$m1', sender: '@bob:localhost', origin_server_ts: 1_700_000_000_000, room_id: ROOM_ID,
    unsigned: { age: 5 }, content, ...extra,
  };
}

/** The account, its room holding `seeded` events (for replies and edits to point at). */
export async function offlineAccount(seeded: readonly Record<string, unknown>[] = []): Promise<OfflineAccount> {
  const client = createClient({ baseUrl: 'http://127.0.0.1:9', userId: SELF, accessToken: 'not-used', deviceId: 'TEST' });
  const room = new Room(ROOM_ID, client, SELF);
  await room.addLiveEvents(seeded.map((raw) => new MatrixEvent(raw as Partial<IEvent>)), { addToState: false });
  client.store.storeRoom(room);
  const emitted: ProtocolEvent[] = [];
  const ignore = (): void => undefined;
  const context = { accountId: 'test', settings: {}, emit: ignore, log: { debug: ignore, info: ignore, warn: ignore, error: ignore } } as unknown as ConnectionContext;
  const state: AccountState = {
    context, settings: { userId: SELF, acceptDirectInvites: false } as MatrixSettings,
    session: { homeserver: 'http://127.0.0.1:9', userId: SELF, deviceId: 'TEST', accessToken: 'not-used', fromSettings: true },
    client, selfId: SELF, directory: new Directory(client, SELF), announced: new Map(), createdEncrypted: new Set(), requests: new Map(),
    emit: (event) => emitted.push(event), isStopped: () => false,
    guard: async (_what, work) => work(),
  };
  const deps: TimelineDeps = { reactions: new ReactionTracker(), noteSeen: ignore, touch: ignore };
  return { state, deps, room, emitted, stop: () => client.stopClient() };
}
