/** Who is typing where. A message from someone ends their typing notice. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageView } from '../../electron/bridge/schemas.js';

export type TypingState = { readonly byConversation: ReadonlyMap<number, ReadonlyMap<string, 'active' | 'paused'>> };

export type TypingEvent =
  | { readonly type: 'typing'; readonly payload: { readonly conversationId: number; readonly participantId: string; readonly state: 'active' | 'paused' | 'done' } }
  | { readonly type: 'message.added'; readonly payload: { readonly message: MessageView } }
  | { readonly type: 'conversation.removed'; readonly payload: { readonly conversationId: number } };

export function createTypingStore(): StoreApi<TypingState> {
  return createStore<TypingState>()(() => ({ byConversation: new Map() }));
}

export function applyTypingEvents(state: TypingState, events: readonly TypingEvent[]): TypingState {
  const byConversation = new Map(state.byConversation);
  const copied = new Map<number, Map<string, 'active' | 'paused'>>();
  let changed = false;
  const room = (id: number): Map<string, 'active' | 'paused'> => {
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
        } else room(conversationId).set(participantId, typingState);
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
