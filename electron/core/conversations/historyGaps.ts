/**
 * History gaps (plugin API 0.4 `history.gap`): a plugin says messages of a conversation may
 * be missing between two points, because its catch-up after an outage stopped early. The
 * core keeps the gap, shows it to the UI, and on the user's request pages back with the
 * plugin's fetchHistory from the gap's newer end until it meets the older end or a message
 * it already has, storing what comes (once per network id, as every history merge), then
 * closes the gap, or shrinks it to what is still missing when the pages run out. A gap
 * whose range was already loaded is not kept, nor one with nothing between its ends.
 */
import type { HistoryGapEvent, IncomingMessage } from '../../../protocols/api/index.js';
import type { HistoryGapView } from '../../bridge/schemas.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { notFound, notSupported } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { GapPoint, HistoryGapsRepository, StoredGap } from '../store/historyGapsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { ConversationService } from './conversationService.js';
import type { IncomingMessages } from './incomingMessages.js';
import { believableTime } from './networkTime.js';
import { validHistoryMessages } from './protocolEventGuard.js';

/** Messages asked for per page, and pages per fill: a very long outage is loaded a few thousand at a time. */
const PAGE_LIMIT = 100;
const MAX_PAGES = 20;

export interface HistoryGapsDeps {
  readonly gaps: HistoryGapsRepository;
  readonly conversations: ConversationsRepository;
  readonly conversationService: Pick<ConversationService, 'get' | 'has'>;
  readonly messages: MessagesRepository;
  readonly incoming: Pick<IncomingMessages, 'storeHistory'>;
  readonly accounts: Pick<AccountManager, 'call'>;
  readonly events: EventBatcher;
  /** This machine's clock (injectable: tests set it wrong). */
  readonly now?: () => number;
}

export class HistoryGaps {
  /** Gaps being filled: a second click waits for the same pages. */
  private readonly filling = new Map<number, Promise<{ added: number; filled: boolean }>>();

  constructor(private readonly deps: HistoryGapsDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** A plugin's `history.gap` (already checked by the event guard) for one of its account's conversations. */
  recorded(accountId: string, event: HistoryGapEvent): void {
    const conversation = this.deps.conversations.find(accountId, event.conversationId);
    if (!conversation) return;
    const now = this.now();
    const before: GapPoint = { ...networkIdOf(event.before), timestamp: believableTime(event.before.timestamp, now) };
    let after: GapPoint | undefined = event.after ? { ...networkIdOf(event.after), timestamp: believableTime(event.after.timestamp, now) } : undefined;
    // What the core stored before the plugin's "after" (live, before the plugin restarted) is not missing.
    const newestStored = this.deps.messages.latestBefore(conversation.id, before.timestamp);
    if (newestStored && (after === undefined || newestStored.timestamp > after.timestamp)) {
      after = { ...networkIdOf(newestStored), timestamp: newestStored.timestamp };
    }
    if (after !== undefined && after.timestamp >= before.timestamp) return; // nothing can be missing in between
    // Already loaded once: the plugin reports it again, not knowing the core filled it.
    const candidate = { before, ...(after ? { after } : {}) };
    if (this.deps.gaps.filledOf(conversation.id).some((filled) => covers(filled, candidate))) return;
    // Overlapping gaps become one.
    let merged: Omit<StoredGap, 'id'> = { conversationId: conversation.id, before, ...(after ? { after } : {}), ...(event.reason !== undefined ? { reason: event.reason } : {}) };
    for (const other of this.deps.gaps.listOf(conversation.id)) {
      if (!overlaps(other, merged)) continue;
      merged = union(other, merged);
      this.closed(other, 'merged');
    }
    this.changed(this.deps.gaps.insert(merged));
  }

  /** A conversation's gaps, oldest first, for the UI. */
  list(conversationId: number): HistoryGapView[] {
    return this.deps.gaps.listOf(conversationId).map(toView);
  }

  /** Loads what is missing in a gap (see the module comment); the gap is kept, and the error thrown, on failure. */
  fill(gapId: number): Promise<{ added: number; filled: boolean }> {
    const running = this.filling.get(gapId);
    if (running) return running;
    const work = this.pageBack(gapId).finally(() => this.filling.delete(gapId));
    this.filling.set(gapId, work);
    return work;
  }

  private async pageBack(gapId: number): Promise<{ added: number; filled: boolean }> {
    let gap = this.deps.gaps.get(gapId);
    if (!gap) throw notFound('These messages were already loaded.');
    const conversation = this.deps.conversationService.get(gap.conversationId);
    if (!this.deps.conversationService.has(conversation, 'history')) {
      throw notSupported('This network cannot fetch older messages, so the missing ones cannot be loaded.');
    }
    let added = 0;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await this.deps.accounts.call(conversation.accountId, 'fetchHistory', [{
        conversationId: conversation.networkId, before: gap.before, limit: PAGE_LIMIT,
      }]);
      const messages = validHistoryMessages(page.messages, conversation.networkId).sort((a, b) => b.timestamp - a.timestamp);
      let met = messages.length === 0 || page.complete;
      const missing: IncomingMessage[] = [];
      for (const message of messages) {
        if (reaches(message, gap.after)) {
          met = true;
          continue;
        }
        const known = message.networkId !== undefined && message.networkId !== gap.before.networkId
          && this.deps.messages.findByNetworkId(conversation.id, message.networkId) !== undefined;
        if (known) met = true;
        else missing.push(message);
      }
      added += this.deps.incoming.storeHistory(conversation.accountId, conversation.networkId, missing, this.newerEnd(conversation.id, gap));
      const oldest = messages[messages.length - 1];
      if (met || !oldest) {
        this.closed(gap, 'filled');
        return { added, filled: true };
      }
      const shrunk = this.deps.gaps.setBefore(gap.id, { ...networkIdOf(oldest), timestamp: believableTime(oldest.timestamp, this.now()) });
      if (!shrunk) return { added, filled: true }; // removed meanwhile (the account was removed)
      gap = shrunk;
      this.changed(gap);
    }
    return { added, filled: false };
  }

  /** The gap's newer end as stored: what is loaded into the gap goes before it. */
  private newerEnd(conversationId: number, gap: StoredGap): { olderThan?: number } {
    const end = gap.before.networkId === undefined ? undefined : this.deps.messages.findByNetworkId(conversationId, gap.before.networkId);
    return end ? { olderThan: end.id } : {};
  }

  private changed(gap: StoredGap): void {
    this.deps.events.emit({ type: 'history.gapChanged', payload: { gap: toView(gap) } });
  }

  /** The gap is no longer shown: loaded (kept as a filled range), or merged into a bigger one. */
  private closed(gap: StoredGap, why: 'filled' | 'merged'): void {
    if (why === 'filled') this.deps.gaps.markFilled(gap.id);
    else this.deps.gaps.remove(gap.id);
    this.deps.events.emit({ type: 'history.gapRemoved', payload: { conversationId: gap.conversationId, gapId: gap.id } });
  }
}

/** The message is the gap's older end, or older than it: paging has met what was known. */
function reaches(message: IncomingMessage, after: GapPoint | undefined): boolean {
  if (!after) return false;
  return (after.networkId !== undefined && message.networkId === after.networkId) || message.timestamp < after.timestamp;
}

/** The range `outer` holds all of `inner`. */
function covers(outer: Pick<StoredGap, 'after' | 'before'>, inner: Pick<StoredGap, 'after' | 'before'>): boolean {
  return (outer.after?.timestamp ?? -Infinity) <= (inner.after?.timestamp ?? -Infinity) && outer.before.timestamp >= inner.before.timestamp;
}

function overlaps(a: Omit<StoredGap, 'id'>, b: Omit<StoredGap, 'id'>): boolean {
  return (a.after?.timestamp ?? -Infinity) <= b.before.timestamp && (b.after?.timestamp ?? -Infinity) <= a.before.timestamp;
}

function union(a: StoredGap, b: Omit<StoredGap, 'id'>): Omit<StoredGap, 'id'> {
  const after = a.after === undefined || b.after === undefined ? undefined : a.after.timestamp <= b.after.timestamp ? a.after : b.after;
  const before = a.before.timestamp >= b.before.timestamp ? a.before : b.before;
  const reason = b.reason ?? a.reason;
  return { conversationId: b.conversationId, before, ...(after ? { after } : {}), ...(reason !== undefined ? { reason } : {}) };
}

function networkIdOf(point: { readonly networkId?: string | undefined }): { networkId?: string } {
  return point.networkId !== undefined ? { networkId: point.networkId } : {};
}

function toView(gap: StoredGap): HistoryGapView {
  return {
    id: gap.id, conversationId: gap.conversationId, before: { ...gap.before },
    ...(gap.after ? { after: { ...gap.after } } : {}),
    ...(gap.reason !== undefined ? { reason: gap.reason } : {}),
  };
}
