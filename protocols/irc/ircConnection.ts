/**
 * One IRC account's connection on irc-framework: login (plain or verified TLS, pinned
 * self-signed certificates), rooms, direct conversations and messages. Reconnecting is
 * the core's job, so irc-framework's own reconnect is off.
 */
import tls from 'node:tls';
import irc from 'irc-framework';
import type { IrcClient, IrcClientEventMap, IrcMessage } from 'irc-framework';
import {
  ProtocolError, toProtocolErrorData,
  type ConnectionContext, type JoinRoomRequest, type ProtocolConnection, type ProtocolEvent, type SendMessageRequest,
} from '../api/index.js';
import { probeCertificate, sameFingerprint } from './certificateProbe.js';
import { handleIncoming } from './incoming.js';
import { hostPort, registrationFailure, type Endpoint, type RegistrationTrace } from './login.js';
import { ircLower } from './members.js';
import { channelName, directNick, messageLines } from './outgoing.js';
import { RoomTracker } from './rooms.js';
import { readSettings, type IrcSettings } from './settings.js';
import { settleWithin, withTimeout } from './timeout.js';
import { Waiters } from './waiters.js';

const { Client } = irc;

const LOGIN_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 15_000;
const NICK_RETRIES = 3;
/** Numerics that refuse a JOIN; params[1] is the channel. */
const JOIN_ERRORS = new Set(['403', '405', '437', '471', '473', '474', '475', '476', '477', '489', '520']);

interface Login {
  readonly resolve: () => void;
  readonly reject: (error: ProtocolError) => void;
  readonly endpoint: Endpoint;
  readonly trace: RegistrationTrace;
  nickAttempts: number;
}

export class IrcConnection implements ProtocolConnection {
  private client: IrcClient | undefined;
  private online = false;
  /** disconnect() was called: a login failing because of it is not a `failed` state. */
  private cancelled = false;
  private nick = '';
  private login: Login | undefined;
  private endpoint: Endpoint | undefined;
  private readonly closeListeners = new Set<() => void>();
  private readonly joins = new Waiters();
  private readonly parts = new Waiters();
  private readonly knownDirect = new Set<string>();
  private readonly rooms: RoomTracker;

  constructor(private readonly context: ConnectionContext) {
    this.rooms = new RoomTracker((event) => this.emit(event), () => this.nick);
  }

  private emit(event: ProtocolEvent): void {
    try {
      this.context.emit(event);
    } catch (error: unknown) {
      this.context.log.warn(`IRC: emitting ${event.type} failed: ${toProtocolErrorData(error).message}`);
    }
  }

  async connect(): Promise<void> {
    if (this.client) throw new ProtocolError('internal', 'This IRC account is already connected or connecting.');
    const settings = readSettings(this.context.settings);
    const endpoint: Endpoint = { host: settings.server, port: settings.port, tls: settings.tls };
    this.endpoint = endpoint;
    this.cancelled = false;
    this.emit({ type: 'connection.state', state: 'connecting' });
    try {
      let pinned = false;
      if (settings.tls && settings.trustedFingerprint) {
        const probe = await probeCertificate(endpoint.host, endpoint.port, 10_000).catch((error: unknown) => {
          throw new ProtocolError('network', `Cannot connect to ${hostPort(endpoint)}: ${toProtocolErrorData(error).message}.`);
        });
        pinned = sameFingerprint(settings.trustedFingerprint, probe.fingerprint256);
      }
      await this.register(settings, endpoint, pinned);
    } catch (thrown: unknown) {
      const error = thrown instanceof ProtocolError ? thrown : new ProtocolError('internal', toProtocolErrorData(thrown).message);
      if (!this.isCancelled()) this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
      throw error;
    }
  }

  /** A method, so that the check is not narrowed away across awaits. */
  private isCancelled(): boolean {
    return this.cancelled;
  }

  private register(settings: IrcSettings, endpoint: Endpoint, pinned: boolean): Promise<void> {
    const client = new Client();
    this.client = client;
    this.nick = settings.nick;
    const trace: RegistrationTrace = { socketOpened: false, sentPassword: settings.password !== undefined };
    const attempt = new Promise<void>((resolve, reject) => {
      this.login = { resolve, reject, endpoint, trace, nickAttempts: 0 };
    });
    this.wire(client, settings, pinned);
    client.connect({
      host: endpoint.host, port: endpoint.port, tls: endpoint.tls, rejectUnauthorized: !pinned,
      nick: settings.nick, username: settings.username, gecos: settings.realname,
      ...(settings.password !== undefined ? { password: settings.password } : {}),
      auto_reconnect: false, auto_reconnect_max_retries: 0, ping_interval: 30, ping_timeout: 120,
      version: 'Switchboard',
    });
    return withTimeout(attempt, LOGIN_TIMEOUT_MS, () => {
      this.abandon(client);
      return new ProtocolError('network', `No answer from ${hostPort(endpoint)} within ${LOGIN_TIMEOUT_MS / 1000} s.`);
    });
  }

  /** Stop using a client: forget it and destroy its socket. */
  private abandon(client: IrcClient): void {
    if (this.client === client) {
      this.client = undefined;
      this.login = undefined;
      this.online = false;
    }
    try {
      client.connection.end(null, true);
    } catch (error: unknown) {
      this.context.log.debug(`IRC: closing the socket failed: ${toProtocolErrorData(error).message}`);
    }
  }

  /** Subscribe to an irc-framework event for this client only; a throwing handler is logged, never fatal. */
  private on<E extends keyof IrcClientEventMap>(client: IrcClient, event: E, handler: (...args: IrcClientEventMap[E]) => void): void {
    client.on(event, (...args: IrcClientEventMap[E]) => {
      if (this.client !== client) return;
      try {
        handler(...args);
      } catch (error: unknown) {
        this.context.log.warn(`IRC: handling "${event}" failed: ${toProtocolErrorData(error).message}`);
      }
    });
  }

  private wire(client: IrcClient, settings: IrcSettings, pinned: boolean): void {
    client.use((_client, raw) => {
      raw.use((_command, message, line, _c, next) => {
        try {
          if (this.client === client) this.onRaw(client, message, settings);
        } catch (error: unknown) {
          this.context.log.warn(`IRC: handling line failed: ${toProtocolErrorData(error).message}`);
        }
        try {
          next();
        } catch (error: unknown) {
          this.context.log.warn(`IRC: could not process a line from the server (${toProtocolErrorData(error).message}): ${line.slice(0, 200)}`);
        }
      });
    });

    this.on(client, 'raw socket connected', (socket) => {
      socket.setNoDelay(true);
      if (pinned && socket instanceof tls.TLSSocket) {
        socket.prependOnceListener('secureConnect', () => {
          const seen = socket.getPeerCertificate().fingerprint256;
          if (!settings.trustedFingerprint || !sameFingerprint(settings.trustedFingerprint, seen)) {
            if (this.login) this.login.trace.pinMismatch = seen;
            socket.destroy();
          }
        });
      }
    });
    this.on(client, 'socket connected', () => {
      if (this.login) this.login.trace.socketOpened = true;
    });
    this.on(client, 'registered', (event) => {
      const login = this.login;
      this.nick = event.nick ?? this.nick;
      this.online = true;
      this.login = undefined;
      this.emit({ type: 'connection.state', state: 'online', selfId: ircLower(this.nick) });
      login?.resolve();
    });
    this.on(client, 'socket close', (error) => this.onSocketClose(client, error || undefined));

    this.on(client, 'privmsg', (event) => handleIncoming(this.incoming, 'text', event));
    this.on(client, 'action', (event) => handleIncoming(this.incoming, 'action', event));
    this.on(client, 'notice', (event) => handleIncoming(this.incoming, 'notice', event));
    this.on(client, 'motd', (event) => {
      if (event.motd) this.emit({ type: 'server.notice', text: event.motd, timestamp: Date.now() });
    });
    this.on(client, 'join', (event) => {
      this.rooms.onJoin(event);
      if (this.rooms.isSelf(event.nick) && event.channel) this.joins.settle(ircLower(event.channel));
    });
    this.on(client, 'part', (event) => {
      this.rooms.onPart(event);
      if (this.rooms.isSelf(event.nick) && event.channel) this.parts.settle(ircLower(event.channel));
    });
    this.on(client, 'kick', (event) => this.rooms.onKick(event));
    this.on(client, 'quit', (event) => this.rooms.onQuit(event));
    this.on(client, 'topic', (event) => this.rooms.onTopic(event));
    this.on(client, 'userlist', (event) => this.rooms.onUserlist(event));
    this.on(client, 'mode', (event) => this.rooms.onMode(event));
    this.on(client, 'nick', (event) => {
      this.rooms.onNick(event);
      if (this.rooms.isSelf(event.nick) && event.new_nick) this.nick = event.new_nick;
    });
  }

  private get incoming(): { emit: (event: ProtocolEvent) => void; knownDirect: Set<string> } {
    return { emit: (event) => this.emit(event), knownDirect: this.knownDirect };
  }

  /** Lines irc-framework does not turn into the events we need. */
  private onRaw(client: IrcClient, message: IrcMessage, settings: IrcSettings): void {
    const text = message.params[message.params.length - 1] ?? '';
    const login = this.login;
    if (login) {
      if (message.command === '464') login.trace.passwordMismatch = text || 'password incorrect';
      else if (message.command === 'ERROR') login.trace.serverError = text || 'no reason given';
      else if (message.command === '433' || message.command === '432') {
        if (message.command === '433' && login.nickAttempts < NICK_RETRIES) {
          login.nickAttempts++;
          client.changeNick(`${settings.nick}${'_'.repeat(login.nickAttempts)}`);
        } else {
          const error = new ProtocolError('protocol', `${login.endpoint.host} refused the nickname ${message.params[1] ?? settings.nick}: ${text}`);
          this.abandon(client);
          login.reject(error);
        }
      }
      return;
    }
    if (JOIN_ERRORS.has(message.command)) {
      const channel = message.params[1] ?? '';
      this.joins.fail(ircLower(channel), new ProtocolError('protocol', `Cannot join ${channel}: ${text}`));
    } else if (message.command === 'ERROR') {
      this.context.log.info(`IRC: server closed the link: ${text}`);
    }
  }

  private onSocketClose(client: IrcClient, error: (Error & { code?: string }) | undefined): void {
    for (const listener of this.closeListeners) listener();
    const login = this.login;
    const endpoint = this.endpoint;
    const wasOnline = this.online;
    this.client = undefined;
    this.login = undefined;
    this.online = false;
    this.rooms.clear();
    const gone = new ProtocolError('network', 'The connection to the server was lost.');
    this.joins.failAll(gone);
    this.parts.failAll(gone);
    if (login) {
      void registrationFailure(login.endpoint, login.trace, error).then(login.reject);
    } else if (wasOnline && endpoint) {
      const lost = new ProtocolError('network', `Lost the connection to ${hostPort(endpoint)}${error?.message ? `: ${error.message}` : ''}.`);
      this.emit({ type: 'connection.state', state: 'failed', error: lost.toData() });
    }
    client.removeAllListeners();
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    const login = this.login;
    this.cancelled = true;
    if (client) {
      const closed = new Promise<void>((resolve) => {
        const listener = (): void => {
          this.closeListeners.delete(listener);
          resolve();
        };
        this.closeListeners.add(listener);
      });
      this.online = false;
      if (login) {
        this.abandon(client);
        login.reject(new ProtocolError('network', 'The login was cancelled.'));
      } else {
        try {
          client.quit('Leaving');
        } catch (error: unknown) {
          this.context.log.debug(`IRC: QUIT failed: ${toProtocolErrorData(error).message}`);
        }
        await settleWithin(closed, 3_000);
        this.abandon(client);
      }
    }
    this.client = undefined;
    this.rooms.clear();
    this.emit({ type: 'connection.state', state: 'offline' });
  }

  private requireOnline(): IrcClient {
    if (!this.client || !this.online) throw new ProtocolError('network', 'This IRC account is not connected.');
    return this.client;
  }

  async joinRoom(request: JoinRoomRequest): Promise<{ readonly conversationId: string }> {
    const client = this.requireOnline();
    const name = channelName(request.room, request.password);
    const id = ircLower(name);
    if (this.rooms.has(id)) return { conversationId: id };
    const joined = this.joins.wait(id, REQUEST_TIMEOUT_MS, () =>
      new ProtocolError('network', `The server did not answer the request to join ${name}.`));
    client.raw(request.password ? `JOIN ${name} ${request.password}` : `JOIN ${name}`);
    await joined;
    return { conversationId: id };
  }

  async leaveRoom(conversationId: string): Promise<void> {
    const client = this.requireOnline();
    if (!this.rooms.has(conversationId)) return;
    const left = this.parts.wait(conversationId, REQUEST_TIMEOUT_MS, () =>
      new ProtocolError('network', `The server did not answer the request to leave ${conversationId}.`));
    client.raw(`PART ${conversationId}`);
    await left;
  }

  openDirect(contactId: string): Promise<{ readonly conversationId: string }> {
    try {
      const nick = directNick(contactId);
      const id = ircLower(nick);
      this.knownDirect.add(id);
      this.emit({ type: 'conversation.upserted', conversation: { id, kind: 'direct', title: nick } });
      return Promise.resolve({ conversationId: id });
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async sendMessage(request: SendMessageRequest): Promise<void> {
    const client = this.requireOnline();
    const written = messageLines(request).map((line) => new Promise<void>((resolve) => {
      client.connection.write(line, resolve);
    }));
    await withTimeout(Promise.all(written), REQUEST_TIMEOUT_MS, () => new ProtocolError('network', 'The message could not be written to the server in time.'));
    this.emit({ type: 'message.confirmed', localId: request.localId, timestamp: Date.now() });
  }
}
