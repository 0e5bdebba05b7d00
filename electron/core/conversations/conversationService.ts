/**
 * What the user does with conversations: open and join them, leave them, read them, and
 * send messages into them. Each action is persisted before the network is asked, so that
 * what the user typed is never lost, and its outcome reaches the UI as events.
 */
import type { ProtocolErrorData } from '../../../protocols/api/index.js';
import type { ConversationView, MemberView, MessageCursor, MessageView } from '../../bridge/schemas.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { BridgeFault, invalidRequest, notFound } from '../bridge/bridgeFault.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import { toConversationView, type ConversationsRepository, type StoredConversation } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { MemberRegistry } from './memberRegistry.js';

/** Longest message body the core accepts from the UI (a 20 MB paste gets a clear error instead). */
export const MAX_MESSAGE_LENGTH = 100_000;

export interface ConversationServiceDeps {
  readonly accounts: AccountManager;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly members: MemberRegistry;
  readonly events: EventBatcher;
}

export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  list(): ConversationView[] {
    return this.deps.conversations.listOpen().map(toConversationView);
  }

  async joinRoom(accountId: string, room: string, password: string | undefined): Promise<ConversationView> {
    const manifest = this.deps.accounts.manifestOf(accountId);
    if (!manifest.capabilities.rooms) throw new BridgeFault({ kind: 'not-supported', message: `${manifest.name} has no rooms.` });
    const result = await this.deps.accounts.call(accountId, 'joinRoom', [{ room, ...(password ? { password } : {}) }]);
    const networkId = conversationIdOf(result) ?? room;
    return this.opened(this.deps.conversations.find(accountId, networkId)
      ?? this.deps.conversations.upsert({ accountId, networkId, kind: 'room', title: room }));
  }

  async openDirect(accountId: string, contactId: string): Promise<ConversationView> {
    const manifest = this.deps.accounts.manifestOf(accountId);
    if (!manifest.capabilities.directMessages) {
      throw new BridgeFault({ kind: 'not-supported', message: `${manifest.name} has no direct messages.` });
    }
    const result = await this.deps.accounts.call(accountId, 'openDirect', [contactId]).catch((error: unknown) => {
      // A plugin without openDirect can still send to the id the user typed.
      if (error instanceof BridgeFault && error.error.kind === 'not-supported') return undefined;
      throw error;
    });
    const networkId = conversationIdOf(result) ?? contactId;
    return this.opened(this.deps.conversations.find(accountId, networkId)
      ?? this.deps.conversations.upsert({ accountId, networkId, kind: 'direct', title: contactId }));
  }

  async leave(conversationId: number): Promise<void> {
    const conversation = this.get(conversationId);
    if (conversation.kind === 'room' && conversation.joined) {
      await this.deps.accounts.call(conversation.accountId, 'leaveRoom', [conversation.networkId]).catch(() => {
        // Offline or already gone: closing the tab must still work.
      });
    }
    this.deps.conversations.setOpen(conversationId, false);
    this.deps.members.clear(conversationId);
    this.deps.events.emit({ type: 'conversation.removed', payload: { conversationId } });
  }

  markRead(conversationId: number): void {
    this.get(conversationId);
    this.deps.conversations.markRead(conversationId);
    this.changed(conversationId);
  }

  page(conversationId: number, limit: number, before: MessageCursor | undefined): MessageView[] {
    this.get(conversationId);
    return this.deps.messages.page(conversationId, limit, before);
  }

  members(conversationId: number): MemberView[] {
    this.get(conversationId);
    return this.deps.members.list(conversationId);
  }

  /**
   * Stores the message as "sending", then hands it to the plugin. The reply is the stored
   * message; the network's verdict follows as message.updated.
   */
  send(conversationId: number, body: string, kind: 'text' | 'action' | 'notice'): MessageView {
    if (body.length > MAX_MESSAGE_LENGTH) {
      throw invalidRequest(`The message is too long (${body.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_LENGTH.toLocaleString('en')}). Send it as a file instead.`);
    }
    if (body.trim() === '') throw invalidRequest('The message is empty.');
    const conversation = this.get(conversationId);
    const selfId = this.deps.accounts.selfId(conversation.accountId);
    const stored = this.deps.messages.insert({
      conversationId, senderId: selfId ?? '', senderName: selfId ?? 'me', kind, body,
      timestamp: Date.now(), direction: 'out', status: 'sending',
    });
    if (!stored) throw new Error('the message was not stored');
    this.deps.conversations.touch(conversationId, stored.timestamp, 0);
    this.deps.events.emit({ type: 'message.added', payload: { message: stored } });
    this.changed(conversationId);
    this.deps.accounts.call(conversation.accountId, 'sendMessage', [{
      conversationId: conversation.networkId, localId: String(stored.id), kind, body,
    }]).catch((error: unknown) => this.failed(stored.id, error));
    return stored;
  }

  private failed(messageId: number, error: unknown): void {
    const data: ProtocolErrorData = error instanceof BridgeFault
      ? { kind: error.error.kind === 'invalid-request' || error.error.kind === 'not-found' ? 'protocol' : error.error.kind, message: error.error.message }
      : { kind: 'internal', message: String(error) };
    const updated = this.deps.messages.setStatus(messageId, 'failed', { error: data });
    if (updated) this.deps.events.emit({ type: 'message.updated', payload: { message: updated } });
  }

  private opened(conversation: StoredConversation): ConversationView {
    if (!conversation.open) this.deps.conversations.setOpen(conversation.id, true);
    const view = toConversationView({ ...conversation, open: true });
    this.deps.events.emit({ type: 'conversation.changed', payload: { conversation: view } });
    return view;
  }

  private changed(conversationId: number): void {
    const conversation = this.deps.conversations.get(conversationId);
    if (conversation) this.deps.events.emit({ type: 'conversation.changed', payload: { conversation: toConversationView(conversation) } });
  }

  private get(conversationId: number): StoredConversation {
    const conversation = this.deps.conversations.get(conversationId);
    if (!conversation) throw notFound('There is no such conversation.');
    return conversation;
  }
}

function conversationIdOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const value = (result as { conversationId?: unknown }).conversationId;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
