/**
 * The number of unread messages the desktop shows outside the window: the title
 * `(N) Switchboard`, the dock or taskbar badge and the tray. One rule, in the store
 * (ConversationsRepository.unreadTotal: the conversations of the user's list), read again
 * after each batch of events that can change it, i.e. once the transaction that changed
 * it has committed.
 */
import type { BridgeEvent } from '../../bridge/contract.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';

export type UnreadListener = (total: number) => void;

/** Events after which a conversation's unread count or its place in the list may differ. */
function mayChangeUnread(event: BridgeEvent): boolean {
  return event.type === 'conversation.changed' || event.type === 'conversation.removed' || event.type === 'account.removed';
}

export class UnreadTotal {
  private total: number;
  private readonly listeners = new Set<UnreadListener>();
  private readonly unsubscribe: () => void;

  constructor(private readonly count: () => number, events: EventBatcher) {
    this.total = count();
    this.unsubscribe = events.subscribe((batch) => {
      if (batch.some(mayChangeUnread)) this.refresh();
    });
  }

  get(): number {
    return this.total;
  }

  onChange(listener: UnreadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private refresh(): void {
    const total = this.count();
    if (total === this.total) return;
    this.total = total;
    for (const listener of this.listeners) listener(total);
  }
}
