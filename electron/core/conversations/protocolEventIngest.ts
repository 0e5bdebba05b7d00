/**
 * Turns what plugins report into stored facts and bridge events: conversations and
 * messages go to the database (one transaction per batch from a worker), members to the
 * member registry, connection states to the account manager. A malformed event from a
 * plugin is logged and skipped; it never reaches the database or the UI.
 */
import type { Database } from 'better-sqlite3';
import type { IncomingMessage, ProtocolEvent } from '../../../protocols/api/index.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import { toConversationView, type ConversationsRepository, type StoredConversation } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { MemberRegistry } from './memberRegistry.js';
import { protocolEventProblem } from './protocolEventGuard.js';

export interface IngestDeps {
  readonly db: Database;
  readonly accounts: AccountManager;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly members: MemberRegistry;
  readonly events: EventBatcher;
  readonly log: (line: string) => void;
}

export class ProtocolEventIngest {
  private readonly ingestBatch: (items: readonly { accountId: string; event: ProtocolEvent }[]) => void;

  constructor(private readonly deps: IngestDeps) {
    this.ingestBatch = deps.db.transaction((items: readonly { accountId: string; event: ProtocolEvent }[]) => {
      for (const { accountId, event } of items) {
        try {
          this.ingestOne(accountId, event);
        } catch (error) {
          // One event that the database refuses must not lose the rest of the batch.
          deps.log(`ingest: ${event.type} from ${accountId} failed: ${String(error)}`);
        }
      }
    });
  }

  /** Handles one batch from a plugin worker. */
  ingest(items: readonly { accountId: string; event: ProtocolEvent }[]): void {
    try {
      this.ingestBatch(items);
    } catch (error) {
      this.deps.log(`ingest: batch of ${items.length} events failed: ${String(error)}`);
    }
  }

  private ingestOne(accountId: string, event: ProtocolEvent): void {
    if (!this.deps.accounts.has(accountId)) return;
    const problem = protocolEventProblem(event);
    if (problem !== undefined) {
      this.deps.log(`ingest: skipped a malformed event from ${accountId}: ${problem}`);
      return;
    }
    switch (event.type) {
      case 'connection.state':
        this.deps.accounts.connectionEvent(accountId, event);
        return;
      case 'conversation.upserted': {
        const { conversation } = event;
        const stored = this.deps.conversations.upsert({
          accountId, networkId: conversation.id, kind: conversation.kind, title: conversation.title,
          ...(conversation.topic !== undefined ? { topic: conversation.topic } : {}),
          ...(conversation.joined !== undefined ? { joined: conversation.joined } : {}),
        });
        this.conversationChanged(stored);
        return;
      }
      case 'message.received':
        this.messageReceived(accountId, event.message);
        return;
      case 'message.confirmed':
        this.outgoingSettled(event.localId, 'sent', {
          ...(event.networkId !== undefined ? { networkId: event.networkId } : {}),
          ...(event.timestamp !== undefined ? { timestamp: event.timestamp } : {}),
        });
        return;
      case 'message.failed':
        this.outgoingSettled(event.localId, 'failed', { error: event.error });
        return;
      case 'members.changed': {
        const conversation = this.deps.conversations.find(accountId, event.conversationId);
        if (!conversation) return;
        const change = this.deps.members.apply(conversation.id, event);
        this.deps.events.emit({ type: 'members.changed', payload: { conversationId: conversation.id, ...change } });
        return;
      }
      case 'typing': {
        const conversation = this.deps.conversations.find(accountId, event.conversationId);
        if (!conversation) return;
        this.deps.events.emit({ type: 'typing', payload: { conversationId: conversation.id, participantId: event.participantId, state: event.state } });
        return;
      }
      case 'server.notice':
        this.deps.events.emit({ type: 'server.notice', payload: { accountId, text: event.text, timestamp: event.timestamp } });
        return;
      case 'contact.upserted':
      case 'contact.removed':
      case 'presence.changed':
        // The buddy list of contacts arrives with the contacts issue; until then these are dropped.
        return;
    }
  }

  private messageReceived(accountId: string, message: IncomingMessage): void {
    if (message.fromSelf && message.localId !== undefined) {
      // The server's echo of a message this client sent: confirm it instead of storing it twice.
      if (this.outgoingSettled(message.localId, 'sent', {
        ...(message.networkId !== undefined ? { networkId: message.networkId } : {}),
        timestamp: message.timestamp,
      })) return;
    }
    const conversation = this.deps.conversations.find(accountId, message.conversationId)
      ?? this.deps.conversations.upsert({ accountId, networkId: message.conversationId, kind: 'direct', title: message.conversationId });
    const stored = this.deps.messages.insert({
      conversationId: conversation.id,
      ...(message.networkId !== undefined ? { networkId: message.networkId } : {}),
      senderId: message.senderId,
      senderName: message.senderName,
      kind: message.kind,
      body: message.body,
      timestamp: message.timestamp,
      direction: message.fromSelf ? 'out' : 'in',
      status: message.fromSelf ? 'sent' : 'received',
    });
    if (!stored) return; // already stored: a duplicate from history or a replay
    const countsAsUnread = !message.fromSelf && message.kind !== 'event';
    this.deps.conversations.touch(conversation.id, message.timestamp, countsAsUnread ? 1 : 0);
    this.deps.events.emit({ type: 'message.added', payload: { message: stored } });
    const updated = this.deps.conversations.get(conversation.id);
    if (updated) this.conversationChanged(updated);
  }

  /** Settles an outgoing message; returns false when the local id is not one of ours. */
  private outgoingSettled(localId: string, status: 'sent' | 'failed', update: Parameters<MessagesRepository['setStatus']>[2]): boolean {
    const id = Number(localId);
    const existing = Number.isSafeInteger(id) ? this.deps.messages.get(id) : undefined;
    if (!existing || existing.direction !== 'out') return false;
    const updated = this.deps.messages.setStatus(id, status, update);
    if (updated) this.deps.events.emit({ type: 'message.updated', payload: { message: updated } });
    return true;
  }

  private conversationChanged(conversation: StoredConversation): void {
    this.deps.events.emit({ type: 'conversation.changed', payload: { conversation: toConversationView(conversation) } });
  }
}
