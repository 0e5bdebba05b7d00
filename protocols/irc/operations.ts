/**
 * The ProtocolConnection operations of the IRC plugin, over the current Session, and the
 * irc-framework events a session follows. ircConnection.ts adds the socket's life.
 */
import type { IrcClient, IrcClientEventMap } from 'irc-framework';
import {
  ProtocolError,
  type Contact, type DownloadRequest, type DownloadResult, type HistoryPage, type UploadRequest, type HistoryRequest, type JoinRoomRequest, type OwnPresence, type ProtocolEvent,
  type RoomDirectoryEntry, type RoomRef, type SendMessageRequest,
} from '../api/index.js';
import { runCommand } from './commands.js';
import { isChatConversation } from './dcc/dccChat.js';
import { channelName, directNick } from './outgoing.js';
import { DEFAULT_NAME_RULES } from './names.js';
import { onSetname } from './realname.js';
import { REQUEST_TIMEOUT_MS, type Session } from './session.js';

function notConnected(): ProtocolError {
  return new ProtocolError('network', 'This IRC account is not connected.', { notSent: true });
}

type On = <E extends keyof IrcClientEventMap>(event: E, handler: (...args: IrcClientEventMap[E]) => void) => void;

export abstract class IrcOperations {
  protected session: Session | undefined;

  protected abstract emit(event: ProtocolEvent): void;

  /**
   * The registered session. Without one nothing is written, and the refusal says so
   * (`notSent`): the socket may have closed while the core still counts the account online
   * (the `failed` state is on its way), and the core keeps a message for after the reconnect.
   */
  protected requireOnline(): Session {
    if (!this.session) throw notConnected();
    return this.session;
  }

  /** The live events of a registered session. */
  protected wireSession(client: IrcClient, on: On): void {
    const with_ = (fn: (session: Session) => void): void => {
      if (this.session && this.session.client === client) fn(this.session);
    };
    on('privmsg', (event) => with_((s) => s.onMessage('text', event)));
    on('action', (event) => with_((s) => s.onMessage('action', event)));
    on('notice', (event) => with_((s) => s.onMessage('notice', event)));
    on('ctcp request', (event) => with_((s) => s.onCtcpRequest(event)));
    on('motd', (event) => {
      if (event.motd) this.emit({ type: 'server.notice', text: event.motd, timestamp: Date.now() });
    });
    on('join', (event) => with_((s) => {
      s.rooms.onJoin(event);
      if (!s.rooms.isSelf(event.nick) || !event.channel) return;
      const id = s.names.fold(event.channel);
      s.joins.settle(id);
      s.saved.add(event.channel);
      s.history.catchUp(event.channel);
    }));
    on('part', (event) => with_((s) => {
      s.rooms.onPart(event);
      if (!s.rooms.isSelf(event.nick) || !event.channel) return;
      s.parts.settle(s.names.fold(event.channel));
      s.saved.remove(event.channel);
    }));
    on('kick', (event) => with_((s) => {
      s.rooms.onKick(event);
      if (event.channel && s.rooms.isSelf(event.kicked)) s.saved.remove(event.channel);
    }));
    on('quit', (event) => with_((s) => s.rooms.onQuit(event)));
    on('account', (event) => with_((s) => { if (event.nick) s.rooms.onAccount(event.nick, event.account); }));
    on('topic', (event) => with_((s) => s.rooms.onTopic(event)));
    on('userlist', (event) => with_((s) => {
      s.rooms.onUserlist(event);
      if (event.channel) s.accounts.ask(event.channel);
    }));
    on('mode', (event) => with_((s) => s.rooms.onMode(event)));
    on('user updated', (event) => with_((s) => onSetname({
      emit: (e) => this.emit(e), names: s.names, selfNick: () => s.nick, roomsWith: (nick) => s.rooms.roomsWith(nick),
      knownDirect: s.knownDirect, notice: (text) => s.notice(text),
    }, event.nick, event.new_gecos, event.time)));
    on('nick', (event) => with_((s) => {
      const self = s.rooms.isSelf(event.nick);
      s.rooms.onNick(event);
      if (self && event.new_nick) {
        s.nick = event.new_nick;
        this.emit({ type: 'connection.state', state: 'online', selfId: s.names.fold(s.nick) });
      } else if (event.nick && event.new_nick) {
        s.followNick(event.nick, event.new_nick);
      }
    }));
  }

  /**
   * JOIN (RFC 2812 §3.2.1). Without a key, the one remembered for the channel is sent: the
   * core rejoins a keyed channel after a reconnect by its name alone.
   */
  async joinRoom(request: JoinRoomRequest): Promise<{ readonly conversationId: string }> {
    const session = this.requireOnline();
    const name = channelName(session.names, request.room, request.password);
    const id = session.names.fold(name);
    if (session.rooms.has(id)) return { conversationId: id };
    const key = request.password ?? await session.rememberedKey(name);
    if (session.rooms.has(id)) return { conversationId: id };
    const joined = session.joins.wait(id, REQUEST_TIMEOUT_MS, () => new ProtocolError('network', `The server did not answer the request to join ${name}.`));
    session.send(key ? `JOIN ${name} ${key}` : `JOIN ${name}`);
    await joined;
    if (request.password) session.saved.add(name, request.password);
    return { conversationId: id };
  }

  /** `coreRejoinsRooms`: the autojoin setting's channels, which the core joins after each login. */
  savedRooms(): Promise<readonly RoomRef[]> {
    return Promise.resolve(this.requireOnline().savedRoomRefs());
  }

  async leaveRoom(conversationId: string, reason?: string): Promise<void> {
    const session = this.requireOnline();
    const id = session.names.fold(conversationId);
    if (!session.rooms.has(id)) {
      session.saved.remove(id);
      return;
    }
    const left = session.parts.wait(id, REQUEST_TIMEOUT_MS, () => new ProtocolError('network', `The server did not answer the request to leave ${conversationId}.`));
    session.send(reason ? `PART ${id} :${reason}` : `PART ${id}`);
    await left;
  }

  openDirect(contactId: string): Promise<{ readonly conversationId: string }> {
    try {
      const nick = directNick(contactId);
      const id = (this.session?.names ?? DEFAULT_NAME_RULES).fold(nick);
      this.session?.knownDirect.add(id);
      this.session?.readMarkers.ask(nick);
      const capabilities = this.session?.conversationCapabilities();
      this.emit({ type: 'conversation.upserted', conversation: { id, kind: 'direct', title: nick, ...(capabilities ? { capabilities } : {}) } });
      return Promise.resolve({ conversationId: id });
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** A file sent in a private chat: offered over DCC (dcc/dccTransfers.ts). */
  uploadFile(request: UploadRequest): Promise<void> {
    return this.requireOnline().dcc.upload(request);
  }

  /** A DCC offer the user saved: fetched from the sender. */
  downloadAttachment(request: DownloadRequest): Promise<DownloadResult> {
    return this.requireOnline().dcc.download(request);
  }

  cancelDownload(downloadId: string): Promise<void> {
    this.session?.dcc.cancel(downloadId);
    return Promise.resolve();
  }

  sendMessage(request: SendMessageRequest): Promise<void> {
    const session = this.requireOnline();
    if (isChatConversation(request.conversationId)) {
      try {
        session.dcc.chats.send(request);
        return Promise.resolve();
      } catch (error: unknown) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return session.sendMessage(request);
  }

  sendTyping(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    return this.requireOnline().sendTyping(conversationId, state);
  }

  /** A reaction set on a message (`+draft/react` TAGMSGs, messageActions.ts). */
  async react(conversationId: string, targetNetworkId: string, reactions: readonly string[]): Promise<void> {
    await Promise.resolve();
    this.requireOnline().actions.react(conversationId, targetNetworkId, reactions);
  }

  /** Read up to this message: MARKREAD, shared with the user's other clients (readMarker.ts). */
  markRead(conversationId: string, networkId: string): Promise<void> {
    this.session?.readMarkers.markRead(conversationId, networkId);
    return Promise.resolve();
  }

  /** Delete a message (REDACT, draft/message-redaction). */
  async deleteMessage(conversationId: string, targetNetworkId: string): Promise<void> {
    await Promise.resolve();
    this.requireOnline().actions.redact(conversationId, targetNetworkId);
  }

  /**
   * AWAY (RFC 2812 §4.1, seen by others in WHOIS 301 and IRCv3 away-notify): anything but
   * available or chat is "away" with its message, which AWAY needs (busy without one says
   * "Busy"). IRC has no invisible (the manifest does not offer it; user mode +i only hides
   * from WHO and NAMES of strangers) and no offline short of QUIT, which the core does.
   */
  setPresence(presence: OwnPresence): Promise<void> {
    const session = this.requireOnline();
    const back = presence.status === 'available' || presence.status === 'chat';
    const text = (presence.message ?? '').replace(/[\r\n]/g, ' ').trim() || (presence.status === 'busy' ? 'Busy' : 'Away');
    session.send(back ? 'AWAY' : `AWAY :${text}`);
    return Promise.resolve();
  }

  setTopic(conversationId: string, topic: string): Promise<void> {
    const session = this.requireOnline();
    if (!session.names.isChannel(conversationId)) return Promise.reject(new ProtocolError('protocol', 'Only channels have a topic.'));
    session.send(`TOPIC ${conversationId} :${topic.replace(/[\r\n]/g, ' ')}`);
    return Promise.resolve();
  }

  fetchHistory(request: HistoryRequest): Promise<HistoryPage> {
    return this.requireOnline().history.fetch(request);
  }

  async addContact(contact: Pick<Contact, 'id'> & Partial<Pick<Contact, 'displayName' | 'groups'>>): Promise<void> {
    const nick = directNick(contact.id);
    if (this.session) await this.session.contacts.add(nick, true);
    else throw notConnected();
  }

  async removeContact(contactId: string): Promise<void> {
    await this.requireOnline().contacts.remove(contactId, true);
  }

  async answerRequest(requestId: string, choiceId: string): Promise<void> {
    const session = this.requireOnline();
    this.emit({ type: 'request.closed', requestId });
    if (session.dcc.chats.answer(requestId, choiceId)) return;
    if (requestId.startsWith('invite:') && choiceId === 'accept') await this.joinRoom({ room: requestId.slice('invite:'.length) });
  }

  listRooms(query: string, limit: number): Promise<readonly RoomDirectoryEntry[]> {
    return this.requireOnline().listRooms(query, limit);
  }

  inviteToRoom(conversationId: string, contactId: string): Promise<void> {
    this.requireOnline().send(`INVITE ${directNick(contactId)} ${conversationId}`);
    return Promise.resolve();
  }

  kickMember(conversationId: string, memberId: string, reason?: string): Promise<void> {
    const clean = reason?.replace(/[\r\n]/g, ' ').trim();
    this.requireOnline().send(clean ? `KICK ${conversationId} ${directNick(memberId)} :${clean}` : `KICK ${conversationId} ${directNick(memberId)}`);
    return Promise.resolve();
  }

  async runCommand(command: string, args: string, conversationId: string | undefined): Promise<void> {
    const session = this.requireOnline();
    let counter = 0;
    await runCommand({
      send: (line) => session.send(line),
      joinRoom: (room, key) => this.joinRoom({ room, ...(key ? { password: key } : {}) }),
      leaveRoom: (id, reason) => this.leaveRoom(id, reason),
      openDirect: (nick) => this.openDirect(nick),
      sendText: (target, text, kind) => session.sendMessage({ conversationId: target, localId: `cmd-${Date.now()}-${counter++}`, kind, body: text }, true),
      setTopic: (id, topic) => this.setTopic(id, topic),
      notice: (text) => session.notice(text),
      topicOf: (id) => session.rooms.topicOf(session.names.fold(id)),
      names: session.names,
      hasCap: (name) => session.hasCap(name),
      dccChat: (nick) => { session.dcc.chats.offer(nick); },
    }, command, args, conversationId);
  }
}
