/** Turns stored conversations into what the UI sees and announces their changes. */
import type { Capabilities } from '../../../protocols/api/index.js';
import type { ConversationView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import { toConversationView, type ConversationsRepository, type StoredConversation } from '../store/conversationsRepository.js';

export class ConversationViews {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly events: EventBatcher,
    private readonly capabilitiesOf: (accountId: string) => Capabilities | undefined,
  ) {}

  view(conversation: StoredConversation): ConversationView {
    return toConversationView(conversation, this.capabilitiesOf(conversation.accountId));
  }

  /** Emits `conversation.changed` with the conversation as stored now. */
  changed(conversationId: number): void {
    const conversation = this.conversations.get(conversationId);
    if (conversation) this.events.emit({ type: 'conversation.changed', payload: { conversation: this.view(conversation) } });
  }
}
