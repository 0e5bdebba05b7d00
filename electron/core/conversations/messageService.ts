/**
 * What the user does with messages: send, correct, retract, react, and fetch older history
 * from the network. A message is stored before the network is asked, so that what the user
 * typed is never lost; from then on it is the outbox's (outbox/outboxService.ts), and the
 * network's verdict arrives as message.updated.
 */
import { rm } from 'node:fs/promises';
import { sanitizeFileName } from '../files/fileNames.js';
import type { OutgoingFileSource } from '../files/stagedFiles.js';
import { markupToHtml, parseMarkup } from '../../../protocols/api/index.js';
import { validHistoryMessages } from './protocolEventGuard.js';
import type { Message } from '../model/message.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { AccountOfflineError, invalidRequest, notSupported } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { OutboxService } from '../outbox/outboxService.js';
import type { OutgoingFiles } from '../outbox/outgoingFiles.js';
import type { ConversationService } from './conversationService.js';
import type { IncomingMessages } from './incomingMessages.js';
import { announceUpdated, requireMessage } from './storedMessages.js';

/** Longest message body the core accepts from the UI (a 20 MB paste gets a clear error instead). */
export const MAX_MESSAGE_LENGTH = 100_000;

export interface MessageServiceDeps {
  readonly accounts: AccountManager;
  readonly conversations: ConversationsRepository;
  readonly conversationService: ConversationService;
  readonly messages: MessagesRepository;
  readonly incoming: IncomingMessages;
  readonly events: EventBatcher;
  readonly outbox: OutboxService;
  /** Where the bytes of files being sent are kept until the network has them. */
  readonly files: OutgoingFiles;
  /** This machine's clock; default Date.now. */
  readonly now?: () => number;
}

/**
 * What the user typed, formatted as the plugins send it (protocols/api/markup.ts): the
 * user sees their message as the others do.
 */
function ownHtml(body: string): string | undefined {
  return markupToHtml(parseMarkup(body));
}

/** Largest file the bridge accepts (as base64 over Electron IPC, or a staged HTTP upload in headless mode). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

/** Where a message goes besides its conversation. */
export interface SendOptions {
  /** The thread's first message (or any message in the thread), for a reply in a thread. */
  readonly threadRoot?: number;
  /** Network ids of the members the user picked to mention. */
  readonly mentionIds?: readonly string[];
}

export class MessageService {
  /** This machine's clock, which dates what the user writes (injectable: tests set it wrong). */
  private readonly now: () => number;

  constructor(private readonly deps: MessageServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Stores the message and sends it now, or queues it in the outbox when its account is
   * not ready (it goes out, in order, when the account is back: OutboxService.drain).
   */
  send(conversationId: number, body: string, kind: 'text' | 'action' | 'notice', replyTo: number | undefined, options: SendOptions = {}): Message {
    checkBody(body);
    const conversation = this.deps.conversationService.get(conversationId);
    const threadRootId = this.threadRootOf(conversationId, options.threadRoot);
    const target = replyTo === undefined ? undefined : this.deps.messages.get(replyTo);
    if (replyTo !== undefined && (target?.conversationId !== conversationId || target.networkId === undefined)) {
      throw invalidRequest('The message you reply to cannot be referenced on this network.');
    }
    const reference = target?.networkId !== undefined
      ? { networkId: target.networkId, senderId: target.senderId, excerpt: target.body.slice(0, 140) }
      : undefined;
    const selfId = this.deps.accounts.selfId(conversation.accountId);
    // While the outbox is draining, a new message waits behind it: order is what the user typed.
    const direct = this.deps.outbox.goesOutNow(conversation.accountId);
    const html = ownHtml(body);
    const stored = this.deps.messages.insert({
      conversationId, senderId: selfId ?? '', senderName: selfId ?? 'me', kind, body,
      ...(html !== undefined ? { html } : {}),
      timestamp: this.now(), direction: 'out', status: direct ? 'sending' : 'queued',
      ...(reference ? { replyTo: reference } : {}),
      ...(threadRootId !== undefined ? { threadRootId } : {}),
      ...(options.mentionIds !== undefined && options.mentionIds.length > 0 ? { mentionIds: options.mentionIds } : {}),
    });
    if (!stored) throw new Error('the message was not stored');
    this.deps.conversations.touch(conversationId, stored.timestamp, 0);
    this.deps.events.emit({ type: 'message.added', payload: { message: stored } });
    this.deps.outbox.stored(stored, conversation.accountId);
    return stored;
  }

  /**
   * The network id of the thread a new message goes into: the thread of the message named
   * (a reply in a thread goes into that thread), which must be one of this conversation's.
   */
  private threadRootOf(conversationId: number, threadRoot: number | undefined): string | undefined {
    if (threadRoot === undefined) return undefined;
    const root = this.deps.messages.get(threadRoot);
    const rootId = root?.threadRootId ?? root?.networkId;
    if (root?.conversationId !== conversationId || rootId === undefined) {
      throw invalidRequest('The thread you reply in cannot be referenced on this network.');
    }
    return rootId;
  }

  /**
   * Sends a file: stored first as a message carrying the file as its attachment, with a
   * private copy of the bytes that the outbox hands to the plugin and keeps until the
   * network has the message (outbox/outgoingFiles.ts), so that Retry sends the file again.
   */
  async sendFile(conversationId: number, name: string, mimeType: string, source: OutgoingFileSource): Promise<Message> {
    let staged = 'staged' in source ? source.staged : undefined;
    try {
      const conversation = this.deps.conversationService.get(conversationId);
      if (!this.deps.conversationService.has(conversation, 'fileUpload')) {
        throw notSupported('This conversation cannot receive files.');
      }
      const size = 'bytes' in source ? source.bytes.length : source.staged.size;
      if (size > MAX_UPLOAD_BYTES) {
        throw invalidRequest(`The file is too large (${Math.round(size / 1e6)} MB; the limit is ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB).`);
      }
      if (!this.deps.accounts.isOnline(conversation.accountId)) {
        throw new AccountOfflineError('Files can be sent only while the account is connected.');
      }
      const safeName = sanitizeFileName(name);
      const selfId = this.deps.accounts.selfId(conversation.accountId);
      const kind = mimeType.startsWith('image/') ? 'image' : mimeType.startsWith('video/') ? 'video' : mimeType.startsWith('audio/') ? 'audio' : 'file';
      const status = this.deps.outbox.goesOutNow(conversation.accountId) ? 'sending' : 'queued';
      const stored = this.deps.messages.insert({
        conversationId, senderId: selfId ?? '', senderName: selfId ?? 'me', kind: 'text', body: safeName,
        timestamp: this.now(), direction: 'out', status,
        attachments: [{ url: '', name: safeName, mimeType, size, kind }],
      });
      if (!stored) throw new Error('the message was not stored');
      this.deps.events.emit({ type: 'message.added', payload: { message: stored } });
      try {
        await this.deps.files.keep({ id: stored.id, name: safeName }, source);
      } catch (error) {
        // Nothing of it can go out without its bytes: the message goes with them.
        this.deps.messages.remove(stored.id);
        this.deps.events.emit({ type: 'message.removed', payload: { conversationId, messageId: stored.id } });
        throw error;
      }
      staged = undefined;
      this.deps.outbox.stored(stored, conversation.accountId);
      return stored;
    } finally {
      // Refused before it was kept: the staged copy is ours to delete.
      if (staged) await rm(staged.path, { force: true });
    }
  }

  async edit(messageId: number, body: string): Promise<Message> {
    checkBody(body);
    const { message, conversation } = this.ownSent(messageId, 'edits', 'corrections');
    await this.deps.accounts.call(conversation.accountId, 'editMessage', [{
      conversationId: conversation.networkId, targetNetworkId: message.networkId, localId: `${message.id}-edit-${Date.now()}`, body,
    }]);
    return this.updated(this.deps.messages.edit(messageId, body, ownHtml(body)));
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
      throw notSupported('This conversation does not support reactions.');
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
    }]);
    // Asked for as older than the oldest stored message: the page goes before it, whatever the clocks say.
    const added = this.deps.incoming.storeHistory(conversation.accountId, conversation.networkId,
      validHistoryMessages(page.messages, conversation.networkId), oldest ? { olderThan: oldest.id } : {});
    return { added, complete: page.complete };
  }

  private ownSent(messageId: number, capability: 'edits' | 'deletes', what: string) {
    const message = this.message(messageId);
    if (message.direction !== 'out') throw invalidRequest('Only your own messages can be changed.');
    const conversation = this.deps.conversationService.get(message.conversationId);
    if (!this.deps.conversationService.has(conversation, capability)) {
      throw notSupported(`This conversation does not support ${what}.`);
    }
    const { networkId } = message;
    if (networkId === undefined) throw invalidRequest('This message has not reached the network yet.');
    return { message: { ...message, networkId }, conversation };
  }

  private message(messageId: number): Message {
    return requireMessage(this.deps.messages, messageId);
  }

  private updated(message: Message | undefined): Message {
    return announceUpdated(this.deps.events, message);
  }
}

function checkBody(body: string): void {
  if (body.length > MAX_MESSAGE_LENGTH) {
    throw invalidRequest(`The message is too long (${body.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_LENGTH.toLocaleString('en')}). Send it as a file instead.`);
  }
  if (body.trim() === '') throw invalidRequest('The message is empty.');
}
