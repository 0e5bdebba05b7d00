/**
 * A stand-in for the accounts' connections in the outbox's unit tests: what a plugin call
 * would do on a network where only a room's occupants may send to it (XEP-0045 §7.4, IRC
 * +n). A fake is enough here: these tests check the outbox's order and bookkeeping; the
 * real networks are tested in test/integration (outbox-rooms.test.ts, fault-*.test.ts).
 */
import type { BridgeEvent } from '../../bridge/contract.js';
import type { Message } from '../model/message.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { AccountOfflineError, CoreError } from '../model/coreError.js';
import { ConversationService } from '../conversations/conversationService.js';
import { ConversationViews } from '../conversations/conversationViews.js';
import { MemberRegistry } from '../conversations/memberRegistry.js';
import type { Capabilities, ConnectionArgs, ConnectionMethod, ConnectionResult } from '../../../protocols/api/index.js';
import { parseConnectionResult } from '../../../protocols/api/validation/index.js';
import { StorageHealth } from '../profile/storageHealth.js';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { RoomLeavesRepository } from '../store/roomLeavesRepository.js';
import { openDatabase } from '../store/database.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { OutboxService } from './outboxService.js';

export class FakeConnection {
  private readonly online = new Set<string>();
  private readonly joined = new Set<string>();
  /** Every call the outbox made, as `method target`. */
  readonly calls: string[] = [];
  /** Bodies the network accepted, in order. */
  readonly delivered: string[] = [];
  /** A send that has not been answered yet holds the line until `release` (or `refuseHeld`). */
  private holding: { readonly release: () => void; readonly refuse: (error: Error) => void } | undefined;
  holdSends = false;
  /**
   * How many of the next sends the plugin refuses before writing anything (its session not
   * usable yet, as XMPP's while a resumption ends): `ProtocolErrorData.notSent`.
   */
  refuseUnsent = 0;
  /** How many of the next sends the plugin takes but keeps unwritten (XMPP holds them while its session resumes). */
  keepUnwritten = 0;
  /** What the account's plugin declares; `coreRejoinsRooms` makes the core ask for {@link savedRooms}. */
  capabilities: Capabilities = { rooms: true };
  /** The rooms the network keeps for the account (`savedRooms`). */
  savedRooms: string[] = [];
  /** How the network answers the next `leaveRoom`s (a refusal or a timeout), instead of leaving. */
  leaveFailures: CoreError[] = [];

  capabilitiesOf(): Capabilities {
    return this.capabilities;
  }

  /** The parts of the plugin's manifest the conversation service checks. */
  manifestOf(): { readonly capabilities: Capabilities } {
    return { capabilities: this.capabilities };
  }

  isOnline(accountId: string): boolean {
    return this.online.has(accountId);
  }

  connect(accountId: string): void {
    this.online.add(accountId);
  }

  /** The connection drops: the rooms are left with it. */
  drop(accountId: string): void {
    this.online.delete(accountId);
    this.joined.clear();
  }

  release(): void {
    const holding = this.holding;
    this.holding = undefined;
    holding?.release();
  }

  /** The held send is answered with a refusal. */
  refuseHeld(error: Error): void {
    const holding = this.holding;
    this.holding = undefined;
    holding?.refuse(error);
  }

  async call<M extends ConnectionMethod>(accountId: string, method: M, args: ConnectionArgs<M>): Promise<ConnectionResult<M>> {
    if (!this.online.has(accountId)) throw new AccountOfflineError('The account is not connected.');
    const first: unknown = args[0];
    const request = (typeof first === 'string' ? { conversationId: first } : first ?? {}) as { room?: string; conversationId?: string; body?: string; status?: string };
    this.calls.push(`${method} ${request.room ?? request.conversationId ?? request.status ?? ''}`.trim());
    await Promise.resolve(); // a network answers later, never in the same tick
    if (method === 'savedRooms') return parseConnectionResult(method, this.savedRooms.map((room) => ({ room })));
    if (method === 'leaveRoom') {
      const failure = this.leaveFailures.shift();
      if (failure) throw failure;
      // As XMPP's autojoin bookmark and IRC's saved channels: leaving forgets the room.
      this.joined.delete(request.conversationId ?? '');
      this.savedRooms = this.savedRooms.filter((room) => room !== request.conversationId);
      return parseConnectionResult(method, null);
    }
    if (method === 'joinRoom' && request.room !== undefined) {
      this.joined.add(request.room);
      return parseConnectionResult(method, { conversationId: request.room });
    }
    if (method === 'sendMessage') {
      const target = request.conversationId ?? '';
      if (target.startsWith('#') && !this.joined.has(target)) {
        throw new CoreError({ kind: 'protocol', message: `You are not in ${target}.` });
      }
      if (this.refuseUnsent > 0) {
        this.refuseUnsent--;
        throw new CoreError({ kind: 'network', message: 'This account is not connected.', notSent: true });
      }
      if (this.keepUnwritten > 0) {
        this.keepUnwritten--;
        return parseConnectionResult(method, null);
      }
      if (this.holdSends) await new Promise<void>((release, refuse) => { this.holding = { release, refuse }; });
      this.delivered.push(request.body ?? '');
    }
    return parseConnectionResult(method, null);
  }
}

/** An outbox on an in-memory database, with one account (`a1`), a direct chat, a room and a resend-safe chat. */
export function outboxWorld(options: { sendDeadlineMs?: number } = {}) {
  const db = openDatabase(':memory:');
  new AccountsRepository(db).insert({ id: 'a1', pluginId: 'fake', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversationsRepository = new ConversationsRepository(db);
  const messages = new MessagesRepository(db);
  const events = new EventBatcher(1);
  const seen: BridgeEvent[] = [];
  events.subscribe((batch) => void seen.push(...batch));
  const storage = new StorageHealth('/profile', events, () => undefined, () => undefined, () => 4096, 10);
  const connection = new FakeConnection();
  const views = new ConversationViews(conversationsRepository, events, () => ({ rooms: true }));
  const accounts = connection as unknown as AccountManager;
  const conversations = new ConversationService({
    accounts, conversations: conversationsRepository, leaves: new RoomLeavesRepository(db), messages, members: new MemberRegistry(), events, views,
  });
  const resendSafe = (conversationId: number): boolean => conversationsRepository.get(conversationId)?.networkId.startsWith('safe-') === true;
  const outbox = new OutboxService({
    accounts: connection,
    conversations: { get: (id) => conversations.get(id), has: (conversation, capability) => capability === 'resendSafe' && resendSafe(conversation.id) },
    messages, events, storage,
    ...(options.sendDeadlineMs !== undefined ? { sendDeadlineMs: options.sendDeadlineMs } : {}),
  });
  const direct = conversationsRepository.upsert({ accountId: 'a1', networkId: 'bob', kind: 'direct', title: 'bob' });
  const room = conversationsRepository.upsert({ accountId: 'a1', networkId: '#room', kind: 'room', title: '#room', joined: true });
  const safe = conversationsRepository.upsert({ accountId: 'a1', networkId: 'safe-carol', kind: 'direct', title: 'carol' });
  /** What MessageService.send does with a message the user wrote. */
  const write = (conversationId: number, body: string): Message => {
    const status = outbox.goesOutNow('a1') ? 'sending' : 'queued';
    const stored = messages.insert({ conversationId, senderId: 'me', senderName: 'me', kind: 'text', body, timestamp: Date.now(), direction: 'out', status });
    if (!stored) throw new Error('not stored');
    outbox.stored(stored, 'a1');
    return stored;
  };
  const statuses = (conversationId: number): string[] =>
    messages.page(conversationId, 50).filter((m) => m.direction === 'out').map((m) => `${m.body}: ${m.status}`);
  const close = async (): Promise<void> => {
    await outbox.dispose();
    storage.dispose();
    events.dispose();
    db.close();
  };
  return { db, messages, events, seen, connection, conversations, conversationsRepository, outbox, direct, room, safe, write, statuses, close };
}
