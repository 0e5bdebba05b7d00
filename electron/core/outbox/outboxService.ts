/**
 * The outbox: every message of the user's from the moment it is stored until the network
 * settles it. It decides whether a new message goes out now or waits (queued), drains the
 * queue in the order the user wrote, hands messages to the plugin (in flight), settles
 * them from the network's confirmations and failures (sent, failed), takes back ones that
 * never went out (the error's `notSent`) and lost ones where a resend cannot double them
 * (requeued, resent after a pause or once the account is back: autoResend.ts), fails
 * the ones the network never answers (sendDeadline.ts) and, at start-up, the ones a stop
 * interrupted. What the user does to a message (send, edit, react) is MessageService's.
 *
 * An account's queue drains only once the account is *ready*: online, its rooms joined
 * again and its presence restored (reconnectSequence.ts marks it). Until then a new
 * message waits in the queue even though the account is online, so that nothing goes to a
 * room before the room is joined again (XEP-0045 §7.4: only occupants may send).
 */
import type { CoreErrorData } from '../model/coreError.js';
import type { Message } from '../model/message.js';
import type { Attachment } from '../../../protocols/api/index.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { believableTime } from '../conversations/networkTime.js';
import { DisposableStore, disposableTimeout, type Disposable } from '../lifecycle/disposable.js';
import { invalidRequest, toProtocolError } from '../model/coreError.js';
import type { StorageHealth } from '../profile/storageHealth.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import { AutoResend } from './autoResend.js';
import type { OutgoingFiles } from './outgoingFiles.js';
import { deadlineReason, SendDeadline } from './sendDeadline.js';
import { announceUpdated, requireMessage } from '../conversations/storedMessages.js';

/** Pause before the outbox retries a message the network lost while the account stayed online. */
export const RESEND_PAUSE_MS = 1000;

export interface OutboxDeps {
  /** The connection: who is online, and the plugin call that sends. */
  readonly accounts: Pick<AccountManager, 'isOnline' | 'call'>;
  /** The conversation a message belongs to, and what it can do (`resendSafe`). */
  readonly conversations: Pick<ConversationService, 'get' | 'has'>;
  readonly messages: MessagesRepository;
  readonly events: EventBatcher;
  /** Where a write the full disk refused is reported and retried. */
  readonly storage: Pick<StorageHealth, 'persist' | 'failed'>;
  /** How long a handed-over message may stay unconfirmed (sendDeadline.ts); default two minutes. */
  readonly sendDeadlineMs?: number;
  /** This machine's clock, against which a confirmation's server time is checked; default Date.now. */
  readonly now?: () => number;
  /** The copies of files being sent, kept until the network has them (so that Retry sends the file again). */
  readonly files?: OutgoingFiles;
}

type Settlement = Parameters<MessagesRepository['setStatus']>[2];

export class OutboxService implements Disposable {
  private readonly lifetime = new DisposableStore();
  /** Accounts whose reconnect sequence reached the drain (and that have not gone offline since). */
  private readonly ready = new Set<string>();
  private readonly draining = new Set<string>();
  private readonly resendTimers = new Map<string, Disposable>();
  private readonly autoResend: AutoResend;
  private readonly deadline: SendDeadline;

  constructor(private readonly deps: OutboxDeps) {
    this.autoResend = new AutoResend((message) => deps.conversations.has(deps.conversations.get(message.conversationId), 'resendSafe'));
    this.deadline = this.lifetime.add(new SendDeadline((messageId) => this.deadlinePassed(messageId), deps.sendDeadlineMs));
    this.lifetime.defer(() => {
      for (const timer of this.resendTimers.values()) void timer.dispose();
      this.resendTimers.clear();
    });
  }

  /** Whether a message written now for this account goes out at once, or waits in the queue behind others. */
  goesOutNow(accountId: string): boolean {
    return this.isReady(accountId) && !this.draining.has(accountId) && this.deps.messages.nextQueued(accountId) === undefined;
  }

  /**
   * A message was just stored with the status {@link goesOutNow} chose: `sending` goes to
   * the plugin now, `queued` waits for the drain (started here when the account is ready).
   */
  stored(message: Message, accountId: string): void {
    if (message.status === 'sending') void this.transmit(message);
    else if (this.isReady(accountId)) void this.drain(accountId);
  }

  /** The reconnect sequence's last step: the account's rooms and presence are back, the queue goes out. */
  async accountReady(accountId: string): Promise<void> {
    if (!this.deps.accounts.isOnline(accountId)) return;
    this.ready.add(accountId);
    await this.drain(accountId);
  }

  /** Sends an account's queued messages, one after the other, in the order they were written. */
  async drain(accountId: string): Promise<void> {
    if (this.draining.has(accountId) || this.closed()) return;
    this.draining.add(accountId);
    try {
      // One at a time, re-reading the outbox: messages written meanwhile join the end of it.
      for (let message = this.deps.messages.nextQueued(accountId); message; message = this.deps.messages.nextQueued(accountId)) {
        if (!this.isReady(accountId) || this.closed()) return;
        let sending: Message | undefined;
        try {
          sending = this.deps.messages.setStatus(message.id, 'sending');
        } catch (error) {
          // The disk is full: the message stays queued (on disk and here) and the outbox
          // is drained again once writes go through.
          if (this.deps.storage.failed(error, () => void this.drain(accountId))) return;
          throw error;
        }
        if (sending) this.deps.events.emit({ type: 'message.updated', payload: { message: sending } });
        if (!await this.transmit(message)) return;
      }
    } finally {
      this.draining.delete(accountId);
    }
  }

  /** Puts a failed message back in the outbox. */
  retry(messageId: number): Message {
    const message = this.message(messageId);
    if (message.direction !== 'out' || (message.status !== 'failed' && message.status !== 'queued')) {
      throw invalidRequest('Only a message that failed can be sent again.');
    }
    const queued = this.updated(this.deps.messages.setStatus(messageId, 'queued'));
    const { accountId } = this.deps.conversations.get(message.conversationId);
    if (this.isReady(accountId)) void this.drain(accountId);
    return queued;
  }

  /** Whether a message of the user's has yet to go out (queued, in flight, or failed and retryable). */
  waitsToGoOut(messageId: number): boolean {
    const message = this.deps.messages.get(messageId);
    return message?.direction === 'out' && message.status !== 'sent' && message.deleted !== true;
  }

  /** Drops a message of the user's that has not gone out. */
  cancel(messageId: number): void {
    const message = this.message(messageId);
    if (message.direction !== 'out' || (message.status !== 'failed' && message.status !== 'queued')) {
      throw invalidRequest('Only a queued or failed message can be cancelled.');
    }
    this.deps.messages.remove(messageId);
    void this.deps.files?.release(messageId);
    this.deps.events.emit({ type: 'message.removed', payload: { conversationId: message.conversationId, messageId } });
  }

  /**
   * The account lost its connection: messages handed to the network and not yet confirmed
   * may or may not have arrived. They are marked failed (retryable) rather than silently
   * assumed sent or resent twice. A plugin that confirms on write never leaves any here;
   * that is the limit of what such a network can promise.
   */
  connectionLost(accountId: string): void {
    this.ready.delete(accountId);
    for (const id of this.deps.messages.unconfirmedOf(accountId)) {
      this.settle(String(id), 'failed', {
        error: { kind: 'network', message: 'The connection was lost before the network confirmed this message. Retry to send it again.' },
      });
    }
  }

  /**
   * Messages that were being sent when the app stopped: whether the network got them is
   * unknown, so they are marked failed for the user to retry rather than sent twice —
   * except where a resend cannot double them, where they wait in the outbox again.
   */
  failInterruptedSends(): void {
    const error: CoreErrorData = { kind: 'network', message: 'Switchboard stopped before the network confirmed this message. Retry to send it again.' };
    for (const id of this.deps.messages.interruptedSends()) {
      const message = this.deps.messages.get(id);
      if (message && this.autoResend.shouldRequeue(message, error, false)) this.deps.messages.setStatus(id, 'queued');
      else this.deps.messages.setStatus(id, 'failed', { error });
    }
  }

  /**
   * The network settled one of the user's messages (a confirmation, an echo, a failure).
   * Returns false when the local id is not one of theirs.
   */
  settle(localId: string, status: 'sent' | 'failed', update: Settlement): boolean {
    const id = Number(localId);
    const existing = Number.isSafeInteger(id) ? this.deps.messages.get(id) : undefined;
    if (!existing || existing.direction !== 'out') return false;
    // A late failure must not undo a confirmation the network already gave, nor send back
    // a message already waiting in the outbox again (taken back when the connection dropped
    // while its send was under way: the next attempt settles it); and a second confirmation
    // (an echo after a receipt) that adds nothing is not news.
    if (status === 'failed' && (existing.status === 'sent' || existing.status === 'queued')) return true;
    if (status === 'sent' && existing.status === 'sent' && (update?.networkId === undefined || update.networkId === existing.networkId)) return true;
    if (status === 'failed' && this.takeBack(existing, update?.error)) return true;
    if (status === 'sent') {
      this.autoResend.settled(id);
      this.deadline.disarm(id);
      if ((existing.attachments?.length ?? 0) > 0) void this.deps.files?.release(id);
    }
    const dated = update?.timestamp !== undefined ? { ...update, timestamp: believableTime(update.timestamp, (this.deps.now ?? Date.now)()) } : update;
    const updated = this.deps.messages.setStatus(id, status, dated);
    if (updated) this.deps.events.emit({ type: 'message.updated', payload: { message: updated } });
    return true;
  }

  /** The plugin took a message (a text, or a file it uploaded): from now on the network has {@link SendDeadline} to settle it. */
  handedOver(messageId: number): void {
    if (this.deps.messages.get(messageId)?.status === 'sending') this.deadline.arm(messageId);
  }

  /** The plugin refused a message it was handed (a file upload, a send). */
  refused(messageId: number, error: unknown): void {
    this.settle(String(messageId), 'failed', { error: toProtocolError(error) });
  }

  /** Stops the clocks of messages in flight (the core is closing; the next start handles them). */
  dispose(): Promise<void> {
    return this.lifetime.dispose();
  }

  /** The core is closing: nothing more goes out (checked again after each await). */
  private closed(): boolean {
    return this.lifetime.isDisposed;
  }

  private isReady(accountId: string): boolean {
    return this.ready.has(accountId) && this.deps.accounts.isOnline(accountId);
  }

  /**
   * One of the user's messages in flight failed. When nothing of it went out (`notSent`:
   * the core found the account offline, or the plugin refused before sending, e.g. while
   * its session was being resumed or had just dropped) or where the conversation is
   * `resendSafe` (same local id, so the network drops a copy that did arrive), it goes back
   * to the outbox and true is returned (autoResend.ts decides, and how often); otherwise the
   * caller marks it failed.
   */
  private takeBack(message: Message, error: CoreErrorData | undefined): boolean {
    const { accountId } = this.deps.conversations.get(message.conversationId);
    if (!this.autoResend.shouldRequeue(message, error, this.isReady(accountId))) return false;
    this.updated(this.deps.messages.setStatus(message.id, 'queued'));
    // Offline, the outbox drains when the account is ready again; online (the plugin refused
    // or lost one message while the core counts the account usable), after a pause, so that
    // a broken link is not hammered.
    if (this.isReady(accountId) && !this.resendTimers.has(accountId) && !this.closed()) {
      this.resendTimers.set(accountId, disposableTimeout(() => {
        this.resendTimers.delete(accountId);
        if (this.isReady(accountId)) void this.drain(accountId);
      }, RESEND_PAUSE_MS));
    }
    return true;
  }

  /** The network never answered: lost, like a message in flight when the connection drops. */
  private deadlinePassed(messageId: number): void {
    if (this.deps.messages.get(messageId)?.status !== 'sending') return;
    this.deps.storage.persist(() => {
      // Checked again on a retry: the confirmation may have been stored meanwhile.
      if (this.deps.messages.get(messageId)?.status !== 'sending') return;
      this.settle(String(messageId), 'failed', { error: { kind: 'network', message: deadlineReason(this.deadline.deadlineMs) } });
    });
  }

  /**
   * Hands a message to its plugin. Resolves false when the drain should stop: the message
   * went back to the outbox (nothing of it went out: the account was offline by then, or
   * the plugin's session was not usable; or it was lost where a resend cannot double it),
   * or the full disk held its new status.
   */
  private async transmit(message: Message): Promise<boolean> {
    const conversation = this.deps.conversations.get(message.conversationId);
    // A clock left from an earlier attempt must not cut this one short.
    this.deadline.disarm(message.id);
    try {
      const file = message.attachments?.[0];
      if (file) await this.upload(message, file, conversation.accountId, conversation.networkId);
      else await this.sendText(message, conversation.accountId, conversation.networkId);
      this.handedOver(message.id);
      return true;
    } catch (error) {
      if (!this.deps.storage.persist(() => this.refused(message.id, error))) return false;
      // Taken back into the outbox (takeBack): stop draining; it resumes after a pause, or
      // when the account is ready again.
      return this.deps.messages.get(message.id)?.status !== 'queued';
    }
  }

  private async sendText(message: Message, accountId: string, conversationId: string): Promise<void> {
    const reply = message.replyTo;
    await this.deps.accounts.call(accountId, 'sendMessage', [{
      conversationId, localId: String(message.id),
      kind: message.kind === 'event' ? 'text' : message.kind, body: message.body,
      ...(reply ? { replyTo: { networkId: reply.networkId, ...(reply.excerpt !== undefined ? { excerpt: reply.excerpt } : {}) } } : {}),
      ...(message.threadRootId !== undefined ? { threadRootId: message.threadRootId } : {}),
      ...(message.mentionIds !== undefined ? { mentionIds: message.mentionIds } : {}),
    }]);
  }

  /** A file message goes out as the file itself, from the copy kept for it (outgoingFiles.ts). */
  private async upload(message: Message, file: Attachment, accountId: string, conversationId: string): Promise<void> {
    const copy = { id: message.id, name: file.name };
    if (!this.deps.files?.has(copy)) {
      throw invalidRequest(`${file.name} is no longer kept for sending. Send the file again.`);
    }
    await this.deps.accounts.call(accountId, 'uploadFile', [{
      conversationId, localId: String(message.id), path: this.deps.files.pathOf(copy), name: file.name,
      mimeType: file.mimeType ?? 'application/octet-stream', size: file.size ?? 0,
    }]);
  }

  private message(messageId: number): Message {
    return requireMessage(this.deps.messages, messageId);
  }

  private updated(message: Message | undefined): Message {
    return announceUpdated(this.deps.events, message);
  }
}
