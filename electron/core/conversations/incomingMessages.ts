/**
 * Stores a message that came from a network, live or from history: finds or creates its
 * conversation, drops it when its network id is already stored, confirms it instead when
 * it is the echo of one the user sent, and counts it as unread.
 */
import type { IncomingMessage } from '../../../protocols/api/index.js';
import type { Message } from '../model/message.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { MessagesRepository, NewMessage } from '../store/messagesRepository.js';
import type { ConversationViews } from './conversationViews.js';
import { believableTime } from './networkTime.js';

/** Where a history page goes: before the message (local id) it was asked to precede, when there is one. */
export interface HistoryPlacement {
  readonly olderThan?: number;
}

/** Where an echo of one of the user's messages settles it (outbox/outboxService.ts); false when the local id is not theirs. */
export interface OutgoingSettlement {
  settle(localId: string, status: 'sent', update: Parameters<MessagesRepository['setStatus']>[2]): boolean;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class IncomingMessages {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly views: ConversationViews,
    private readonly events: EventBatcher,
    private readonly outgoing?: OutgoingSettlement,
    /** This machine's clock (injectable: tests set it wrong). */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores one message that arrives now, after everything stored in its conversation
   * whatever its time (the time is kept for display), and announces it (message.added).
   * A message the plugin caught up (`catchUp`: missed while offline, delivered after the new
   * connection's live ones) is placed by its server time among the stored messages instead,
   * as history is, and announced all the same: the user has not seen it yet.
   * Returns the stored message, or undefined for a duplicate.
   */
  store(accountId: string, message: IncomingMessage): Message | undefined {
    const timestamp = believableTime(message.timestamp, this.now());
    if (this.isOwnEcho(message, timestamp)) return undefined;
    const conversation = this.conversationOf(accountId, message.conversationId);
    const toStore: NewMessage = Object.assign(this.toStored(message, timestamp), { conversationId: conversation.id });
    const stored = message.catchUp === true ? this.messages.insertCaughtUp(toStore) : this.messages.insert(toStore);
    if (!stored) return undefined; // already stored: a duplicate from a replay
    const countsAsUnread = !message.fromSelf && message.kind !== 'event';
    this.conversations.touch(conversation.id, timestamp, countsAsUnread ? 1 : 0);
    this.events.emit({ type: 'message.added', payload: { message: stored } });
    this.views.changed(conversation.id);
    return stored;
  }

  /**
   * Stores a page of one conversation's history, placed among what is stored by the
   * server's times (MessagesRepository.insertHistory), not announced: the UI asks for it by
   * paging. Returns how many messages were new.
   */
  storeHistory(accountId: string, conversationId: string, page: readonly IncomingMessage[], placement: HistoryPlacement = {}): number {
    const now = this.now();
    const fresh = page.flatMap((message) => {
      const timestamp = believableTime(message.timestamp, now);
      return this.isOwnEcho(message, timestamp) ? [] : [this.toStored(message, timestamp)];
    });
    if (fresh.length === 0) return 0;
    const conversation = this.conversationOf(accountId, conversationId);
    return this.messages.insertHistory(conversation.id, fresh, placement.olderThan).length;
  }

  /** The echo of a message the user sent from here: it confirms that message instead of being stored. */
  private isOwnEcho(message: IncomingMessage, timestamp: number): boolean {
    return message.fromSelf === true && message.localId !== undefined && this.outgoing?.settle(message.localId, 'sent', {
      ...(message.networkId !== undefined ? { networkId: message.networkId } : {}),
      timestamp,
    }) === true;
  }

  private conversationOf(accountId: string, networkId: string) {
    return this.conversations.find(accountId, networkId)
      ?? this.conversations.upsert({ accountId, networkId, kind: 'direct', title: networkId });
  }

  /**
   * Field by field, not by spreading conditional objects: in a flood this ran once per message
   * and spreads made it one of the core's costliest lines (V8 builds and copies each piece).
   */
  private toStored(message: IncomingMessage, timestamp: number): Omit<NewMessage, 'conversationId'> {
    const stored: Writable<Omit<NewMessage, 'conversationId'>> = {
      senderId: message.senderId,
      senderName: message.senderName,
      kind: message.kind,
      body: message.body,
      timestamp,
      direction: message.fromSelf ? 'out' : 'in',
      status: message.fromSelf ? 'sent' : 'received',
    };
    if (message.networkId !== undefined) stored.networkId = message.networkId;
    if (message.html !== undefined) stored.html = message.html;
    if (message.replyTo !== undefined) stored.replyTo = message.replyTo;
    if (message.attachments !== undefined) stored.attachments = message.attachments;
    if (message.encrypted) stored.encrypted = true;
    if (message.undecryptable) stored.undecryptable = true;
    if (message.senderTrust !== undefined) stored.senderTrust = message.senderTrust;
    if (message.threadRootId !== undefined) stored.threadRootId = message.threadRootId;
    if (message.mentionsSelf !== undefined) stored.mentionsSelf = message.mentionsSelf;
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
      this.store(accountId, message);
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
      ...(message.threadRootId !== undefined ? { threadRootId: message.threadRootId } : {}),
      ...(message.mentionsSelf !== undefined ? { mentionsSelf: message.mentionsSelf } : {}),
    });
    if (updated) this.events.emit({ type: 'message.updated', payload: { message: updated } });
  }
}
