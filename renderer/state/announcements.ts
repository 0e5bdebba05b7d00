/**
 * What the polite live region says: only messages that arrive in the open conversation
 * while it is open, never the history it opens with nor older pages loaded on scroll.
 * A conversation's messages are ordered by `order` (messages.ts), and what arrives live
 * comes after everything already there; so the region remembers the newest `order` it has
 * seen and announces only what lies beyond it, once the first page is in.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';
import type { ConversationMessages } from './messages.js';
import { i18n } from '../i18n/index.js';

export interface AnnouncerState {
  readonly conversationId: number;
  /** The newest order seen; undefined until the first page is loaded. */
  readonly newest: number | undefined;
  readonly text: string;
}

export function startAnnouncing(conversationId: number, entry: ConversationMessages): AnnouncerState {
  return { conversationId, newest: entry.loaded ? newestOrder(entry.items) : undefined, text: '' };
}

function newestOrder(items: readonly MessageView[]): number {
  return items.reduce((max, message) => Math.max(max, message.order), Number.NEGATIVE_INFINITY);
}

/** What a screen reader hears for one message: "bob: hello", "* bob waves". */
export function announcementOf(message: MessageView): string {
  if (message.kind === 'action') return `* ${message.senderName} ${message.body}`;
  const files = (message.attachments ?? []).map((file) => file.name).join(', ');
  return `${message.senderName}: ${message.body.trim() !== '' ? message.body : i18n.t('announce.sentFiles', { files })}`;
}

/** At most this many new messages are read out from one update (a flood is not read whole). */
const MAX_ANNOUNCED = 3;

/** The state after the conversation's messages changed; the same state when there is nothing new to say. */
export function nextAnnouncement(state: AnnouncerState, entry: ConversationMessages): AnnouncerState {
  if (!entry.loaded) return state;
  const newest = newestOrder(entry.items);
  if (state.newest === undefined) return { ...state, newest };
  if (newest <= state.newest) return state;
  const since = state.newest;
  const fresh = entry.items.filter((message) => message.order > since && message.direction === 'in'
    && message.deleted !== true && message.kind !== 'event');
  if (fresh.length === 0) return { ...state, newest };
  return { ...state, newest, text: fresh.slice(-MAX_ANNOUNCED).map(announcementOf).join('\n') };
}
