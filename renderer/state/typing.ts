/**
 * Who is typing where. A message from someone ends their typing notice, and so does
 * silence: a notice not refreshed within {@link TYPING_TTL_MS} expires (a peer that went
 * away mid-sentence never sends "done"; XEP-0085 and Matrix both time out notices too).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export const TYPING_TTL_MS = 30_000;

export interface TypingEntry {
  readonly state: 'active' | 'paused';
  /** When the last notice arrived (ms since the epoch). */
  readonly at: number;
}

export type TypingState = { readonly byConversation: ReadonlyMap<number, ReadonlyMap<string, TypingEntry>> };

export type TypingEvent =
  | { readonly type: 'typing'; readonly payload: { readonly conversationId: number; readonly participantId: string; readonly state: 'active' | 'paused' | 'done' } }
  | { readonly type: 'message.added'; readonly payload: { readonly message: MessageView } }
  | { readonly type: 'conversation.removed'; readonly payload: { readonly conversationId: number } };

export function createTypingStore(): StoreApi<TypingState> {
  return createStore<TypingState>()(() => ({ byConversation: new Map() }));
}

export function applyTypingEvents(state: TypingState, events: readonly TypingEvent[], now: number): TypingState {
  const byConversation = new Map(state.byConversation);
  const copied = new Map<number, Map<string, TypingEntry>>();
  let changed = false;
  const room = (id: number): Map<string, TypingEntry> => {
    let people = copied.get(id);
    if (!people) {
      people = new Map(byConversation.get(id));
      copied.set(id, people);
      byConversation.set(id, people);
    }
    return people;
  };
  for (const event of events) {
    switch (event.type) {
      case 'typing': {
        const { conversationId, participantId, state: typingState } = event.payload;
        if (typingState === 'done') {
          if (byConversation.get(conversationId)?.has(participantId)) room(conversationId).delete(participantId);
          else continue;
        } else room(conversationId).set(participantId, { state: typingState, at: now });
        changed = true;
        break;
      }
      case 'message.added': {
        const { conversationId, senderId, direction } = event.payload.message;
        if (direction === 'in' && byConversation.get(conversationId)?.has(senderId)) {
          room(conversationId).delete(senderId);
          changed = true;
        }
        break;
      }
      case 'conversation.removed':
        if (byConversation.delete(event.payload.conversationId)) changed = true;
        copied.delete(event.payload.conversationId);
        break;
    }
  }
  return changed ? { byConversation } : state;
}

/** Drops notices older than the time to live; the same state when none expired. */
export function expireTyping(state: TypingState, now: number, ttlMs = TYPING_TTL_MS): TypingState {
  let byConversation: Map<number, ReadonlyMap<string, TypingEntry>> | null = null;
  for (const [conversationId, people] of state.byConversation) {
    const stale = [...people].filter(([, entry]) => now - entry.at >= ttlMs);
    if (stale.length === 0) continue;
    byConversation ??= new Map(state.byConversation);
    const kept = new Map(people);
    for (const [id] of stale) kept.delete(id);
    byConversation.set(conversationId, kept);
  }
  return byConversation ? { byConversation } : state;
}

/** Who is actively typing, for the notice under the log. */
export function typingNames(people: ReadonlyMap<string, TypingEntry> | undefined, nameOf: (id: string) => string): string[] {
  return [...(people ?? new Map<string, TypingEntry>())].filter(([, entry]) => entry.state === 'active').map(([id]) => nameOf(id));
}

export function typingText(names: readonly string[]): string {
  if (names.length === 1) return i18n.t('typingText.one', { name: names[0] ?? '' });
  if (names.length === 2) return i18n.t('typingText.two', { first: names[0] ?? '', second: names[1] ?? '' });
  if (names.length > 2) return i18n.t('typingText.several');
  return '';
}

/** Expires notices while the window is open; returns the function that stops it. */
export function startTypingExpiry(
  store: StoreApi<TypingState>,
  clock: { readonly now: () => number; readonly every: (callback: () => void, ms: number) => () => void },
): () => void {
  return clock.every(() => {
    const before = store.getState();
    const after = expireTyping(before, clock.now());
    if (after !== before) store.setState(after);
  }, 1000);
}
