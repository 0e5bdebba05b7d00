/**
 * Stores a message that came from a network, live or from history: finds or creates its
 * conversation, drops it when its network id is already stored, confirms it instead when
 * it is the echo of one the user sent, and counts it as unread.
 */
import type { IncomingMessage } from '../../../protocols/api/index.js';
import type { MessageView } from '../../bridge/schemas.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { ConversationViews } from './conversationViews.js';
import { believableTime } from './networkTime.js';

/** Where an echo of one of the user's messages settles it (outbox/outboxService.ts); false when the local id is not theirs. */
export interface OutgoingSettlement {
  settle(localId: string, status: 'sent', update: Parameters<MessagesRepository['setStatus']>[2]): boolean;
}

export class IncomingMessages {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly views: ConversationViews,
    private readonly events: EventBatcher,
    private readonly outgoing?: OutgoingSettlement,
  ) {}

  /**
   * Stores one message. Live messages are announced (message.added); history pages are not:
   * the UI asks for them by paging. Returns the stored message, or undefined for a duplicate.
   */
  store(accountId: string, message: IncomingMessage, live: boolean): MessageView | undefined {
    const timestamp = believableTime(message.timestamp);
    if (message.fromSelf && message.localId !== undefined && this.outgoing?.settle(message.localId, 'sent', {
      ...(message.networkId !== undefined ? { networkId: message.networkId } : {}),
      timestamp,
    })) return undefined;
    const conversation = this.conversations.find(accountId, message.conversationId)
      ?? this.conversations.upsert({ accountId, networkId: message.conversationId, kind: 'direct', title: message.conversationId });
    const stored = this.messages.insert({
      conversationId: conversation.id,
      ...(message.networkId !== undefined ? { networkId: message.networkId } : {}),
      senderId: message.senderId,
      senderName: message.senderName,
      kind: message.kind,
      body: message.body,
      timestamp,
      direction: message.fromSelf ? 'out' : 'in',
      status: message.fromSelf ? 'sent' : 'received',
      ...(message.html !== undefined ? { html: message.html } : {}),
      ...(message.replyTo !== undefined ? { replyTo: message.replyTo } : {}),
      ...(message.attachments !== undefined ? { attachments: message.attachments } : {}),
      ...(message.encrypted ? { encrypted: true } : {}),
      ...(message.undecryptable ? { undecryptable: true } : {}),
      ...(message.senderTrust !== undefined ? { senderTrust: message.senderTrust } : {}),
    });
    if (!stored) return undefined; // already stored: a duplicate from history or a replay
    if (!live) return stored;
    const countsAsUnread = !message.fromSelf && message.kind !== 'event';
    this.conversations.touch(conversation.id, timestamp, countsAsUnread ? 1 : 0);
    this.events.emit({ type: 'message.added', payload: { message: stored } });
    this.views.changed(conversation.id);
    return stored;
  }

  /**
   * A message stored as undecryptable was decrypted later: its content replaces the
   * placeholder in place (message.updated, not marked edited). Only an undecryptable message
   * of the same sender is replaced, so this cannot rewrite history; when none is stored, the
   * message is stored as a new one.
   */
  decrypted(accountId: string, message: IncomingMessage & { readonly networkId: string }): void {
    const conversation = this.conversations.find(accountId, message.conversationId);
    const target = conversation ? this.messages.findByNetworkId(conversation.id, message.networkId) : undefined;
    if (!target) {
      this.store(accountId, message, true);
      return;
    }
    if (!target.undecryptable || target.senderId !== message.senderId || message.undecryptable) return;
    const updated = this.messages.replaceDecrypted(target.id, {
      kind: message.kind,
      body: message.body,
      ...(message.html !== undefined ? { html: message.html } : {}),
      ...(message.replyTo !== undefined ? { replyTo: message.replyTo } : {}),
      ...(message.attachments !== undefined ? { attachments: message.attachments } : {}),
      ...(message.senderTrust !== undefined ? { senderTrust: message.senderTrust } : {}),
    });
    if (updated) this.events.emit({ type: 'message.updated', payload: { message: updated } });
  }
}
