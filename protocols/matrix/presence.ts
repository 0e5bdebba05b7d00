/** Presence (spec §Presence): contacts' presence in, the user's own out, where the server enables it. */
import { ProtocolError, type OwnPresence, type Presence, type PresenceStatus } from '../api/index.js';
import { SetPresence, type MatrixEvent, type User } from 'matrix-js-sdk';
import { toProtocolError } from './errors.js';
import type { AccountState } from './state.js';

/** §Presence: `online`, `unavailable` (away) and `offline`. */
export function presenceOf(presence: string | undefined, statusMessage: string | undefined): Presence {
  const status: PresenceStatus = presence === 'online' ? 'available' : presence === 'unavailable' ? 'away' : presence === 'offline' ? 'offline' : 'unknown';
  return { status, ...(statusMessage ? { message: statusMessage } : {}) };
}

export function presenceOfUser(state: AccountState, userId: string): Presence {
  const user = state.client.getUser(userId);
  if (!user?.presence || user.lastPresenceTs === 0) return { status: 'unknown' };
  return presenceOf(user.presence, user.presenceStatusMsg);
}

/** UserEvent.Presence: tell the core about contacts (DM partners) only. */
export function onPresence(state: AccountState, _event: MatrixEvent | undefined, user: User): void {
  if (user.userId === state.selfId) return;
  if (!state.announced.has(user.userId)) return;
  state.emit({ type: 'presence.changed', contactId: user.userId, presence: presenceOf(user.presence, user.presenceStatusMsg) });
}

/**
 * §Presence has three states: online, unavailable (away, extended away, busy: busy without a
 * message says "Busy" in status_msg so that it reads differently from away) and offline,
 * which a syncing client may set to appear offline (invisible) while still receiving.
 */
export async function setPresence(state: AccountState, presence: OwnPresence): Promise<void> {
  const value = presence.status === 'available' || presence.status === 'chat' ? 'online'
    : presence.status === 'offline' || presence.status === 'invisible' ? 'offline' : 'unavailable';
  const message = presence.message ?? (presence.status === 'busy' ? 'Busy' : undefined);
  try {
    // Every /sync also sets presence (`set_presence`, default online): keep it at the chosen value.
    await state.client.setSyncPresence(value === 'online' ? SetPresence.Online : value === 'offline' ? SetPresence.Offline : SetPresence.Unavailable);
    await state.client.setPresence({ presence: value, ...(message !== undefined ? { status_msg: message } : {}) });
  } catch (error: unknown) {
    const failure = toProtocolError(error, 'set your presence');
    if (failure.kind === 'protocol') throw new ProtocolError('not-supported', 'This homeserver does not offer presence.');
    throw failure;
  }
}

/** How long leaving waits for the homeserver to take the offline presence. */
const OFFLINE_PRESENCE_WAIT_MS = 2000;

/**
 * The user leaves (Offline, closing the app): say so (§Presence `offline`) rather than let
 * the homeserver notice the missing /sync after its timeout (Synapse: 30 s). Best effort:
 * leaving never waits long or fails on it.
 */
export async function appearOffline(state: AccountState): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    state.client.setPresence({ presence: 'offline' }).catch(() => undefined),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, OFFLINE_PRESENCE_WAIT_MS); }),
  ]);
  clearTimeout(timer);
}
