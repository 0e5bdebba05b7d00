/**
 * Desktop notifications, as Pidgin's and Element's: one for a message in a direct
 * conversation, or in a room when it names the user, unless the user is looking at that
 * conversation. Only what arrives live is announced (never history or catch-up pages),
 * and only as plain text: the OS shows the body as it is, so controls and bidi overrides
 * are taken out and it is cut short.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';

/** The user's choice and what the platform allows. */
export type NotificationSetting = 'off' | 'on' | 'blocked' | 'unsupported';

export interface NotificationsState {
  readonly setting: NotificationSetting;
}

export function createNotificationsStore(): StoreApi<NotificationsState> {
  return createStore<NotificationsState>()(() => ({ setting: 'off' }));
}

/** One notification to show. */
export interface NotificationPlan {
  readonly conversationId: number;
  readonly title: string;
  readonly body: string;
  /** One per conversation: a newer message replaces the older notification. */
  readonly tag: string;
}

export interface NotificationContext {
  readonly conversation: ConversationView | undefined;
  /** What the user is called there (own id, its local part, own nick in the room). */
  readonly selfNames: readonly string[];
  /** The window has the focus and this conversation is the open tab. */
  readonly watching: boolean;
}

const BODY_LIMIT = 200;
// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and other invisible format characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is taken out
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

function plain(text: string, limit: number): string {
  const clean = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

/** The names the user goes by on an account: its id and the id's local part (alice@x, @alice:x, alice). */
export function selfNames(selfId: string | undefined, roomNick?: string): string[] {
  const names = new Set<string>();
  for (const name of [selfId, selfId?.replace(/^@/, '').split(/[@:/]/)[0], roomNick]) {
    if (name !== undefined && name.trim().length >= 2) names.add(name.trim());
  }
  return [...names];
}

/** The text names one of them as a word of its own ("alice:", "@alice", "hi alice!", not "malice"). */
export function mentions(text: string, names: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return names.some((name) => {
    const wanted = name.toLowerCase();
    for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
      const before = lower.charAt(at - 1);
      const after = lower.charAt(at + wanted.length);
      if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
    }
    return false;
  });
}

function messageText(message: MessageView): string {
  if (message.undecryptable === true) return 'Encrypted message';
  const files = (message.attachments ?? []).map((file) => file.name);
  const body = message.body.trim() !== '' ? message.body : files.length > 0 ? `sent ${files.join(', ')}` : '';
  return message.kind === 'action' ? `* ${message.senderName} ${body}` : body;
}

/** The notification a message that just arrived deserves, or undefined. */
export function notificationFor(message: MessageView, context: NotificationContext): NotificationPlan | undefined {
  const { conversation } = context;
  if (!conversation || context.watching) return undefined;
  if (message.direction !== 'in' || message.deleted === true || (message.kind !== 'text' && message.kind !== 'action')) return undefined;
  const text = messageText(message);
  if (text === '') return undefined;
  if (conversation.kind === 'room' && !mentions(message.body, context.selfNames)) return undefined;
  const sender = plain(message.senderName, 64) || 'Someone';
  const title = conversation.kind === 'room' ? `${sender} in ${plain(conversation.title, 64)}` : sender;
  return { conversationId: conversation.id, title, body: plain(text, BODY_LIMIT), tag: `switchboard-${conversation.id}` };
}
