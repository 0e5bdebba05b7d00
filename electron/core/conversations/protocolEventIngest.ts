/**
 * Turns what plugins report into stored facts and bridge events: conversations, messages,
 * edits, reactions and receipts go to the database (one transaction per batch from a
 * worker), members to the member registry, contacts and requests to the contact service,
 * connection states to the account manager. A malformed event from a plugin is logged and
 * skipped; it never reaches the database or the UI.
 */
import { EarlyReceipts, type ReceiptKind } from './earlyReceipts.js';
import type { Database } from 'better-sqlite3';
import type { ProtocolEvent } from '../../../protocols/api/index.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ContactService } from '../contacts/contactService.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { Message } from '../model/message.js';
import type { ConversationViews } from './conversationViews.js';
import type { HistoryGaps } from './historyGaps.js';
import type { IncomingMessages } from './incomingMessages.js';
import type { OutboxService } from '../outbox/outboxService.js';
import type { MemberRegistry } from './memberRegistry.js';
import type { StorageHealth } from '../profile/storageHealth.js';
import { isStorageFailure } from '../profile/storageHealth.js';
import { believableTime } from './networkTime.js';
import { protocolEventProblem } from './protocolEventGuard.js';
import { IngestMeter } from '../diagnostics/ingestMeter.js';
import type { SearchIndex } from '../store/searchIndex.js';

export interface IngestDeps {
  readonly db: Database;
  readonly accounts: AccountManager;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  /** Where received messages are indexed for search, a few thousand at a time. */
  readonly searchIndex: Pick<SearchIndex, 'catchUp'>;
  readonly incoming: IncomingMessages;
  /** Settles the user's messages from the network's confirmations and failures. */
  readonly outbox: Pick<OutboxService, 'settle'>;
  readonly views: ConversationViews;
  readonly members: MemberRegistry;
  readonly contacts: ContactService;
  readonly gaps: HistoryGaps;
  readonly events: EventBatcher;
  readonly storage: StorageHealth;
  readonly log: (line: string) => void;
  /** Most events held in memory while the disk is full; beyond it the oldest batches are dropped (and counted). */
  readonly maxHeldEvents?: number;
  /** Times the checking and storing of events (the flood benchmark's stages). */
  readonly meter?: IngestMeter;
}

/** Default bound of {@link IngestDeps.maxHeldEvents}: a few minutes of a busy account's traffic. */
export const MAX_HELD_EVENTS = 20_000;

/**
 * How many received messages wait before they are indexed: each catch-up writes one index
 * segment that FTS5 merges later, so a few hundred at a time cost twice as much per message
 * as a few thousand (31 against 16 µs in all per stored message, 20,000 messages).
 */
const INDEX_EVERY = 2_000;

type Batch = readonly { accountId: string; event: ProtocolEvent }[];

export class ProtocolEventIngest {
  private readonly ingestBatch: (items: Batch) => void;
  /** Batches that could not be stored (the disk is full), oldest first, waiting for space. */
  private readonly held: Batch[] = [];
  private heldEvents = 0;
  private readonly reannounced = new WeakSet<Batch>();
  /** Messages received since the full-text index last caught up (about: duplicates count too). */
  private unindexed = 0;

  private readonly meter: IngestMeter;
  private readonly earlyReceipts = new EarlyReceipts();

  constructor(private readonly deps: IngestDeps) {
    this.meter = deps.meter ?? IngestMeter.off;
    const { searchIndex } = deps;
    this.ingestBatch = deps.db.transaction((items: Batch) => deps.views.batched(() => {
      for (const { accountId, event } of items) {
        try {
          this.ingestOne(accountId, event);
        } catch (error) {
          // A full disk fails the whole batch (rolled back, held and retried); one event
          // that the database refuses for its own reasons must not lose the rest of it.
          if (isStorageFailure(error)) throw error;
          deps.log(`ingest: ${event.type} from ${accountId} failed: ${String(error)}`);
        }
      }
      // Messages go into the full-text index a few thousand at a time, in one statement
      // (migration 0013); a search indexes what is still pending before it looks.
      if (this.unindexed >= INDEX_EVERY) {
        searchIndex.catchUp();
        this.unindexed = 0;
      }
    }));
  }

  /**
   * Handles one batch from a plugin worker. While the disk is full, batches are held in
   * memory, in order, and stored once it takes writes again: a worker's events have no
   * acknowledgement to withhold, so holding them here is what keeps them.
   */
  ingest(items: Batch): void {
    if (items.length === 0) return;
    this.held.push(items);
    this.heldEvents += items.length;
    this.drain();
  }

  /** Stores held batches, oldest first, until none is left or the disk refuses one. */
  private readonly drain = (): void => {
    for (let batch = this.held[0]; batch; batch = this.held[0]) {
      const started = this.meter.begin();
      try {
        this.deps.events.holdWhile(() => this.ingestBatch(batch));
      } catch (error) {
        if (this.deps.storage.failed(error, this.drain)) {
          this.reannounceAccounts(batch);
          this.bound();
          return;
        }
        this.deps.log(`ingest: batch of ${batch.length} events failed: ${String(error)}`);
      } finally {
        this.meter.end('store', started);
      }
      this.held.shift();
      this.heldEvents -= batch.length;
    }
    this.deps.storage.succeeded();
  };

  /**
   * A connection state in a batch that failed has changed the account in memory (it is not
   * in the database), but what the batch emitted was dropped with it: the UI is told the
   * account's state again, once per held batch.
   */
  private reannounceAccounts(batch: Batch): void {
    if (this.reannounced.has(batch)) return;
    this.reannounced.add(batch);
    const ids = new Set(batch.filter(({ event }) => event.type === 'connection.state' || event.type === 'account.limits').map(({ accountId }) => accountId));
    if (ids.size === 0) return;
    for (const account of this.deps.accounts.list()) {
      if (ids.has(account.id)) this.deps.events.emit({ type: 'account.changed', payload: { account } });
    }
  }

  /** Keeps the newest batches within the bound; what goes is counted for the banner. */
  private bound(): void {
    const max = this.deps.maxHeldEvents ?? MAX_HELD_EVENTS;
    let dropped = 0;
    while (this.heldEvents > max && this.held.length > 1) {
      const oldest = this.held.shift();
      if (!oldest) break;
      this.heldEvents -= oldest.length;
      dropped += oldest.length;
    }
    if (dropped > 0) {
      this.deps.log(`ingest: the disk is still full; dropped the ${dropped} oldest held events`);
      this.deps.storage.droppedHeld(dropped);
    }
  }

  private ingestOne(accountId: string, event: ProtocolEvent): void {
    if (!this.deps.accounts.has(accountId)) return;
    const checking = this.meter.begin();
    const problem = protocolEventProblem(event);
    this.meter.end('validate', checking);
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
        const known = this.deps.conversations.find(accountId, conversation.id);
        if (known && !known.open && conversation.kind === 'room' && conversation.joined === false) {
          // The user left this room and it is out of the list: the network saying they are not
          // in it (Matrix's own leave arriving with the next sync) must not bring it back.
          this.deps.conversations.setJoined(known.id, false);
          return;
        }
        const stored = this.deps.conversations.upsert({
          accountId, networkId: conversation.id, kind: conversation.kind, title: conversation.title,
          ...(conversation.topic !== undefined ? { topic: conversation.topic } : {}),
          ...(conversation.joined !== undefined ? { joined: conversation.joined } : {}),
          ...(conversation.capabilities !== undefined ? { capabilities: conversation.capabilities } : {}),
          ...(conversation.encrypted !== undefined ? { encrypted: conversation.encrypted } : {}),
          // Plugins before 0.7 name no groups: theirs stay out of groups (an empty list clears them).
          groups: conversation.groups ?? [],
          ...(conversation.space !== undefined ? { space: conversation.space } : {}),
        });
        this.deps.views.changed(stored.id);
        return;
      }
      case 'conversation.removed': {
        const conversation = this.deps.conversations.find(accountId, event.conversationId);
        if (!conversation) return;
        this.deps.conversations.setOpen(conversation.id, false);
        this.deps.members.clear(conversation.id);
        this.deps.events.emit({ type: 'conversation.removed', payload: { conversationId: conversation.id } });
        return;
      }
      case 'conversation.renamed': {
        const conversation = this.deps.conversations.find(accountId, event.conversationId);
        // One conversation per network id: when the new id has its own already, both stay as they are.
        if (!conversation || this.deps.conversations.find(accountId, event.newId)) return;
        this.deps.conversations.rename(conversation.id, event.newId, event.title ?? conversation.title);
        this.deps.views.changed(conversation.id);
        return;
      }
      case 'message.received':
        this.meter.countMessage();
        this.unindexed++;
        this.deps.incoming.store(accountId, event.message);
        return;
      case 'message.confirmed': {
        this.deps.outbox.settle(event.localId, 'sent', {
          ...(event.networkId !== undefined ? { networkId: event.networkId } : {}),
          ...(event.timestamp !== undefined ? { timestamp: event.timestamp } : {}),
        });
        const early = event.networkId !== undefined ? this.earlyReceipts.take(accountId, event.networkId) : undefined;
        if (early && event.networkId !== undefined) this.receipt(accountId, { conversationId: early.conversationId, networkId: event.networkId, kind: early.kind });
        return;
      }
      case 'message.failed':
        this.deps.outbox.settle(event.localId, 'failed', { error: event.error });
        return;
      case 'message.edited': {
        const target = this.target(accountId, event.conversationId, event.targetNetworkId);
        // Only the author may correct a message (XEP-0308 §5, Matrix m.replace rules).
        if (!target || target.senderId !== event.senderId || target.deleted) return;
        this.updated(this.deps.messages.edit(target.id, event.body, event.html));
        return;
      }
      case 'message.decrypted':
        this.deps.incoming.decrypted(accountId, event.message);
        return;
      case 'message.trust': {
        const target = this.target(accountId, event.conversationId, event.targetNetworkId);
        // Only the sender's own messages, and only those that carry a trust (encrypted rooms).
        if (!target || target.senderId !== event.senderId || target.senderTrust === undefined || target.senderTrust === event.senderTrust) return;
        this.updated(this.deps.messages.setSenderTrust(target.id, event.senderTrust));
        return;
      }
      case 'message.deleted': {
        const target = this.target(accountId, event.conversationId, event.targetNetworkId);
        if (!target) return;
        this.updated(this.deps.messages.markDeleted(target.id));
        return;
      }
      case 'reactions.changed': {
        const target = this.target(accountId, event.conversationId, event.targetNetworkId);
        if (!target) return;
        const mine = event.senderId === this.deps.accounts.selfId(accountId);
        this.updated(this.deps.messages.setReactions(target.id, { id: event.senderId, name: event.senderName, mine }, event.reactions.slice(0, 50)));
        return;
      }
      case 'receipt': {
        if (event.kind === 'read' && event.participantId === this.deps.accounts.selfId(accountId)) {
          const target = this.target(accountId, event.conversationId, event.networkId);
          if (target) this.readElsewhere(target);
          return;
        }
        this.receipt(accountId, event);
        return;
      }
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
        this.deps.events.emit({ type: 'server.notice', payload: { accountId, text: event.text, timestamp: believableTime(event.timestamp) } });
        return;
      case 'contact.upserted':
        this.deps.contacts.upserted(accountId, event.contact);
        return;
      case 'contact.removed':
        this.deps.contacts.removed(accountId, event.contactId);
        return;
      case 'presence.changed':
        this.deps.contacts.presenceChanged(accountId, event.contactId, event.presence);
        return;
      case 'request.raised':
        this.deps.contacts.requestRaised(accountId, event.request);
        return;
      case 'request.closed':
        this.deps.contacts.requestClosed(accountId, event.requestId);
        return;
      case 'account.limits':
        this.deps.accounts.noteLimits(accountId, {
          ...(event.maxUploadBytes !== undefined ? { maxUploadBytes: event.maxUploadBytes } : {}),
          ...(event.maxMessageBytes !== undefined ? { maxMessageBytes: event.maxMessageBytes } : {}),
        });
        return;
      case 'history.gap':
        this.deps.gaps.recorded(accountId, event);
        return;
      case 'upload.progress': {
        const message = this.deps.messages.get(Number(event.localId));
        if (!message || message.direction !== 'out') return;
        this.deps.events.emit({ type: 'message.progress', payload: {
          conversationId: message.conversationId, messageId: message.id, sentBytes: event.sentBytes, totalBytes: event.totalBytes,
        } });
        return;
      }
    }
  }

  /**
   * The user read up to `upTo` on another client (a read receipt from their own id: IRC
   * draft/read-marker): the unread count goes when nothing newer has come in since.
   */
  private readElsewhere(upTo: Message): void {
    const newest = this.deps.messages.page(upTo.conversationId, 20).reverse().find((m) => m.direction === 'in');
    if (newest && newest.id !== upTo.id && newest.timestamp > upTo.timestamp) return;
    this.deps.conversations.markRead(upTo.conversationId);
    this.deps.views.changed(upTo.conversationId);
  }

  /** A contact's receipt; one for a message not yet confirmed waits for it (earlyReceipts.ts). */
  private receipt(accountId: string, receipt: { readonly conversationId: string; readonly networkId: string; readonly kind: ReceiptKind }): void {
    const target = this.target(accountId, receipt.conversationId, receipt.networkId);
    if (!target) {
      this.earlyReceipts.hold(accountId, receipt.conversationId, receipt.networkId, receipt.kind);
      return;
    }
    for (const message of this.deps.messages.applyReceipt(target, receipt.kind)) this.updated(message);
  }

  private target(accountId: string, conversationId: string, networkId: string) {
    const conversation = this.deps.conversations.find(accountId, conversationId);
    return conversation ? this.deps.messages.findByNetworkId(conversation.id, networkId) : undefined;
  }

  private updated(message: ReturnType<MessagesRepository['get']>): void {
    if (message) this.deps.events.emit({ type: 'message.updated', payload: { message } });
  }
}
