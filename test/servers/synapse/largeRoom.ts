/**
 * A public room with thousands of members on a test Synapse (issue 5, "bad input"). The
 * members are made with the admin API (a user without password, joined by the server):
 * Synapse writes one room's membership events one at a time, so what costs is each join;
 * registering every member by shared secret with a device and token, and joining over the
 * client API, took about twice as long per member (measured on 2 busy cores: 44 + 123 ms
 * against 20 + 62 ms).
 */
import type { RegisteredUser, RunningSynapse } from '../synapse.js';
import { createPublicRoom } from './fixtures.js';

export interface LargeRoom {
  readonly alias: string;
  readonly roomId: string;
  /** Joined members, the owner included. */
  readonly memberCount: number;
  /** How long making the members took, ms. */
  readonly setupMs: number;
}

/** Runs `work` over `items` with at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index] as T);
  });
  await Promise.all(runners);
}

/**
 * Create the public room `#name` owned by `admin` (a server admin), with `members` joined
 * members in all: the admin and `members - 1` users `@name-N`.
 */
export async function createLargeRoom(synapse: RunningSynapse, admin: RegisteredUser, name: string, members: number, concurrency = 8): Promise<LargeRoom> {
  const started = Date.now();
  const { alias, roomId } = await createPublicRoom(synapse, admin, name);
  const userIds = Array.from({ length: members - 1 }, (_, index) => `@${name}-${index}:${synapse.serverName}`);
  await eachLimited(userIds, concurrency, async (userId) => {
    await synapse.request('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, admin.accessToken, { displayname: userId.slice(1, userId.indexOf(':')) });
    await synapse.request('POST', `/_synapse/admin/v1/join/${encodeURIComponent(roomId)}`, admin.accessToken, { user_id: userId });
  });
  return { alias, roomId, memberCount: members, setupMs: Date.now() - started };
}
