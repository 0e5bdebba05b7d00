/**
 * Applies one event batch from the core to every store in a single pass: the events are
 * sorted into one run per store (keeping their order), and each store is set at most
 * once, so a batch of thousands of messages is one render, not thousands.
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { applyAccountEvents, type AccountEvent } from './accounts.js';
import { applyConversationEvents, type ConversationEvent } from './conversations.js';
import { applyMembersEvents, type MembersEvent } from './members.js';
import { applyMessageEvents, type MessageEvent } from './messages.js';
import type { Stores } from './stores.js';
import { applyTypingEvents, type TypingEvent } from './typing.js';

export interface SortedEvents {
  readonly accounts: AccountEvent[];
  readonly conversations: ConversationEvent[];
  readonly messages: MessageEvent[];
  readonly members: MembersEvent[];
  readonly typing: TypingEvent[];
}

export function sortEvents(events: readonly BridgeEvent[]): SortedEvents {
  const sorted: SortedEvents = { accounts: [], conversations: [], messages: [], members: [], typing: [] };
  for (const event of events) {
    switch (event.type) {
      case 'account.changed':
        sorted.accounts.push(event);
        break;
      case 'account.removed':
        sorted.accounts.push(event);
        sorted.conversations.push(event);
        break;
      case 'conversation.changed':
        sorted.conversations.push(event);
        break;
      case 'conversation.removed':
        sorted.conversations.push(event);
        sorted.messages.push(event);
        sorted.members.push(event);
        sorted.typing.push(event);
        break;
      case 'message.added':
        sorted.messages.push(event);
        sorted.typing.push(event);
        break;
      case 'message.updated':
        sorted.messages.push(event);
        break;
      case 'members.changed':
        sorted.members.push(event);
        break;
      case 'typing':
        sorted.typing.push(event);
        break;
      case 'server.notice':
        // Not shown yet: there is no server tab in this first cut.
        break;
    }
  }
  return sorted;
}

export function applyEventBatch(stores: Stores, events: readonly BridgeEvent[]): void {
  const sorted = sortEvents(events);
  if (sorted.accounts.length > 0) stores.accounts.setState(applyAccountEvents(stores.accounts.getState(), sorted.accounts));
  if (sorted.conversations.length > 0) {
    stores.conversations.setState(applyConversationEvents(stores.conversations.getState(), sorted.conversations));
  }
  if (sorted.messages.length > 0) stores.messages.setState(applyMessageEvents(stores.messages.getState(), sorted.messages));
  if (sorted.members.length > 0) stores.members.setState(applyMembersEvents(stores.members.getState(), sorted.members));
  if (sorted.typing.length > 0) {
    const before = stores.typing.getState();
    const after = applyTypingEvents(before, sorted.typing);
    if (after !== before) stores.typing.setState(after);
  }
}
