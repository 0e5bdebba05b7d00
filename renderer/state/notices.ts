/**
 * Lines the app itself writes into a conversation's log (the `/help` list): shown dimmed
 * among the messages by time, never sent, never stored by the core.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageView } from '../../electron/bridge/schemas.js';

export interface LocalNotice {
  readonly id: string;
  readonly conversationId: number;
  readonly lines: readonly string[];
  readonly timestamp: number;
}

export interface NoticesState {
  readonly byConversation: ReadonlyMap<number, readonly LocalNotice[]>;
}

export function createNoticesStore(): StoreApi<NoticesState> {
  return createStore<NoticesState>()(() => ({ byConversation: new Map() }));
}

export function addNotice(state: NoticesState, notice: LocalNotice): NoticesState {
  const byConversation = new Map(state.byConversation);
  byConversation.set(notice.conversationId, [...(state.byConversation.get(notice.conversationId) ?? []), notice]);
  return { byConversation };
}

export function dropNotices(state: NoticesState, conversationId: number): NoticesState {
  if (!state.byConversation.has(conversationId)) return state;
  const byConversation = new Map(state.byConversation);
  byConversation.delete(conversationId);
  return { byConversation };
}

export type LogEntry =
  | { readonly kind: 'message'; readonly message: MessageView }
  | { readonly kind: 'notice'; readonly notice: LocalNotice };

/** Messages (ascending) and notices interleaved by time; a notice goes after messages of the same time. */
export function interleave(messages: readonly MessageView[], notices: readonly LocalNotice[]): LogEntry[] {
  if (notices.length === 0) return messages.map((message) => ({ kind: 'message', message }));
  const entries: LogEntry[] = [];
  let next = 0;
  const sorted = [...notices].sort((a, b) => a.timestamp - b.timestamp);
  for (const message of messages) {
    for (let notice = sorted[next]; notice !== undefined && notice.timestamp < message.timestamp; notice = sorted[++next]) {
      entries.push({ kind: 'notice', notice });
    }
    entries.push({ kind: 'message', message });
  }
  for (const notice of sorted.slice(next)) entries.push({ kind: 'notice', notice });
  return entries;
}
