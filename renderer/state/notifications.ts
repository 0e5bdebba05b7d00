/**
 * Desktop notifications, as Pidgin's and Element's: what one says for a message the rules
 * let through (notifyDecision.ts), unless the user is looking at that conversation. Only
 * what arrives live is announced (never history or catch-up pages), and only as plain
 * text: the OS shows the body as it is, so controls and bidi overrides are taken out and
 * it is cut short.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { notable } from './notifyDecision.js';
import { i18n } from '../i18n/index.js';

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

function messageText(message: MessageView): string {
  if (message.undecryptable === true) return i18n.t('notificationText.encrypted');
  const files = (message.attachments ?? []).map((file) => file.name);
  const body = message.body.trim() !== '' ? message.body : files.length > 0 ? i18n.t('announce.sentFiles', { files: files.join(', ') }) : '';
  return message.kind === 'action' ? `* ${message.senderName} ${body}` : body;
}

/** The notification for a message the rules let through (notifyDecision.ts), or undefined. */
export function notificationFor(message: MessageView, context: NotificationContext): NotificationPlan | undefined {
  const { conversation } = context;
  if (!conversation || context.watching || !notable(message)) return undefined;
  const text = messageText(message);
  if (text === '') return undefined;
  const sender = plain(message.senderName, 64) || i18n.t('notificationText.someone');
  const title = conversation.kind === 'room' ? i18n.t('notificationText.inRoom', { sender, room: plain(conversation.title, 64) }) : sender;
  return { conversationId: conversation.id, title, body: plain(text, BODY_LIMIT), tag: `switchboard-${conversation.id}` };
}
