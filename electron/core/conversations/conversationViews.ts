/**
 * The bridge's edge for conversations: turns the core's conversations (model/
 * conversation.ts) into what the UI sees, and announces their changes.
 */
import type { Capabilities } from '../../../protocols/api/index.js';
import type { ConversationView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { Conversation } from '../model/conversation.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';

export class ConversationViews {
  /** Inside {@link batched}: conversations announced so far, and those changed again since. */
  private batch: { readonly announced: Set<number>; readonly again: Set<number> } | undefined;

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly events: EventBatcher,
    private readonly capabilitiesOf: (accountId: string) => Capabilities | undefined,
  ) {}

  view(conversation: Conversation): ConversationView {
    return toConversationView(conversation, this.capabilitiesOf(conversation.accountId));
  }

  /** Emits `conversation.changed` with the conversation as stored now. */
  changed(conversationId: number): void {
    if (this.batch) {
      if (this.batch.announced.has(conversationId)) {
        this.batch.again.add(conversationId);
        return;
      }
      this.batch.announced.add(conversationId);
    }
    this.announce(conversationId);
  }

  /**
   * Runs `work` (a batch of a plugin's events, in one transaction) announcing each changed
   * conversation at its first change and once more at the end, as it is then: a flood into
   * one room read and rebuilt its view once per message, and the event batcher kept only the
   * last, in the place of the first (eventBatcher.ts). When `work` throws, the rest is not announced.
   */
  batched<T>(work: () => T): T {
    if (this.batch) return work();
    const batch = { announced: new Set<number>(), again: new Set<number>() };
    this.batch = batch;
    let result: T;
    try {
      result = work();
    } finally {
      this.batch = undefined;
    }
    for (const id of batch.again) this.announce(id);
    return result;
  }

  private announce(conversationId: number): void {
    const conversation = this.conversations.get(conversationId);
    if (conversation) this.events.emit({ type: 'conversation.changed', payload: { conversation: this.view(conversation) } });
  }
}

/**
 * The view the bridge sends: the conversation without storage-only fields, with its
 * plugin's capabilities and the conversation's own overrides merged.
 */
export function toConversationView(conversation: Conversation, pluginCapabilities: Capabilities | undefined): ConversationView {
  return {
    id: conversation.id,
    accountId: conversation.accountId,
    networkId: conversation.networkId,
    kind: conversation.kind,
    title: conversation.title,
    ...(conversation.topic !== undefined ? { topic: conversation.topic } : {}),
    joined: conversation.joined,
    unread: conversation.unread,
    lastActivity: conversation.lastActivity,
    capabilities: { ...pluginCapabilities, ...conversation.capabilityOverrides },
    ...(conversation.encrypted !== undefined ? { encrypted: conversation.encrypted } : {}),
    ...(conversation.groups !== undefined ? { groups: [...conversation.groups] } : {}),
    ...(conversation.space === true ? { space: true } : {}),
  };
}
