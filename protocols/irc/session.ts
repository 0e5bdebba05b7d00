/**
 * One registered IRC session (one irc-framework client after 001): what arrives is turned
 * into events, what the user asks for into lines. The connection (ircConnection.ts) owns
 * the socket's life; a session is made per login and dropped with its socket.
 */
import type { IrcClient, IrcMessage, MessageEvent } from 'irc-framework';
import {
  BoundedSet, ProtocolError, toProtocolErrorData,
  type Capabilities, type ConnectionContext, type IncomingMessage, type ProtocolEvent, type RoomDirectoryEntry, type RoomRef, type SendMessageRequest,
} from '../api/index.js';
import { BouncerNetworks } from './bouncerNetworks.js';
import { ChannelList } from './channelList.js';
import { CtcpResponder } from './ctcp.js';
import { DccTransfers } from './dcc/dccTransfers.js';
import { EchoTracker } from './echo.js';
import { HistoryTracker } from './history.js';
import { stripFormatting } from './formatting.js';
import { handleIncoming, type TextKind } from './incoming.js';
import { onInvite } from './invites.js';
import { MessageActions, escapeTagValue } from './messageActions.js';
import { ContactWatcher } from './monitor.js';
import { multilineOffer } from './multiline.js';
import { DeliveryErrors, deliveryRefusal } from './deliveryErrors.js';
import { nameRules, type NameRules } from './names.js';
import { messageUnits } from './outgoing.js';
import { PingFence } from './pingFence.js';
import { LabeledBatches, refusalOf } from './refusals.js';
import { ReadMarkers } from './readMarker.js';
import { RoomTracker } from './rooms.js';
import { SavedRooms } from './savedRooms.js';
import { chathistoryLimit, monitorLimit } from './serverLimits.js';
import { targetLimit } from './targets.js';
import { describeStandardReply } from './standardReplies.js';
import type { IrcSettings } from './settings.js';
import { withTimeout } from './timeout.js';
import { Waiters } from './waiters.js';
import { AccountLookup } from './whox.js';

export const REQUEST_TIMEOUT_MS = 15_000;
/** Private conversations remembered as announced; a flood of new nicks cannot grow it further. */
const KNOWN_DIRECT = 10_000;
/** How long to wait for the end of the welcome burst (MOTD) before watching contacts anyway. */
const BURST_WAIT_MS = 5_000;
/** Numerics that refuse a JOIN; params[1] is the channel. */
const JOIN_ERRORS = new Set(['403', '405', '437', '471', '473', '474', '475', '476', '477', '489', '520']);
/** WHOIS replies (RFC 2812 §5.1 and common extensions), shown on the server console. */
const WHOIS_REPLIES = new Set(['276', '301', '307', '311', '312', '313', '317', '319', '320', '330', '338', '378', '379', '671']);
/** Numerics handled elsewhere or harmless, never shown as errors. */
const QUIET_ERRORS = new Set(['421', '433', '432', '451']);

export class Session {
  nick: string;
  readonly rooms: RoomTracker;
  readonly echo = new EchoTracker();
  readonly history: HistoryTracker;
  readonly contacts: ContactWatcher;
  /** Replies, reactions, deletion and typing (messageActions.ts). */
  readonly actions: MessageActions;
  /** Read state shared with the user's other clients (readMarker.ts). */
  readonly readMarkers: ReadMarkers;
  /** A soju bouncer's networks, on a connection bound to none (bouncerNetworks.ts). */
  private readonly bouncer = new BouncerNetworks({ notice: (text) => this.notice(text), send: (line) => this.send(line) });
  /** Members' accounts by WHOX after a join (whox.ts). */
  readonly accounts: AccountLookup;
  readonly joins = new Waiters();
  readonly parts = new Waiters();
  readonly knownDirect = new BoundedSet<string>(KNOWN_DIRECT);
  readonly saved: SavedRooms;
  private readonly savedLoaded: Promise<void>;
  /** Read from the server's ISUPPORT each time: 005 arrives after the session starts. */
  readonly names: NameRules;
  private readonly ctcp = new CtcpResponder();
  /** File transfers person to person (dcc/dccTransfers.ts). */
  readonly dcc: DccTransfers;
  /** Our end of the IRC connection (set by the connection once its socket is up). */
  localAddress: () => string | undefined = () => undefined;
  private readonly deliveryErrors: DeliveryErrors;
  private readonly fence: PingFence;
  private readonly labeledBatches = new LabeledBatches();
  private burstDone = false;
  private burstTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The room directory's LIST (channelList.ts). */
  private readonly channelList = new ChannelList((line) => this.send(line));

  constructor(
    readonly client: IrcClient,
    private readonly context: ConnectionContext,
    readonly settings: IrcSettings,
    readonly emit: (event: ProtocolEvent) => void,
  ) {
    this.nick = settings.nick;
    this.names = nameRules(() => client.network.options);
    this.deliveryErrors = new DeliveryErrors(this.names);
    this.fence = new PingFence(this.names);
    this.rooms = new RoomTracker(emit, this.names, () => this.nick, () => this.conversationCapabilities());
    const host = {
      emit, names: this.names, knownDirect: this.knownDirect, selfNick: () => this.nick, send: (line: string) => this.send(line),
      capabilities: () => this.conversationCapabilities(),
      storage: context.storage, warn: (message: string) => context.log.warn(message),
    };
    this.history = new HistoryTracker({ ...host, commandLimit: () => this.chathistoryLimit() });
    this.contacts = new ContactWatcher({
      ...host, monitorLimit: () => monitorLimit(client.network.options),
      // Without TARGMAX, MONITOR takes as many as fit in a line (https://ircv3.net/specs/extensions/monitor).
      monitorTargets: () => targetLimit(client.network.options, 'MONITOR', Infinity),
    });
    this.actions = new MessageActions({
      emit, names: this.names, send: (line) => this.send(line), selfNick: () => this.nick,
      hasCap: (name) => this.hasCap(name), clientTagDeny: () => client.network.options['CLIENTTAGDENY'],
    });
    this.readMarkers = new ReadMarkers({ emit, names: this.names, send: (line) => this.send(line), selfNick: () => this.nick, enabled: () => this.hasCap('draft/read-marker') });
    this.accounts = new AccountLookup(() => client.network.options, (line) => this.send(line), this.rooms);
    this.saved = new SavedRooms(this.names, context.storage, (message) => context.log.warn(message));
    this.dcc = new DccTransfers({
      emit, names: this.names, knownDirect: this.knownDirect, capabilities: () => this.conversationCapabilities(),
      ctcp: (nick, text) => this.send(`PRIVMSG ${nick} :\x01${text}\x01`),
      settings: settings.dcc, localAddress: () => this.localAddress(), dataDir: context.dataDir, encoding: settings.encoding,
    });
    // Read at once: the core's first joinRoom (its rejoin) may come before start() has run.
    this.savedLoaded = this.saved.load();
  }

  send(line: string): void {
    this.client.raw(line);
  }

  caps(): readonly string[] {
    return this.client.network.cap.enabled;
  }

  hasCap(name: string): boolean {
    return this.client.network.cap.enabled.includes(name);
  }

  /** The CHATHISTORY limit when the server supports the command (serverLimits.ts), else undefined. */
  chathistoryLimit(): number | undefined {
    return chathistoryLimit(this.client.network.cap.enabled, this.client.network.options);
  }

  /**
   * What this server cannot do of what the manifest declares: +typing, replies and reactions
   * need client tags it relays, history CHATHISTORY, deletion message-redaction, read markers draft/read-marker.
   */
  conversationCapabilities(): Partial<Capabilities> | undefined {
    const missing = Object.entries({
      typing: this.actions.allows('+typing'), replies: this.actions.allows('+draft/reply'), reactions: this.actions.allows('+draft/react'),
      history: this.chathistoryLimit() !== undefined, deletes: this.hasCap('draft/message-redaction'), receipts: this.hasCap('draft/read-marker'),
    }).filter(([, can]) => !can);
    return missing.length === 0 ? undefined : Object.fromEntries(missing.map(([name]) => [name, false]));
  }

  /**
   * After 001: identify with NickServ if needed, watch contacts. Rooms are not joined here:
   * the plugin declares `coreRejoinsRooms`, so the core joins its open rooms and the
   * {@link savedRoomRefs} after the login, in one place, before its outbox drains.
   */
  async start(loggedIn: boolean): Promise<void> {
    const { accountPassword, account, saslMechanism } = this.settings;
    if (!loggedIn && accountPassword !== undefined && saslMechanism === 'auto') {
      // No SASL on this server: the traditional NickServ identification (Atheme/Anope syntax).
      this.send(`PRIVMSG NickServ :IDENTIFY ${account} ${accountPassword}`);
    }
    await Promise.all([this.history.load(), this.contacts.load(), this.savedLoaded]);
    // MONITOR's limit is in ISUPPORT (005), which follows 001: watch contacts once the
    // welcome burst has ended (end of MOTD, or no MOTD), or after a few seconds without one.
    this.burstTimer = setTimeout(() => this.burstEnded(), BURST_WAIT_MS);
    if (this.burstDone) this.burstEnded();
    this.history.catchUpDirect();
  }

  /** The channels of the account's autojoin setting: the rooms this network keeps for it (`savedRooms`). */
  savedRoomRefs(): RoomRef[] {
    return this.settings.autojoin.map(({ channel }) => ({ room: channel }));
  }

  /** The key remembered for a channel: the one it was last joined with, else the autojoin setting's. */
  async rememberedKey(channel: string): Promise<string | undefined> {
    await this.savedLoaded;
    const id = this.names.fold(channel);
    const find = (rooms: readonly { readonly channel: string; readonly key?: string }[]) => rooms.find((room) => this.names.fold(room.channel) === id)?.key;
    return find(this.saved.list()) ?? find(this.settings.autojoin);
  }

  private burstEnded(): void {
    this.burstDone = true;
    if (this.burstTimer === undefined) return; // start() has not loaded the contacts yet
    clearTimeout(this.burstTimer);
    this.burstTimer = undefined;
    if (this.stopped) return;
    this.contacts.start();
    this.bouncer.start(this.caps(), this.client.network.options);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.burstTimer);
    this.burstTimer = undefined;
    this.contacts.stop();
    this.dcc.close();
    const gone = new ProtocolError('network', 'The connection to the server was lost.');
    this.joins.failAll(gone);
    this.parts.failAll(gone);
    this.history.clear();
    this.echo.clear();
    this.fence.clear();
    this.rooms.clear();
    this.readMarkers.clear();
    this.channelList.end();
    void this.history.flush();
  }

  // --- what arrives ---

  onMessage(kind: TextKind, event: MessageEvent): void {
    if (this.history.isHistoryBatch(event.tags?.['batch'])) return;
    if (event.nick && event.target && this.names.isChannel(event.target)) {
      this.rooms.onSenderTags(event.target, event.nick, event.tags ?? {}, this.hasCap('account-tag'), this.hasCap('message-tags'));
    }
    const message = handleIncoming({ emit: this.emit, names: this.names, knownDirect: this.knownDirect, selfNick: () => this.nick, capabilities: () => this.conversationCapabilities() }, kind, event);
    if (!message) return;
    let out: IncomingMessage = message;
    if (message.fromSelf) {
      const verdict = this.echo.onEcho(this.labeledBatches.labelOf(event.tags), this.names.fold(event.target ?? ''), event.message ?? '');
      if (verdict.kind === 'suppress') return;
      if (verdict.kind === 'confirm') out = { ...message, localId: verdict.localId };
    }
    if (!this.history.seen(out)) return;
    this.emit({ type: 'message.received', message: out });
    if (out.localId !== undefined) {
      // The echo is the confirmation (echo-message): the core settles the message from either event.
      this.emit({ type: 'message.confirmed', localId: out.localId, timestamp: out.timestamp, ...(out.networkId !== undefined ? { networkId: out.networkId } : {}) });
    }
  }

  onCtcpRequest(event: MessageEvent & { type?: string | null }): void {
    const nick = event.nick ?? '';
    if (!nick || this.names.fold(nick) === this.names.fold(this.nick)) return;
    // DCC is person to person: an offer to a channel is ignored.
    if (this.names.fold(event.target ?? '') === this.names.fold(this.nick) && this.dcc.onCtcp(nick, event.message ?? '')) return;
    const reply = this.ctcp.answer(event.message ?? '', 'Switchboard (IRC plugin 0.2)');
    if (reply !== undefined) this.send(`NOTICE ${nick} :\x01${reply}\x01`);
  }

  /** Lines irc-framework does not turn into the events we need. */
  onRaw(message: IrcMessage): void {
    this.history.onRaw(message);
    this.contacts.onRaw(message);
    this.accounts.onRaw(message);
    this.readMarkers.onRaw(message);
    this.bouncer.onRaw(message);
    this.labeledBatches.onRaw(message);
    if (this.refused(message)) return;
    const command = message.command;
    if (command === '376' || command === '422') this.burstEnded(); // RPL_ENDOFMOTD, ERR_NOMOTD
    const text = message.params[message.params.length - 1] ?? '';
    const standardReply = describeStandardReply(message);
    if (JOIN_ERRORS.has(command)) {
      const channel = message.params[1] ?? '';
      this.joins.fail(this.names.fold(channel), new ProtocolError('protocol', `Cannot join ${channel}: ${text}`));
      this.notice(`${channel}: ${text}`);
    } else if (command === 'AWAY' && message.nick) {
      this.rooms.onAway(message.nick, message.params[0]);
    } else if (command === 'TAGMSG') {
      this.actions.onTagmsg(message);
    } else if (command === 'REDACT') {
      this.actions.onRedact(message);
    } else if (command === 'INVITE') {
      onInvite({ emit: this.emit, names: this.names, rooms: this.rooms, selfNick: () => this.nick }, message);
    } else if (this.channelList.onRaw(message)) {
      // A reply of the room directory's LIST (channelList.ts).
    } else if (WHOIS_REPLIES.has(command) || command === '318') {
      this.notice(message.params.slice(1).join(' '));
    } else if (command === 'PONG') {
      this.onPong(message.params[message.params.length - 1] ?? '');
    } else if (this.bounced(message)) {
      // Told in the conversation itself (deliveryErrors.ts).
    } else if (/^[45]\d\d$/.test(command) && !QUIET_ERRORS.has(command)) {
      // An error numeric we have no special handling for: tell the user in the server's words.
      this.notice(message.params.slice(1).join(' '));
    } else if (standardReply !== undefined) {
      this.notice(standardReply);
    } else if (command === 'ERROR') {
      this.context.log.info(`IRC: server closed the link: ${text}`);
    }
  }

  /**
   * With echo-message, a message stays unconfirmed until its echo; a line that refuses it
   * instead (refusals.ts) fails it with the server's reason, so it never stays "sending".
   */
  private refused(message: IrcMessage): boolean {
    if (!this.hasCap('echo-message')) return false;
    const refusal = refusalOf(message, this.labeledBatches.labelOf(message.tags));
    if (!refusal) return false;
    const line = refusal.label !== undefined ? this.echo.refusedLabel(refusal.label) : this.echo.refusedTarget(this.names.fold(refusal.target ?? ''));
    if (!line) return false;
    // One wording for a refused message, whichever way it was tied to it (deliveryErrors.ts).
    const words = deliveryRefusal(message)?.text ?? `${stripFormatting(line.target)} did not get your message (${refusal.reason}).`;
    const error = new ProtocolError('protocol', words);
    this.emit({ type: 'message.failed', localId: line.localId, error: error.toData() });
    return true;
  }

  /**
   * True when the line is the server refusing a message of ours: the message is marked
   * failed when the refusal can be tied to it (pingFence.ts), else its conversation says so.
   */
  private bounced(message: IrcMessage): boolean {
    const refusal = deliveryRefusal(message);
    if (refusal && this.fence.refused(refusal.target, refusal.text)) return true;
    const verdict = this.deliveryErrors.judge(message);
    if (verdict.ours && verdict.line) this.emit({ type: 'message.received', message: verdict.line });
    return verdict.ours;
  }

  /** The server got this far in our lines: what it took is confirmed, what it refused failed. */
  private onPong(token: string): void {
    for (const { localId, refusal } of this.fence.answered(token) ?? []) {
      if (refusal === undefined) this.emit({ type: 'message.confirmed', localId, timestamp: Date.now() });
      else this.emit({ type: 'message.failed', localId, error: { kind: 'protocol', message: refusal } });
    }
  }

  notice(text: string): void {
    this.emit({ type: 'server.notice', text, timestamp: Date.now() });
  }

  /**
   * Someone changed nick (RFC 2812 §3.1.2). A private chat with them follows the new nick,
   * as WeeChat and HexChat do: the core keeps the conversation and its history under the
   * new id (conversation.renamed), so a reply goes to the new nick instead of bouncing off
   * the old one. The core ignores it when we never talked with them.
   */
  followNick(oldNick: string, newNick: string): void {
    const from = this.names.fold(oldNick);
    const to = this.names.fold(newNick);
    if (from === to) return;
    const title = stripFormatting(newNick);
    this.emit({ type: 'conversation.renamed', conversationId: from, newId: to, title });
    this.history.renamed(from, to);
    if (!this.knownDirect.has(from)) return;
    this.knownDirect.add(to);
    this.emit({
      type: 'message.received',
      message: { conversationId: to, senderId: to, senderName: title, kind: 'event', body: `${stripFormatting(oldNick)} is now known as ${title}`, timestamp: Date.now() },
    });
  }

  // --- what the user asks for ---

  /**
   * Send a message. `announce` (messages from /msg, /query) also reports it as received from
   * ourselves when the server will not echo it, since the core has no copy of it.
   */
  async sendMessage(request: SendMessageRequest, announce = false): Promise<void> {
    const units = messageUnits(request, this.names.lineMaxBytes(), multilineOffer(this.client.network.cap));
    const echo = this.hasCap('echo-message');
    const labeled = echo && this.hasCap('labeled-response') && this.hasCap('message-tags');
    const target = this.names.fold(request.conversationId);
    const reply = request.replyTo && this.actions.allows('+draft/reply') ? `+draft/reply=${escapeTagValue(request.replyTo.networkId)}` : undefined;
    this.deliveryErrors.written(target);
    const written = units.flatMap(({ lines, text }, index) => {
      const tags = index === 0 && reply !== undefined ? [reply] : [];
      if (labeled) tags.unshift(`label=${this.echo.label({ localId: request.localId, index, target, text })}`);
      else if (echo) this.echo.expect({ localId: request.localId, index, target, text });
      return lines.map((line, at) => {
        const wire = at === 0 && tags.length > 0 ? `@${tags.join(';')} ${line}` : line;
        return new Promise<void>((resolve) => this.client.connection.write(wire, resolve));
      });
    });
    // Without echo-message, the PONG to a PING right behind the message confirms it (pingFence.ts).
    if (!echo) this.client.connection.write(this.fence.fence(request.localId, target));
    await withTimeout(Promise.all(written), REQUEST_TIMEOUT_MS, () => new ProtocolError('network', 'The message could not be written to the server in time.'));
    if (!echo && announce) {
      this.emit({
        type: 'message.received',
        message: { conversationId: target, senderId: this.names.fold(this.nick), senderName: this.nick, kind: request.kind, body: request.body, timestamp: Date.now(), fromSelf: true },
      });
    }
  }

  sendTyping(conversationId: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    if (this.actions.allows('+typing')) this.send(`@+typing=${state} TAGMSG ${conversationId}`);
    return Promise.resolve();
  }

  listRooms(query: string, limit: number): Promise<readonly RoomDirectoryEntry[]> {
    return this.channelList.fetch(query, limit);
  }

  log(error: unknown, what: string): void {
    this.context.log.warn(`IRC: ${what} failed: ${toProtocolErrorData(error).message}`);
  }
}
