/**
 * The "New messages" line (Slack's and Element's read marker): when the user opens a
 * conversation with unread messages, or comes back to the window, or scrolls down to
 * messages that arrived while they were reading older ones, a line marks where the unread
 * ones begin. It stays while the conversation is shown and goes when another is chosen.
 * What counts as unread is the core's rule (incomingMessages.ts): received, not an event.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';

export interface ReadMarkers {
  /** Conversation → how many of its newest messages were unread when it was marked read. */
  readonly byConversation: ReadonlyMap<number, number>;
}

export const NO_READ_MARKERS: ReadMarkers = { byConversation: new Map() };

export function countsAsUnread(message: MessageView): boolean {
  return message.direction === 'in' && message.kind !== 'event';
}

/** The markers after `unread` more messages of the conversation were marked read; other conversations' lines go. */
export function withMarker(markers: ReadMarkers, conversationId: number, unread: number): ReadMarkers {
  const before = markers.byConversation.get(conversationId) ?? 0;
  if (unread <= 0 && markers.byConversation.size === (before > 0 ? 1 : 0)) return markers;
  return { byConversation: new Map(before + unread > 0 ? [[conversationId, before + unread]] : []) };
}

/** Only the conversation being shown keeps its line. */
export function keepOnly(markers: ReadMarkers, conversationId: number): ReadMarkers {
  const count = markers.byConversation.get(conversationId);
  if (markers.byConversation.size === 0 || (markers.byConversation.size === 1 && count !== undefined)) return markers;
  return { byConversation: new Map(count !== undefined ? [[conversationId, count]] : []) };
}

/**
 * Where the first unread message is among the loaded ones: its id, or 'older' when fewer
 * than `unread` unread messages are loaded (the line is above what is loaded), or
 * undefined when there is no line.
 */
export function firstUnread(items: readonly MessageView[], unread: number | undefined): number | 'older' | undefined {
  if (unread === undefined || unread <= 0) return undefined;
  let seen = 0;
  for (let index = items.length - 1; index >= 0; index--) {
    const message = items[index];
    if (message && countsAsUnread(message) && ++seen === unread) return message.id;
  }
  return 'older';
}
