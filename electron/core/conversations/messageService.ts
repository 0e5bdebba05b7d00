/**
 * What the user does with messages: send, correct, retract, react, and fetch older history
 * from the network. A message is stored before the network is asked, so that what the user
 * typed is never lost; the network's verdict arrives as message.updated.
 */
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sanitizeFileName } from '../files/fileNames.js';
import type { OutgoingFileSource } from '../files/stagedFiles.js';
import type { HistoryPage, ProtocolErrorData } from '../../../protocols/api/index.js';
import { validHistoryMessages } from './protocolEventGuard.js';
import type { BridgeError, MessageView } from '../../bridge/schemas.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { AccountOfflineFault, BridgeFault, invalidRequest, notFound } from '../bridge/bridgeFault.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { StorageHealth } from '../profile/storageHealth.js';
import type { ConversationService } from './conversationService.js';
import { AutoResend } from './autoResend.js';
import { deadlineReason, SendDeadline } from './sendDeadline.js';
import type { IncomingMessages } from './incomingMessages.js';

/** Longest message body the core accepts from the UI (a 20 MB paste gets a clear error instead). */
export const MAX_MESSAGE_LENGTH = 100_000;

export interface MessageServiceDeps {
  readonly accounts: AccountManager;
  readonly conversations: ConversationsRepository;
  readonly conversationService: ConversationService;
  readonly messages: MessagesRepository;
  readonly incoming: IncomingMessages;
  readonly events: EventBatcher;
  /** Where a write the full disk refused is reported and retried. */
  readonly storage: StorageHealth;
  /** Where files wait while a plugin uploads them. */
  readonly uploadsDir: string;
  /** How long a handed-over message may stay unconfirmed (sendDeadline.ts); default two minutes. */
  readonly sendDeadlineMs?: number;
  /** This machine's clock; default Date.now. */
  readonly now?: () => number;
}

/** Largest file the bridge accepts (as base64 over Electron IPC, or a staged HTTP upload in headless mode). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

/** Pause before the outbox retries a message the network lost while the account stayed online. */
const RESEND_PAUSE_MS = 1000;

export class MessageService {
  private readonly flushing = new Set<string>();
  private readonly autoResend: AutoResend;
  private readonly resendTimers = new Map<string, NodeJS.Timeout>();
  private readonly deadline: SendDeadline;

  /** This machine's clock, which dates what the user writes (injectable: tests set it wrong). */
  private readonly now: () => number;

  constructor(private readonly deps: MessageServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.autoResend = new AutoResend((message) =>
      this.deps.conversationService.has(this.deps.conversationService.get(message.conversationId), 'resendSafe'));
    this.deadline = new SendDeadline((messageId) => this.deadlinePassed(messageId), deps.sendDeadlineMs);
  }

  /**
   * Stores the message and sends it now, or queues it in the outbox when its account is
   * offline (it goes out, in order, when the account is back: {@link flushOutbox}).
   */
  send(conversationId: number, body: string, kind: 'text' | 'action' | 'notice', replyTo: number | undefined): MessageView {
    checkBody(body);
    const conversation = this.deps.conversationService.get(conversationId);
    const target = replyTo === undefined ? undefined : this.deps.messages.get(replyTo);
    if (replyTo !== undefined && (target?.conversationId !== conversationId || target.networkId === undefined)) {
      throw invalidRequest('The message you reply to cannot be referenced on this network.');
    }
    const reference = target?.networkId !== undefined
      ? { networkId: target.networkId, senderId: target.senderId, excerpt: target.body.slice(0, 140) }
      : undefined;
    const selfId = this.deps.accounts.selfId(conversation.accountId);
    // While the outbox is draining, a new message waits behind it: order is what the user typed.
    const direct = this.deps.accounts.isOnline(conversation.accountId) && !this.flushing.has(conversation.accountId)
      && this.deps.messages.nextQueued(conversation.accountId) === undefined;
    const stored = this.deps.messages.insert({
      conversationId, senderId: selfId ?? '', senderName: selfId ?? 'me', kind, body,
      timestamp: this.now(), direction: 'out', status: direct ? 'sending' : 'queued',
      ...(reference ? { replyTo: reference } : {}),
    });
    if (!stored) throw new Error('the message was not stored');
    this.deps.conversations.touch(conversationId, stored.timestamp, 0);
    this.deps.events.emit({ type: 'message.added', payload: { message: stored } });
    if (direct) void this.transmit(stored);
    else if (this.deps.accounts.isOnline(conversation.accountId)) void this.flushOutbox(conversation.accountId);
    return stored;
  }

  /**
   * Sends a file: stored first as a message carrying the file as its attachment, then handed
   * to the plugin from a private temporary copy that is deleted once the plugin is done.
   */
  async sendFile(conversationId: number, name: string, mimeType: string, source: OutgoingFileSource): Promise<MessageView> {
    let staged = 'staged' in source ? source.staged : undefined;
    try {
      const conversation = this.deps.conversationService.get(conversationId);
      if (!this.deps.conversationService.has(conversation, 'fileUpload')) {
        throw new BridgeFault({ kind: 'not-supported', message: 'This conversation cannot receive files.' });
      }
      const size = 'bytes' in source ? source.bytes.length : source.staged.size;
      if (size > MAX_UPLOAD_BYTES) {
        throw invalidRequest(`The file is too large (${Math.round(size / 1e6)} MB; the limit is ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB).`);
      }
      if (!this.deps.accounts.isOnline(conversation.accountId)) {
        throw new AccountOfflineFault('Files can be sent only while the account is connected.');
      }
      const safeName = sanitizeFileName(name);
      const selfId = this.deps.accounts.selfId(conversation.accountId);
      const kind = mimeType.startsWith('image/') ? 'image' : mimeType.startsWith('video/') ? 'video' : mimeType.startsWith('audio/') ? 'audio' : 'file';
      const stored = this.deps.messages.insert({
        conversationId, senderId: selfId ?? '', senderName: selfId ?? 'me', kind: 'text', body: safeName,
        timestamp: this.now(), direction: 'out', status: 'sending',
        attachments: [{ url: '', name: safeName, mimeType, size, kind }],
      });
      if (!stored) throw new Error('the message was not stored');
      this.deps.events.emit({ type: 'message.added', payload: { message: stored } });
      await mkdir(this.deps.uploadsDir, { recursive: true, mode: 0o700 });
      const path = join(this.deps.uploadsDir, `${stored.id}-${safeName}`);
      if ('bytes' in source) await writeFile(path, source.bytes, { mode: 0o600 });
      else await moveFile(source.staged.path, path);
      staged = undefined;
      this.deps.accounts.call(conversation.accountId, 'uploadFile', [{
        conversationId: conversation.networkId, localId: String(stored.id), path, name: safeName, mimeType, size,
      }]).then(() => this.awaitConfirmation(stored.id), (error: unknown) => {
        this.deps.incoming.settleOutgoing(String(stored.id), 'failed', { error: toErrorData(error) });
      }).finally(() => void rm(path, { force: true }));
      return stored;
    } finally {
      // Refused before it was handed on: the staged copy is ours to delete.
      if (staged) await rm(staged.path, { force: true });
    }
  }

  /** Sends an account's queued messages, one after the other, in the order they were written. */
  async flushOutbox(accountId: string): Promise<void> {
    if (this.flushing.has(accountId)) return;
    this.flushing.add(accountId);
    try {
      // One at a time, re-reading the outbox: messages written meanwhile join the end of it.
      for (let message = this.deps.messages.nextQueued(accountId); message; message = this.deps.messages.nextQueued(accountId)) {
        if (!this.deps.accounts.isOnline(accountId)) return;
        let sending: MessageView | undefined;
        try {
          sending = this.deps.messages.setStatus(message.id, 'sending');
        } catch (error) {
          // The disk is full: the message stays queued (on disk and here) and the outbox
          // is flushed again once writes go through.
          if (this.deps.storage.failed(error, () => void this.flushOutbox(accountId))) return;
          throw error;
        }
        if (sending) this.deps.events.emit({ type: 'message.updated', payload: { message: sending } });
        if (!await this.transmit(message)) return;
      }
    } finally {
      this.flushing.delete(accountId);
    }
  }

  /** Puts a failed message back in the outbox. */
  retry(messageId: number): MessageView {
    const message = this.message(messageId);
    if (message.direction !== 'out' || (message.status !== 'failed' && message.status !== 'queued')) {
      throw invalidRequest('Only a message that failed can be sent again.');
    }
    const queued = this.updated(this.deps.messages.setStatus(messageId, 'queued'));
    const { accountId } = this.deps.conversationService.get(message.conversationId);
    if (this.deps.accounts.isOnline(accountId)) void this.flushOutbox(accountId);
    return queued;
  }

  /** Drops a message of the user's that has not gone out. */
  cancel(messageId: number): void {
    const message = this.message(messageId);
    if (message.direction !== 'out' || (message.status !== 'failed' && message.status !== 'queued')) {
      throw invalidRequest('Only a queued or failed message can be cancelled.');
    }
    this.deps.messages.remove(messageId);
    this.deps.events.emit({ type: 'message.removed', payload: { conversationId: message.conversationId, messageId } });
  }

  /**
   * The account lost its connection: messages handed to the network and not yet confirmed
   * may or may not have arrived. They are marked failed (retryable) rather than silently
   * assumed sent or resent twice. A plugin that confirms on write never leaves any here;
   * that is the limit of what such a network can promise.
   */
  connectionLost(accountId: string): void {
    for (const id of this.deps.messages.unconfirmedOf(accountId)) {
      this.deps.incoming.settleOutgoing(String(id), 'failed', {
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
    const error: BridgeError = { kind: 'network', message: 'Switchboard stopped before the network confirmed this message. Retry to send it again.' };
    for (const id of this.deps.messages.interruptedSends()) {
      const message = this.deps.messages.get(id);
      if (message && this.autoResend.shouldRequeue(message, error)) this.deps.messages.setStatus(id, 'queued');
      else this.deps.messages.setStatus(id, 'failed', { error });
    }
  }

  /**
   * The network lost one of the user's messages in flight. Where the conversation is
   * `resendSafe` it goes back to the outbox (same local id, so the network drops a copy
   * that did arrive) and true is returned; otherwise the caller marks it failed.
   */
  takeBackLost(message: MessageView, error: BridgeError | undefined): boolean {
    if (!this.autoResend.shouldRequeue(message, error)) return false;
    this.updated(this.deps.messages.setStatus(message.id, 'queued'));
    const { accountId } = this.deps.conversationService.get(message.conversationId);
    // Offline, the outbox drains when the account is back; online (one message refused
    // for a network reason), after a pause, so that a broken link is not hammered.
    if (this.deps.accounts.isOnline(accountId) && !this.resendTimers.has(accountId)) {
      const timer = setTimeout(() => {
        this.resendTimers.delete(accountId);
        if (this.deps.accounts.isOnline(accountId)) void this.flushOutbox(accountId);
      }, RESEND_PAUSE_MS);
      timer.unref();
      this.resendTimers.set(accountId, timer);
    }
    return true;
  }

  /** One of the user's messages was confirmed: its automatic resends are over. */
  confirmed(messageId: number): void {
    this.autoResend.settled(messageId);
    this.deadline.disarm(messageId);
  }

  /** Stops the clocks of messages in flight (the core is closing; the next start handles them). */
  dispose(): void {
    this.deadline.dispose();
    for (const timer of this.resendTimers.values()) clearTimeout(timer);
    this.resendTimers.clear();
  }

  /** The plugin took the message: from now on the network has {@link SendDeadline} to settle it. */
  private awaitConfirmation(messageId: number): void {
    if (this.deps.messages.get(messageId)?.status === 'sending') this.deadline.arm(messageId);
  }

  /** The network never answered: lost, like a message in flight when the connection drops. */
  private deadlinePassed(messageId: number): void {
    if (this.deps.messages.get(messageId)?.status !== 'sending') return;
    this.deps.storage.persist(() => {
      // Checked again on a retry: the confirmation may have been stored meanwhile.
      if (this.deps.messages.get(messageId)?.status !== 'sending') return;
      this.deps.incoming.settleOutgoing(String(messageId), 'failed', {
        error: { kind: 'network', message: deadlineReason(this.deadline.deadlineMs) },
      });
    });
  }

  /**
   * Hands a message to its plugin. Resolves false when the account was offline by then, in
   * which case the message goes back to the outbox, untouched by the network.
   */
  private async transmit(message: MessageView): Promise<boolean> {
    const conversation = this.deps.conversationService.get(message.conversationId);
    const reply = message.replyTo;
    // A clock left from an earlier attempt must not cut this one short.
    this.deadline.disarm(message.id);
    try {
      await this.deps.accounts.call(conversation.accountId, 'sendMessage', [{
        conversationId: conversation.networkId, localId: String(message.id),
        kind: message.kind === 'event' ? 'text' : message.kind, body: message.body,
        ...(reply ? { replyTo: { networkId: reply.networkId, ...(reply.excerpt !== undefined ? { excerpt: reply.excerpt } : {}) } } : {}),
      }]);
      this.awaitConfirmation(message.id);
      return true;
    } catch (error) {
      if (error instanceof AccountOfflineFault) {
        this.deps.storage.persist(() => this.updated(this.deps.messages.setStatus(message.id, 'queued')));
        return false;
      }
      if (!this.deps.storage.persist(() => this.deps.incoming.settleOutgoing(String(message.id), 'failed', { error: toErrorData(error) }))) return false;
      // Taken back into the outbox (takeBackLost): stop draining; it resumes after a pause.
      return this.deps.messages.get(message.id)?.status !== 'queued';
    }
  }

  async edit(messageId: number, body: string): Promise<MessageView> {
    checkBody(body);
    const { message, conversation } = this.ownSent(messageId, 'edits', 'corrections');
    await this.deps.accounts.call(conversation.accountId, 'editMessage', [{
      conversationId: conversation.networkId, targetNetworkId: message.networkId, localId: `${message.id}-edit-${Date.now()}`, body,
    }]);
    return this.updated(this.deps.messages.edit(messageId, body, undefined));
  }

  async delete(messageId: number): Promise<void> {
    const { message, conversation } = this.ownSent(messageId, 'deletes', 'retracting messages');
    await this.deps.accounts.call(conversation.accountId, 'deleteMessage', [conversation.networkId, message.networkId]);
    this.updated(this.deps.messages.markDeleted(messageId));
  }

  async react(messageId: number, reactions: readonly string[]): Promise<void> {
    const message = this.message(messageId);
    const conversation = this.deps.conversationService.get(message.conversationId);
    if (!this.deps.conversationService.has(conversation, 'reactions')) {
      throw new BridgeFault({ kind: 'not-supported', message: 'This conversation does not support reactions.' });
    }
    if (message.networkId === undefined) throw invalidRequest('This message has no id on the network yet.');
    await this.deps.accounts.call(conversation.accountId, 'react', [conversation.networkId, message.networkId, reactions]);
    const selfId = this.deps.accounts.selfId(conversation.accountId) ?? '';
    this.updated(this.deps.messages.setReactions(messageId, { id: selfId, name: selfId, mine: true }, reactions));
  }

  /** Pages history from the network, older than what is stored; stores it without announcing it. */
  async fetchOlder(conversationId: number, limit: number): Promise<{ added: number; complete: boolean }> {
    const conversation = this.deps.conversationService.get(conversationId);
    if (!this.deps.conversationService.has(conversation, 'history')) return { added: 0, complete: true };
    const oldest = this.deps.messages.oldestOf(conversationId);
    const page = await this.deps.accounts.call(conversation.accountId, 'fetchHistory', [{
      conversationId: conversation.networkId,
      ...(oldest ? { before: { timestamp: oldest.timestamp, ...(oldest.networkId !== undefined ? { networkId: oldest.networkId } : {}) } } : {}),
      limit,
    }]) as Partial<HistoryPage> | null;
    // Asked for as older than the oldest stored message: the page goes before it, whatever the clocks say.
    const added = this.deps.incoming.storeHistory(conversation.accountId, conversation.networkId,
      validHistoryMessages(page?.messages, conversation.networkId), oldest ? { olderThan: oldest.id } : {});
    return { added, complete: page?.complete === true };
  }

  private ownSent(messageId: number, capability: 'edits' | 'deletes', what: string) {
    const message = this.message(messageId);
    if (message.direction !== 'out') throw invalidRequest('Only your own messages can be changed.');
    const conversation = this.deps.conversationService.get(message.conversationId);
    if (!this.deps.conversationService.has(conversation, capability)) {
      throw new BridgeFault({ kind: 'not-supported', message: `This conversation does not support ${what}.` });
    }
    const { networkId } = message;
    if (networkId === undefined) throw invalidRequest('This message has not reached the network yet.');
    return { message: { ...message, networkId }, conversation };
  }

  private message(messageId: number): MessageView {
    const message = this.deps.messages.get(messageId);
    if (!message) throw notFound('There is no such message.');
    return message;
  }

  private updated(message: MessageView | undefined): MessageView {
    if (!message) throw notFound('The message vanished.');
    this.deps.events.emit({ type: 'message.updated', payload: { message } });
    return message;
  }
}

function checkBody(body: string): void {
  if (body.length > MAX_MESSAGE_LENGTH) {
    throw invalidRequest(`The message is too long (${body.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_LENGTH.toLocaleString('en')}). Send it as a file instead.`);
  }
  if (body.trim() === '') throw invalidRequest('The message is empty.');
}

function toErrorData(error: unknown): ProtocolErrorData {
  if (error instanceof BridgeFault) {
    const kind = error.error.kind === 'invalid-request' || error.error.kind === 'not-found' ? 'protocol' : error.error.kind;
    return { kind, message: error.error.message };
  }
  return { kind: 'internal', message: String(error) };
}

/** A rename, or a copy where the two folders are on different file systems. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch {
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}
