/**
 * One IRC account's connection on irc-framework: the socket's life (plain or verified TLS,
 * pinned self-signed certificates, STS upgrade), login (server password, SASL PLAIN or
 * EXTERNAL, NickServ fallback, alternate nicks), then a Session (session.ts) that does the
 * talking. Reconnecting is the core's job (it makes a new connection each time), so
 * irc-framework's own reconnect is off.
 */
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import irc from 'irc-framework';
import type { IrcClient, IrcClientEventMap, IrcMessage } from 'irc-framework';
import {
  ProtocolError, sameFingerprint, toProtocolErrorData,
  type ConnectionContext, type ProtocolConnection, type ProtocolEvent,
} from '../api/index.js';
import { BatchGuard } from './batchGuard.js';
import { bindOnAck } from './bouncerNetworks.js';
import { probeCertificate } from './certificateProbe.js';
import { IrcOperations } from './operations.js';
import { hostPort, type Endpoint } from './login.js';
import { LoginWatch, type LoginOutcome } from './loginWatch.js';
import { plainPasswordRefusal } from './plainPassword.js';
import { MultilineJoiner } from './multiline.js';
import { SaslDriver } from './sasl.js';
import { Session } from './session.js';
import { readSettings, type IrcSettings } from './settings.js';
import { loadStsPolicy } from './sts.js';
import { settleWithin, withTimeout } from './timeout.js';
import { IrcTransport } from './transport.js';

const { Client } = irc;
const LOGIN_TIMEOUT_MS = 15_000;

export class IrcConnection extends IrcOperations implements ProtocolConnection {
  private client: IrcClient | undefined;
  /** disconnect() was called: a login failing because of it is not a `failed` state. */
  private cancelled = false;
  private watch: LoginWatch | undefined;
  private endpoint: Endpoint | undefined;
  private readonly closeListeners = new Set<() => void>();
  private batches: BatchGuard | undefined;

  constructor(private readonly context: ConnectionContext) {
    super();
  }

  protected override emit(event: ProtocolEvent): void {
    try {
      this.context.emit(event);
    } catch (error: unknown) {
      this.context.log.warn(`IRC: emitting ${event.type} failed: ${toProtocolErrorData(error).message}`);
    }
  }

  async connect(): Promise<void> {
    if (this.client) throw new ProtocolError('internal', 'This IRC account is already connected or connecting.');
    this.cancelled = false;
    this.emit({ type: 'connection.state', state: 'connecting' });
    try {
      const settings = readSettings(this.context.settings);
      const via = settings.proxy ? { proxy: settings.proxy } : {};
      let endpoint: Endpoint = { host: settings.server, port: settings.port, tls: settings.tls, ...via };
      const policy = settings.tls ? undefined : await loadStsPolicy(this.context.storage, settings.server);
      if (policy) endpoint = { host: settings.server, port: policy.port, tls: true, ...via };
      const clientPem = settings.clientCertificate !== undefined ? await this.readCertificate(settings.clientCertificate) : undefined;
      for (let attempt = 0; ; attempt++) {
        this.endpoint = endpoint;
        const refusal = plainPasswordRefusal(settings, endpoint);
        if (refusal) throw refusal;
        let pinned = false;
        if (endpoint.tls && settings.trustedFingerprint) {
          const probe = await probeCertificate(endpoint.host, endpoint.port, 10_000, endpoint.proxy).catch((error: unknown) => {
            throw new ProtocolError('network', `Cannot connect to ${hostPort(endpoint)}: ${toProtocolErrorData(error).message}.`);
          });
          pinned = sameFingerprint(settings.trustedFingerprint, probe.fingerprint256);
        }
        const outcome: LoginOutcome = await this.register(settings, endpoint, pinned, clientPem);
        if (outcome.kind === 'online') return;
        // STS: the plaintext server told us where its TLS port is; go there, never back.
        if (attempt > 0 || this.isCancelled()) throw new ProtocolError('protocol', `${endpoint.host} asked for TLS more than once (STS).`);
        this.context.log.info(`IRC: ${endpoint.host} requires TLS (STS); reconnecting to port ${outcome.port} with TLS.`);
        endpoint = { host: endpoint.host, port: outcome.port, tls: true, ...via };
      }
    } catch (thrown: unknown) {
      const error = thrown instanceof ProtocolError ? thrown : new ProtocolError('internal', toProtocolErrorData(thrown).message);
      if (!this.isCancelled()) this.emit({ type: 'connection.state', state: 'failed', error: error.toData() });
      throw error;
    }
  }

  private async readCertificate(file: string): Promise<{ cert: string; key: string }> {
    try {
      const pem = await readFile(file, 'utf8');
      if (!pem.includes('CERTIFICATE') || !pem.includes('PRIVATE KEY')) throw new Error('it must hold a certificate and its private key (PEM)');
      return { cert: pem, key: pem };
    } catch (error: unknown) {
      throw new ProtocolError('auth', `Cannot use the client certificate ${file}: ${toProtocolErrorData(error).message}.`);
    }
  }

  /** A method, so that the check is not narrowed away across awaits. */
  private isCancelled(): boolean {
    return this.cancelled;
  }

  private register(settings: IrcSettings, endpoint: Endpoint, pinned: boolean, clientPem: { cert: string; key: string } | undefined): Promise<LoginOutcome> {
    const client = new Client();
    this.client = client;
    const sasl = settings.saslMechanism === 'external' || (settings.accountPassword !== undefined);
    const watch = new LoginWatch(client, settings, endpoint, this.context.storage, (message) => this.context.log.info(message));
    this.watch = watch;
    this.wire(client, settings, pinned, watch);
    client.connect({
      host: endpoint.host, port: endpoint.port, tls: endpoint.tls, rejectUnauthorized: !pinned,
      nick: settings.nick, username: settings.username, gecos: settings.realname,
      ...(settings.password !== undefined ? { password: settings.password } : {}),
      // An account object without credentials keeps irc-framework from using PASS for SASL.
      account: sasl && settings.saslMechanism !== 'external' ? { account: settings.account, password: settings.accountPassword ?? '' } : {},
      ...(settings.saslMechanism === 'external' ? { sasl_mechanism: 'EXTERNAL' } : {}),
      sasl_disconnect_on_fail: false, enable_echomessage: true,
      // chghost (https://ircv3.net/specs/extensions/chghost): a host change is one line, not a fake QUIT and JOIN in every channel.
      enable_chghost: true,
      // setname (https://ircv3.net/specs/extensions/setname): real name changes while connected (realname.ts).
      enable_setname: true,
      transport: IrcTransport, fallback_encoding: settings.encoding, ...(clientPem ? { client_pem: clientPem } : {}),
      ...(endpoint.proxy ? { proxy: endpoint.proxy } : {}),
      auto_reconnect: false, auto_reconnect_max_retries: 0, version: null,
      // irc-framework pings every interval (after each PONG) and ends the link after `timeout` seconds without a line.
      ping_interval: settings.keepAlive.intervalSeconds, ping_timeout: settings.keepAlive.timeoutSeconds,
    });
    return withTimeout(watch.outcome, LOGIN_TIMEOUT_MS, () => {
      this.abandon(client);
      return new ProtocolError('network', `No answer from ${hostPort(endpoint)} within ${LOGIN_TIMEOUT_MS / 1000} s.`);
    });
  }

  /** Stop using a client: forget it and destroy its socket. */
  private abandon(client: IrcClient): void {
    if (this.client === client) {
      this.batches?.clear();
      this.batches = undefined;
      this.client = undefined;
      this.watch = undefined;
      this.session?.stop();
      this.session = undefined;
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

  private wire(client: IrcClient, settings: IrcSettings, pinned: boolean, watch: LoginWatch): void {
    client.requestCap([
      'labeled-response', 'draft/chathistory', 'chathistory', 'message-tags', 'batch', 'invite-notify',
      // messageActions.ts, multiline.ts
      'draft/message-redaction', 'draft/multiline', 'draft/read-marker',
      // bouncerNetworks.ts
      'soju.im/bouncer-networks', 'soju.im/bouncer-networks-notify',
    ]);
    this.batches?.clear();
    const batches = new BatchGuard((id, why) => {
      if (this.client !== client) return;
      this.context.log.warn(`IRC: the server left batch ${id.slice(0, 50)} open; delivered what came because ${why}.`);
      const end: IrcMessage = { command: 'BATCH', params: [`-${id}`], tags: {} };
      this.session?.onRaw(end);
      client.command_handler.dispatch(end);
    });
    this.batches = batches;
    const sasl = new SaslDriver(client, settings, {
      failed: (reason) => {
        if (this.client === client && this.watch === watch && !this.session) watch.onSaslAborted(reason, () => this.abandon(client));
      },
      notice: (text) => this.session?.notice(text),
      registered: () => this.session !== undefined,
    });
    const multiline = new MultilineJoiner();
    let rawSocket: { readonly localAddress?: string | undefined } | undefined;
    client.use((_client, raw) => {
      raw.use((_command, message, line, _c, next) => {
        if (this.client === client) batches.onLine(message, line.length);
        // A prefix nick with control characters or spaces (formatting codes) is no valid nick
        // (RFC 2812 §2.3.1): the line is dropped rather than shown or used as an id.
        if (message.nick !== undefined && /[\x00-\x20\x7F]/.test(message.nick)) {
          this.context.log.warn(`IRC: ignored a line from an invalid nick: ${line.slice(0, 200)}`);
          return;
        }
        // A second 001 RPL_WELCOME would make irc-framework start another set of ping
        // timers each time (a hostile server could pile up thousands): only the first counts.
        if (message.command === '001' && this.session) {
          this.context.log.warn('IRC: ignored a repeated 001 (welcome) from the server.');
          return;
        }
        if (this.client === client && !this.session) bindOnAck(client, message, settings.bouncerNetwork);
        // SCRAM exchanges and logins after registration (sasl.ts): lines it answers go no further.
        if (this.client === client && sasl.onLine(message)) return;
        // A draft/multiline batch arrives as one message (multiline.ts).
        if (this.client === client && multiline.onLine(message, (joined) => client.command_handler.dispatch(joined))) return;
        try {
          if (this.client === client) {
            if (this.session) this.session.onRaw(message);
            else watch.onRaw(message, () => this.abandon(client));
          }
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
      rawSocket = socket;
      if (pinned && socket instanceof tls.TLSSocket) {
        socket.prependOnceListener('secureConnect', () => {
          const seen = socket.getPeerCertificate().fingerprint256;
          if (!settings.trustedFingerprint || !sameFingerprint(settings.trustedFingerprint, seen)) {
            watch.trace.pinMismatch = seen;
            socket.destroy();
          }
        });
      }
    });
    this.on(client, 'socket connected', () => {
      watch.trace.socketOpened = true;
    });
    // SASL results and 001 count only during the login; a server repeating them later is ignored.
    const loggingIn = (): boolean => this.watch === watch && this.session === undefined;
    this.on(client, 'sasl failed', (event) => {
      if (loggingIn()) watch.onSaslFailed(event, () => this.abandon(client));
    });
    this.on(client, 'loggedin', () => {
      if (loggingIn()) watch.loggedIn = true;
    });
    this.on(client, 'registered', (event) => {
      if (!loggingIn()) return;
      // Every event passes the read markers too (readMarker.ts), after the core has it.
      const session: Session = new Session(client, this.context, settings, (e) => {
        this.emit(e);
        session.readMarkers.observe(e);
      });
      session.nick = event.nick ?? settings.nick;
      session.localAddress = () => rawSocket?.localAddress;
      this.session = session;
      this.watch = undefined;
      this.emit({ type: 'connection.state', state: 'online', selfId: session.names.fold(session.nick) });
      watch.online();
      session.start(watch.loggedIn).catch((error: unknown) => session.log(error, 'starting the session'));
    });
    let silentFor: number | undefined;
    this.on(client, 'ping timeout', () => {
      silentFor = settings.keepAlive.timeoutSeconds;
      watch.trace.silentFor = silentFor;
    });
    this.on(client, 'socket close', (error) => this.onSocketClose(client, error || undefined, silentFor));
    this.wireSession(client, (event, handler) => this.on(client, event, handler));
  }

  /** `silentFor`: the keep-alive gave up after that many seconds without a line (a frozen server, a dead route). */
  private onSocketClose(client: IrcClient, error: (Error & { code?: string }) | undefined, silentFor: number | undefined): void {
    this.batches?.clear();
    this.batches = undefined;
    for (const listener of this.closeListeners) listener();
    const watch = this.watch;
    const endpoint = this.endpoint;
    const wasOnline = this.session !== undefined;
    this.session?.stop();
    this.session = undefined;
    this.client = undefined;
    this.watch = undefined;
    if (watch) {
      watch.closed(error);
    } else if (wasOnline && endpoint) {
      const reason = silentFor !== undefined ? `: no answer from the server for ${silentFor} s (ping timeout)` : error?.message ? `: ${error.message}` : '';
      const lost = new ProtocolError('network', `Lost the connection to ${hostPort(endpoint)}${reason}.`);
      this.emit({ type: 'connection.state', state: 'failed', error: lost.toData() });
    }
    client.removeAllListeners();
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    const watch = this.watch;
    this.cancelled = true;
    if (client) {
      const closed = new Promise<void>((resolve) => {
        const listener = (): void => {
          this.closeListeners.delete(listener);
          resolve();
        };
        this.closeListeners.add(listener);
      });
      const session = this.session;
      if (watch) {
        this.abandon(client);
        watch.cancel();
      } else {
        this.session = undefined;
        session?.stop();
        await session?.history.flush();
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
    this.emit({ type: 'connection.state', state: 'offline' });
  }
}
