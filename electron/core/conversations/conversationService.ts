/**
 * What the user does with conversations and rooms: open, join, leave, read, type, set the
 * topic, invite, kick, change members' roles, the room's settings and its affiliation lists, destroy, browse the directory. Messages themselves are the MessageService's.
 */
import type { Capabilities, MemberRoleChange, RoomAffiliation, RoomDirectoryScope, RoomRef, RoomSettings } from '../../../protocols/api/index.js';
import type { ConversationView, MemberView, MessageCursor, RoomDirectoryEntry, RoomSettingsView, AffiliationEntryView } from '../../bridge/schemas.js';
import type { Message } from '../model/message.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { AccountOfflineError, CoreError, notFound, notSupported } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository, StoredConversation } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { RoomLeavesRepository } from '../store/roomLeavesRepository.js';
import type { ConversationViews } from './conversationViews.js';
import type { MemberRegistry } from './memberRegistry.js';

/** The capabilities a conversation's view carries (the plugin's, with the conversation's override). */
type ConversationCapability = keyof NonNullable<ConversationView['capabilities']>;

export interface ConversationServiceDeps {
  readonly accounts: AccountManager;
  readonly conversations: ConversationsRepository;
  /** Rooms left while offline, left on the network at the next login. */
  readonly leaves: RoomLeavesRepository;
  readonly messages: MessagesRepository;
  readonly members: MemberRegistry;
  readonly events: EventBatcher;
  readonly views: ConversationViews;
}

export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  list(): ConversationView[] {
    return this.deps.conversations.listOpen().map((c) => this.deps.views.view(c));
  }

  async joinRoom(accountId: string, room: string, password: string | undefined, nick?: string, via?: readonly string[]): Promise<ConversationView> {
    this.require(accountId, 'rooms', 'rooms');
    if (nick !== undefined) this.require(accountId, 'roomNicks', 'room nicks');
    const result = await this.deps.accounts.call(accountId, 'joinRoom', [{
      room, ...(password ? { password } : {}), ...(nick ? { nick } : {}), ...(via && via.length > 0 ? { via } : {}),
    }]);
    const networkId = result.conversationId;
    const conversation = this.deps.conversations.find(accountId, networkId)
      ?? this.deps.conversations.upsert({ accountId, networkId, kind: 'room', title: room });
    // Joined again on purpose: a leave still waiting from an offline moment is void.
    this.deps.leaves.remove(conversation.id);
    return this.opened(conversation);
  }

  /**
   * After a (re)connect, joins again the rooms the user had open, as Pidgin does with its
   * persistent chats. A room that refuses is marked not joined, with its tab kept. When the
   * plugin leaves joining to the core (`coreRejoinsRooms`), this is the only place rooms are
   * joined after a login: the rooms the network keeps for the account (`savedRooms`: XMPP
   * bookmarks with autojoin, IRC's autojoin setting) follow the open ones, each joined once
   * (the plugin answers at once for a room it is already in), all before the outbox drains.
   * First, the rooms the user left while offline are left on the network, so that none of
   * them comes back (an XMPP autojoin bookmark, IRC's saved channels, a Matrix membership).
   */
  async rejoinRooms(accountId: string): Promise<void> {
    const left = await this.leavePending(accountId);
    const rooms = this.deps.conversations.listOpen().filter((c) => c.accountId === accountId && c.kind === 'room' && c.joined);
    for (const room of rooms) {
      if (!this.deps.accounts.isOnline(accountId)) return;
      try {
        await this.deps.accounts.call(accountId, 'joinRoom', [{ room: room.networkId }]);
      } catch {
        this.deps.conversations.upsert({ accountId, networkId: room.networkId, kind: 'room', joined: false });
        this.deps.views.changed(room.id);
      }
    }
    if (this.deps.accounts.capabilitiesOf(accountId)?.coreRejoinsRooms !== true) return;
    const joined = new Set(rooms.map((room) => room.networkId));
    const saved = await this.deps.accounts.call(accountId, 'savedRooms', []).catch((): readonly RoomRef[] => []);
    for (const { room } of saved) {
      if (!this.deps.accounts.isOnline(accountId)) return;
      if (joined.has(room) || left.has(room)) continue;
      joined.add(room);
      // A saved room that refuses has no tab to mark: it stays out, as a refused autojoin did before.
      await this.deps.accounts.call(accountId, 'joinRoom', [{ room }]).catch(() => undefined);
    }
  }

  /**
   * Leaves on the network the rooms the user left while the account was offline; a leave the
   * network does not answer is tried again at the next login. Returns every such room's
   * network id: none of them is joined by this login.
   */
  private async leavePending(accountId: string): Promise<Set<string>> {
    const left = new Set<string>();
    for (const { conversationId, networkId } of this.deps.leaves.pending(accountId)) {
      left.add(networkId);
      if (!this.deps.accounts.isOnline(accountId)) continue;
      try {
        await this.deps.accounts.call(accountId, 'leaveRoom', [networkId]);
        this.deps.leaves.remove(conversationId);
        // A network that reports its rooms at login (Matrix) may have listed it again meanwhile.
        if (this.deps.conversations.get(conversationId)?.open === true) this.dropFromList(conversationId);
      } catch (error: unknown) {
        // The network refused (Matrix: "You are not in …", left from another device): nothing
        // is left to do. Else (offline again, no answer) the next login tries again.
        if (error instanceof CoreError && error.kind === 'protocol') this.deps.leaves.remove(conversationId);
      }
    }
    return left;
  }

  async openDirect(accountId: string, contactId: string): Promise<ConversationView> {
    this.require(accountId, 'directMessages', 'direct messages');
    const existing = this.deps.conversations.find(accountId, contactId);
    if (existing?.kind === 'direct') return this.opened(existing);
    const result = await this.deps.accounts.call(accountId, 'openDirect', [contactId]).catch((error: unknown) => {
      // A plugin without openDirect can still send to the id the user typed.
      if (error instanceof CoreError && error.kind === 'not-supported') return undefined;
      throw error;
    });
    const networkId = result?.conversationId ?? contactId;
    return this.opened(this.deps.conversations.find(accountId, networkId)
      ?? this.deps.conversations.upsert({ accountId, networkId, kind: 'direct', title: contactId }));
  }

  /**
   * "Leave room" (the user confirmed): parts the room on the network and drops it from the
   * conversation list. Closing a tab never comes here: tabs are the window's, not the core's.
   */
  async leave(conversationId: number): Promise<void> {
    const conversation = this.get(conversationId);
    // Offline, the network keeps counting the room as the user's (whether or not the plugin
    // marked it joined when the connection went): it is left there at the next login
    // (rejoinRooms). Online, a room already gone still leaves the user's list.
    const leaveLater = (): void => this.deps.leaves.add(conversationId);
    if (conversation.kind === 'room' && !this.deps.accounts.isOnline(conversation.accountId)) leaveLater();
    else if (conversation.kind === 'room' && conversation.joined) {
      await this.deps.accounts.call(conversation.accountId, 'leaveRoom', [conversation.networkId]).catch((error: unknown) => {
        if (error instanceof AccountOfflineError) leaveLater();
      });
    }
    this.dropFromList(conversationId);
  }

  private dropFromList(conversationId: number): void {
    this.deps.conversations.setOpen(conversationId, false);
    this.deps.members.clear(conversationId);
    this.deps.events.emit({ type: 'conversation.removed', payload: { conversationId } });
  }

  /**
   * Shows a stored conversation again, also one closed or left long ago (a search result,
   * imported history): it is marked open, and nothing is sent to the network. A room not
   * open was left, so it is shown as not joined: the reconnect's rejoin skips it, and the
   * user joins it again only on purpose.
   */
  show(conversationId: number): ConversationView {
    const conversation = this.get(conversationId);
    if (conversation.open || conversation.kind !== 'room' || !conversation.joined) return this.opened(conversation);
    return this.opened(this.deps.conversations.upsert({ accountId: conversation.accountId, networkId: conversation.networkId, kind: 'room', joined: false }));
  }

  /**
   * Resets the unread count and tells the network (read markers) when it can: up to the
   * newest message of the main log, or, for a thread the user reads (`threadRoot`, a
   * message id), of that thread (the network may keep them apart: Matrix threaded receipts).
   */
  markRead(conversationId: number, threadRoot?: number): void {
    const conversation = this.get(conversationId);
    let candidates: Message[];
    if (threadRoot === undefined) {
      this.deps.conversations.markRead(conversationId);
      this.deps.views.changed(conversationId);
      candidates = this.deps.messages.page(conversationId, 20).filter((m) => m.threadRootId === undefined);
    } else {
      const rootId = this.deps.messages.get(threadRoot)?.networkId;
      candidates = rootId === undefined ? [] : this.deps.messages.thread(conversationId, rootId, 20);
    }
    const newest = candidates.reverse().find((m) => m.direction === 'in' && m.networkId !== undefined);
    if (newest?.networkId !== undefined && this.has(conversation, 'receipts')) {
      this.deps.accounts.call(conversation.accountId, 'markRead', [conversation.networkId, newest.networkId]).catch(() => undefined);
    }
  }

  /** A thread's newest messages (`root`: the message id of its first message), oldest first. */
  thread(conversationId: number, root: number, limit: number): Message[] {
    this.get(conversationId);
    const rootId = this.deps.messages.get(root)?.networkId;
    return rootId === undefined ? [] : this.deps.messages.thread(conversationId, rootId, limit);
  }

  page(conversationId: number, limit: number, before: MessageCursor | undefined): Message[] {
    this.get(conversationId);
    return this.deps.messages.page(conversationId, limit, before);
  }

  members(conversationId: number): MemberView[] {
    this.get(conversationId);
    return this.deps.members.list(conversationId);
  }

  async setTyping(conversationId: number, state: 'active' | 'paused' | 'done'): Promise<void> {
    const conversation = this.get(conversationId);
    if (!this.has(conversation, 'typing')) return; // nothing to tell: not an error for the user
    await this.deps.accounts.call(conversation.accountId, 'sendTyping', [conversation.networkId, state]);
  }

  async setNick(conversationId: number, nick: string): Promise<void> {
    const conversation = this.roomWith(conversationId, 'roomNicks', 'room nicks');
    await this.deps.accounts.call(conversation.accountId, 'setRoomNick', [conversation.networkId, nick]);
  }

  async setTopic(conversationId: number, topic: string): Promise<void> {
    const conversation = this.roomWith(conversationId, 'topics', 'topics');
    await this.deps.accounts.call(conversation.accountId, 'setTopic', [conversation.networkId, topic]);
  }

  async invite(conversationId: number, contactId: string): Promise<void> {
    const conversation = this.roomWith(conversationId, 'invites', 'invitations');
    await this.deps.accounts.call(conversation.accountId, 'inviteToRoom', [conversation.networkId, contactId]);
  }

  async kick(conversationId: number, memberId: string, reason: string | undefined): Promise<void> {
    const conversation = this.roomWith(conversationId, 'kicks', 'kicking members');
    await this.deps.accounts.call(conversation.accountId, 'kickMember', reason ? [conversation.networkId, memberId, reason] : [conversation.networkId, memberId]);
  }

  async setMemberRole(conversationId: number, memberId: string, change: MemberRoleChange, reason: string | undefined): Promise<void> {
    const conversation = this.roomWith(conversationId, 'memberRoles', 'changing members\' roles');
    const args: [string, string, MemberRoleChange] = [conversation.networkId, memberId, change];
    await this.deps.accounts.call(conversation.accountId, 'setMemberRole', reason ? [...args, reason] : args);
  }

  async destroyRoom(conversationId: number, reason: string | undefined): Promise<void> {
    const conversation = this.roomWith(conversationId, 'destroyRooms', 'destroying rooms');
    await this.deps.accounts.call(conversation.accountId, 'destroyRoom', reason ? [conversation.networkId, reason] : [conversation.networkId]);
  }

  async roomSettings(conversationId: number): Promise<RoomSettingsView> {
    const conversation = this.roomWith(conversationId, 'roomSettings', 'room settings');
    const settings = await this.deps.accounts.call(conversation.accountId, 'roomSettings', [conversation.networkId]);
    return { ...settings };
  }

  async setRoomSettings(conversationId: number, settings: RoomSettingsView): Promise<void> {
    const conversation = this.roomWith(conversationId, 'roomSettings', 'room settings');
    const { membersOnly, persistent, moderated, password, name, description, publicListing } = settings;
    // Only the settings given travel (the API's fields are exact-optional: no `undefined`).
    const given: RoomSettings = {
      ...(membersOnly !== undefined ? { membersOnly } : {}), ...(persistent !== undefined ? { persistent } : {}),
      ...(moderated !== undefined ? { moderated } : {}), ...(password !== undefined ? { password } : {}),
      ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}),
      ...(publicListing !== undefined ? { publicListing } : {}),
    };
    await this.deps.accounts.call(conversation.accountId, 'setRoomSettings', [conversation.networkId, given]);
  }

  /** One of a room's affiliation lists by address, present or not (members, banned, admins, owners). */
  async affiliations(conversationId: number, affiliation: RoomAffiliation): Promise<AffiliationEntryView[]> {
    const conversation = this.roomWith(conversationId, 'affiliationLists', 'affiliation lists');
    const entries = await this.deps.accounts.call(conversation.accountId, 'roomAffiliations', [conversation.networkId, affiliation]);
    return entries.map((entry) => ({ ...entry }));
  }

  async setAffiliation(conversationId: number, address: string, affiliation: RoomAffiliation | 'none', reason: string | undefined): Promise<void> {
    const conversation = this.roomWith(conversationId, 'affiliationLists', 'affiliation lists');
    const args: [string, string, RoomAffiliation | 'none'] = [conversation.networkId, address, affiliation];
    await this.deps.accounts.call(conversation.accountId, 'setRoomAffiliation', reason ? [...args, reason] : args);
  }

  async directory(accountId: string, query: string, limit: number, scope: RoomDirectoryScope = {}): Promise<RoomDirectoryEntry[]> {
    this.require(accountId, 'roomDirectory', 'a room directory');
    if (scope.server !== undefined) this.require(accountId, 'roomDirectoryServers', 'the room directories of other servers');
    const entries = await this.deps.accounts.call(accountId, 'listRooms', scope.server === undefined && scope.space === undefined ? [query, limit] : [query, limit, scope]);
    return entries.slice(0, limit);
  }

  get(conversationId: number): StoredConversation {
    const conversation = this.deps.conversations.get(conversationId);
    if (!conversation) throw notFound('There is no such conversation.');
    return conversation;
  }

  /** The conversation's effective capability (plugin's, with the conversation's override). */
  has(conversation: StoredConversation, capability: ConversationCapability): boolean {
    return this.deps.views.view(conversation).capabilities?.[capability] === true;
  }

  private roomWith(conversationId: number, capability: ConversationCapability, what: string): StoredConversation {
    const conversation = this.get(conversationId);
    if (conversation.kind !== 'room') throw notSupported('This is not a room.');
    if (!this.has(conversation, capability)) throw notSupported(`This room does not support ${what}.`);
    return conversation;
  }

  private require(accountId: string, capability: keyof Capabilities, what: string): void {
    const manifest = this.deps.accounts.manifestOf(accountId);
    if (manifest.capabilities[capability] !== true) throw notSupported(`${manifest.name} has no ${what}.`);
  }

  private opened(conversation: StoredConversation): ConversationView {
    if (!conversation.open) this.deps.conversations.setOpen(conversation.id, true);
    const view = this.deps.views.view({ ...conversation, open: true });
    this.deps.events.emit({ type: 'conversation.changed', payload: { conversation: view } });
    return view;
  }
}
