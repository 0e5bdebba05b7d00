/**
 * A conversation as the core knows it: its own type, not the UI's view of it. The view the
 * bridge sends (capabilities merged, storage-only fields left out) is made at the edge,
 * conversations/conversationViews.ts.
 */
import type { Capabilities } from '../../../protocols/api/index.js';

export interface Conversation {
  readonly id: number;
  readonly accountId: string;
  /** The network's id for the conversation (channel name, JID, room id). */
  readonly networkId: string;
  readonly kind: 'direct' | 'room';
  readonly title: string;
  readonly topic?: string;
  readonly joined: boolean;
  /** In the user's conversation list (a room joined, a chat open), tab or not; false once the user left it (a chat comes back when a message arrives). */
  readonly open: boolean;
  readonly unread: number;
  /** Time of the newest message, ms since the epoch (0 when empty). */
  readonly lastActivity: number;
  /** Where this conversation differs from its plugin's capabilities. */
  readonly capabilityOverrides?: Capabilities;
  readonly encrypted?: boolean;
  /** The groups the network puts it in (Matrix spaces), shown as buddy-list groups; absent when none. */
  readonly groups?: readonly string[];
  /** A group of rooms (a Matrix space), shown as the group named by its title, not as a chat. */
  readonly space?: boolean;
}
