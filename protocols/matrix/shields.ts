/**
 * The shields of messages already shown follow trust changes: when a user is verified (a
 * device by SAS, or their identity, which then covers every device it signed) or their
 * identity changes, the trust of their recent messages in encrypted rooms is worked out
 * again and reported (`message.trust`, API 0.6); the core changes only what differs.
 */
import type { MatrixEvent, Room } from 'matrix-js-sdk';
import { membershipOf } from './names.js';
import type { AccountState } from './state.js';
import { carriesTrust, senderTrustOf } from './trust.js';

/** How far back in each room's live timeline: what the user is likely to have on screen. */
const RECENT_EVENTS = 200;

function recentFrom(room: Room, userId: string): MatrixEvent[] {
  const events = room.getLiveTimeline().getEvents();
  return events.slice(-RECENT_EVENTS).filter((event) => event.getSender() === userId && carriesTrust(event) && !event.isDecryptionFailure());
}

/** Report the current trust of `userId`'s recent messages in every encrypted room we share. */
export async function refreshShields(state: AccountState, userId: string): Promise<void> {
  for (const room of state.client.getRooms()) {
    // Only rooms we share with them: trust changes come for every user whose keys are fetched.
    if (membershipOf(room) !== 'join' || !room.hasEncryptionStateEvent() || !room.getMember(userId)) continue;
    const conversationId = state.directory.conversationIdOf(room.roomId);
    for (const event of recentFrom(room, userId)) {
      const targetNetworkId = event.getId();
      const senderTrust = await senderTrustOf(state, room, event);
      if (targetNetworkId === undefined || senderTrust === undefined) continue;
      state.emit({ type: 'message.trust', conversationId, targetNetworkId, senderId: userId, senderTrust });
    }
  }
}
