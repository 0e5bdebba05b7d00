/**
 * One XMPP session: connect (trying each endpoint), negotiate, then carry stanzas with
 * XEP-0198 stream management. When the connection drops and the session is resumable,
 * it reconnects and resumes by itself (XEP-0198 §5): stanzas sent meanwhile are queued
 * and sent once, the server replays what we missed, nothing is lost or doubled. Only a
 * session that cannot be resumed is reported as lost; reconnecting from scratch is the
 * core's job.
 */
import { ProtocolError, type PluginLogger } from '../../api/index.js';
import { NS, attr, escapeXML, isElement, randomId, xml, type Element } from '../xml.js';
import type { Endpoint } from './endpoint.js';
import { logIn, resumeOnNewConnection, type EstablishOptions } from './establish.js';
import type { NegotiationOptions } from './negotiate.js';
import type { StreamConnection } from './streamConnection.js';
import { IqTracker } from './iqTracker.js';
import { DEFAULT_KEEP_ALIVE, KeepAlive, type KeepAliveTimes } from './keepAlive.js';
import { StreamManagement, type AckFault, type Outgoing } from './streamManagement.js';

export interface SessionHandler {
  /** A stanza (message, presence, or an iq that is not an answer to ours). */
  stanza(element: Element): void;
  /** The connection dropped; the session is being resumed. */
  interrupted(error: ProtocolError): void;
  /** The session was resumed. */
  resumed(): void;
  /** The session is over (not called after stop()). */
  lost(error: ProtocolError): void;
}

export interface SessionOptions extends Omit<NegotiationOptions, 'resume'> {
  readonly endpoints: readonly Endpoint[];
  readonly log: PluginLogger;
  /** Timeout for each network step (default 15 s). */
  readonly timeoutMs?: number;
  /** How long to keep trying to resume after a drop (default 60 s, at most the server's max). */
  readonly resumeWindowMs?: number;
  /** When to probe a quiet server and when to give up on it (keepAlive.ts). */
  readonly keepAlive?: KeepAliveTimes;
}

/**
 * Stanzas sent and not acknowledged (XEP-0198 §4) beyond which the server counts as not
 * acknowledging at all: the queue of stanzas to resend must not grow without bound. Far above
 * any burst a user makes (the server-kill fault test floods 500; Prosody answers each `<r/>`
 * within milliseconds).
 */
export const MAX_UNACKED = 10_000;

export class XmppSession {
  /** The full JID the server bound. */
  jid = '';
  /** RFC 6121 §2.6.1: the server advertised roster versioning in its stream features. */
  rosterVersioning = false;
  private connection: StreamConnection | undefined;
  private endpoint: Endpoint | undefined;
  private readonly sm = new StreamManagement();
  private state: 'idle' | 'online' | 'resuming' | 'closed' = 'idle';
  private readonly iqs = new IqTracker();
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** Runs from our first unanswered `<r/>` until an `<a/>` answers it (see ackOverdue). */
  private ackDeadline: ReturnType<typeof setTimeout> | undefined;
  private readonly keepAlive: KeepAlive;
  /** Why the keep-alive dropped the connection, reported instead of the bare close. */
  private silence: ProtocolError | undefined;
  private resumeMaxMs = 60_000;
  private resumeGate: Promise<void> | undefined;
  private readonly timeoutMs: number;
  private readonly establishing: EstablishOptions;

  constructor(private readonly options: SessionOptions, private readonly handler: SessionHandler) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.establishing = { ...options, timeoutMs: this.timeoutMs };
    this.keepAlive = new KeepAlive(options.keepAlive ?? DEFAULT_KEEP_ALIVE, {
      watching: () => this.state === 'online' && this.connection !== undefined,
      probe: () => this.probe(),
      dead: () => this.silent(),
    });
  }

  get online(): boolean {
    return this.state === 'online';
  }

  /** True when stanzas can be sent now or will be sent after resumption. */
  get usable(): boolean {
    return this.state === 'online' || (this.state === 'resuming' && this.sm.id !== undefined);
  }

  get streamManagementEnabled(): boolean {
    return this.sm.enabled;
  }

  /** Connect and log in; rejects with a ProtocolError. */
  async start(): Promise<void> {
    const { connection, endpoint, result } = await logIn(this.establishing, () => this.state === 'closed');
    this.jid = result.jid;
    this.rosterVersioning = result.rosterVersioning;
    this.endpoint = endpoint;
    if (result.sm) {
      this.sm.enable(result.sm.id);
      if (result.sm.max !== undefined) this.resumeMaxMs = result.sm.max * 1000;
    }
    this.attach(connection);
    this.state = 'online';
  }

  private attach(connection: StreamConnection): void {
    this.connection = connection;
    this.keepAlive.received();
    connection.setHandler((element) => this.onElement(connection, element));
    connection.onClose((error) => this.onClosed(connection, error));
  }

  private onElement(connection: StreamConnection, element: Element): void {
    if (connection !== this.connection) return;
    this.keepAlive.received();
    const name = element.getName();
    if (name === 'message' || name === 'presence' || name === 'iq') {
      try {
        if (!(name === 'iq' && this.iqs.settle(element))) this.handler.stanza(element);
      } catch (error: unknown) {
        this.options.log.warn(`XMPP: a <${name}> stanza could not be handled: ${error instanceof Error ? error.message : String(error)}`);
      }
      // XEP-0198 §4: 'h' counts handled stanzas, whatever the handler made of them.
      if (this.sm.enabled) this.sm.handledInbound();
      return;
    }
    if (isElement(element, 'r', NS.sm)) {
      void connection.send(xml('a', { xmlns: NS.sm, h: String(this.sm.inbound) })).catch(() => undefined);
    } else if (isElement(element, 'a', NS.sm)) {
      const fault = this.sm.acknowledge(attr(element, 'h'));
      if (fault) this.ackFault(connection, fault);
      else this.answered();
    } else {
      this.options.log.debug(`XMPP: ignored <${name}> (${element.getNS() ?? 'no namespace'})`);
    }
  }

  private onClosed(connection: StreamConnection, closeError: ProtocolError): void {
    if (connection !== this.connection || this.state === 'closed') return;
    this.connection = undefined;
    const error = this.silence ?? closeError;
    this.silence = undefined;
    if (this.state === 'online' && this.sm.id !== undefined && error.kind === 'network') {
      this.state = 'resuming';
      // An <r/> on the dropped stream waits for nothing; resuming asks again (requestAck).
      clearTimeout(this.ackDeadline);
      this.ackDeadline = undefined;
      this.handler.interrupted(error);
      void this.resume();
      return;
    }
    this.end(error);
  }

  private async resume(): Promise<void> {
    const started = Date.now();
    await this.resumeGate;
    this.resumeGate = undefined;
    const endpoint = this.endpoint ?? this.options.endpoints[0];
    const attempt = endpoint
      ? await resumeOnNewConnection(this.establishing, {
        endpoint, started,
        windowMs: Math.min(this.options.resumeWindowMs ?? 60_000, this.resumeMaxMs),
        session: () => (this.sm.id !== undefined ? { id: this.sm.id, h: this.sm.inbound } : undefined),
        wanted: () => this.isResuming(),
      })
      : { kind: 'failed' as const, error: new ProtocolError('network', `The connection to ${this.options.domain} was lost.`) };
    if (attempt.kind === 'abandoned') return;
    if (attempt.kind === 'failed') {
      this.end(attempt.error);
      return;
    }
    const { connection } = attempt;
    this.sm.enabled = true;
    const fault = this.sm.acknowledge(attempt.h);
    if (fault) {
      this.ackFault(connection, fault);
      return;
    }
    this.attach(connection);
    // XEP-0198 §5: send again what the server did not get, in order, once.
    for (const outgoing of this.sm.takeUnacked()) {
      this.sm.track(outgoing);
      void connection.send(outgoing.element).catch(() => undefined);
    }
    this.requestAck();
    this.state = 'online';
    this.options.log.info(`XMPP: session resumed (${this.sm.pending} stanza(s) sent again)`);
    this.handler.resumed();
  }

  /** A method, so that the check is not narrowed away across awaits. */
  private isResuming(): boolean {
    return this.state === 'resuming';
  }

  private end(error: ProtocolError): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.cleanup(error);
    this.handler.lost(error);
  }

  private cleanup(error: ProtocolError): void {
    this.keepAlive.stop();
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    clearTimeout(this.ackDeadline);
    this.ackDeadline = undefined;
    this.sm.lose();
    this.iqs.failAll(error);
  }

  /**
   * XEP-0198 §6: an `h` counting stanzas we never sent (or going backwards, or not a number)
   * ends the stream with `<handled-count-too-high/>`. The session is not resumed (the server's
   * count cannot be trusted), and what was waiting for an acknowledgement is reported lost,
   * never confirmed: the user sees those messages failed and can send them again.
   */
  private ackFault(connection: StreamConnection, fault: AckFault): void {
    this.options.log.warn(`XMPP: ${this.options.domain} sent ${fault.reason}; closing the stream`);
    const error = new ProtocolError('protocol', `${this.options.domain} sent ${fault.reason}; the connection was closed and unconfirmed messages were marked as not sent.`);
    void connection.write(`<stream:error><undefined-condition xmlns='${NS.streams}'/><handled-count-too-high xmlns='${NS.sm}' h='${escapeXML(fault.h.slice(0, 40))}' send-count='${fault.sendCount}'/></stream:error></stream:stream>`)
      .catch(() => undefined)
      .finally(() => connection.destroy());
    if (this.connection === connection) this.connection = undefined;
    this.end(error);
  }

  /** An `<a/>` arrived: our outstanding `<r/>` is answered. */
  private answered(): void {
    clearTimeout(this.ackDeadline);
    this.ackDeadline = undefined;
    if (this.sm.pending > 0) this.requestAck(); // more went out after the request it answers
  }

  /**
   * A server that talks (answers pings, delivers messages) but never answers `<r/>` would
   * leave every message "sending" forever. After the keep-alive timeout without an `<a/>`,
   * while other traffic from the server arrived meanwhile, it counts as broken (XEP-0198 §4
   * says a party receiving `<r/>` MUST answer it): the session ends and what was waiting is
   * reported lost. A server silent now is the keep-alive's case (a network loss, resumed),
   * even if it said something after our `<r/>` (a frozen server's last answers): the deadline
   * looks again later, in case it talks again without acknowledging. So is a connection that
   * dropped before the deadline.
   */
  private ackOverdue(): void {
    this.ackDeadline = undefined;
    if (this.state !== 'online' || this.sm.pending === 0) return;
    const { intervalMs, timeoutMs } = this.keepAlive.times;
    const seconds = Math.round(timeoutMs / 1000);
    if (this.keepAlive.quietMs >= intervalMs) {
      this.ackDeadline = setTimeout(() => this.ackOverdue(), timeoutMs);
      return;
    }
    const connection = this.connection;
    this.options.log.warn(`XMPP: ${this.options.domain} did not acknowledge ${this.sm.pending} stanza(s) for ${seconds} s; closing the stream`);
    void connection?.close().catch(() => undefined);
    this.connection = undefined;
    this.end(new ProtocolError('protocol', `${this.options.domain} did not confirm receiving ${this.sm.pending} message(s) within ${seconds} s (XEP-0198); the connection was closed and they were marked as not sent.`));
  }

  /** XEP-0198 §4 ack request, or XEP-0199 ping without stream management: any answer counts. */
  private probe(): void {
    const probe = this.sm.enabled
      ? xml('r', { xmlns: NS.sm })
      : xml('iq', { type: 'get', id: randomId(), to: this.options.domain }, xml('ping', { xmlns: NS.ping }));
    void this.connection?.send(probe).catch(() => undefined);
  }

  private silent(): void {
    const seconds = Math.round(this.keepAlive.times.timeoutMs / 1000);
    this.options.log.info(`XMPP: no answer from ${this.options.domain} for ${seconds} s; dropping the connection`);
    this.silence = new ProtocolError('network', `The connection to ${this.options.domain} was lost: no answer from the server for ${seconds} s (ping timeout).`);
    this.connection?.destroy();
  }

  /**
   * Ask for an ack (XEP-0198 §4) shortly after sending, at most once per 20 ms. Not reset by
   * every send: a debounce never fired during a flood, so hundreds of stanzas the server had
   * handled stayed unacknowledged and were reported failed when the server died (the
   * server-kill fault test counted up to 245 of 500).
   */
  private requestAck(): void {
    if (this.ackTimer !== undefined) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      if (this.state === 'online' && this.sm.enabled && this.sm.pending > 0) {
        void this.connection?.send(xml('r', { xmlns: NS.sm })).catch(() => undefined);
        this.ackDeadline ??= setTimeout(() => this.ackOverdue(), this.keepAlive.times.timeoutMs);
      }
    }, 20);
  }

  /**
   * Send a stanza. With stream management, `onAcked` runs when the server confirms it and
   * `onLost` if the session ends first; without it, `onAcked` runs once it is written.
   */
  async send(element: Element, tracking: Omit<Outgoing, 'element'> = {}): Promise<void> {
    const outgoing: Outgoing = { element, ...tracking };
    if (this.state === 'resuming' && this.sm.id !== undefined) {
      if (this.sm.pending >= MAX_UNACKED) {
        throw new ProtocolError('network', `${MAX_UNACKED} messages are already waiting for the connection to ${this.options.domain} to come back; this one was not queued.`, { notSent: true });
      }
      this.sm.track(outgoing, false); // written after resumption; never, if the resumption fails
      return;
    }
    const connection = this.connection;
    if (this.state !== 'online' || !connection) {
      // Refused before anything was written (the session ended meanwhile): the core may send it again.
      throw new ProtocolError('network', `Not connected to ${this.options.domain}.`, { notSent: true });
    }
    if (this.sm.enabled) {
      if (this.sm.pending >= MAX_UNACKED) {
        // A server that never acknowledges must not make this queue grow without bound.
        const error = new ProtocolError('protocol', `${this.options.domain} did not confirm receiving the last ${MAX_UNACKED} messages (XEP-0198); the connection was closed and they were marked as not sent.`);
        this.options.log.warn(`XMPP: ${MAX_UNACKED} stanzas unacknowledged by ${this.options.domain}; closing the stream`);
        void connection.close().catch(() => undefined);
        this.connection = undefined;
        this.end(error);
        throw error;
      }
      if (!connection.writable) {
        // Dropped, its close not handled yet: held like a stanza sent while resuming.
        this.sm.track(outgoing, false);
        return;
      }
      this.sm.track(outgoing);
      await connection.send(element).catch(() => undefined); // a failed write is resent on resumption
      this.requestAck();
    } else {
      await connection.send(element);
      tracking.onAcked?.();
    }
  }

  /** Send an iq get/set and wait for its result; rejects with IqError or a ProtocolError. */
  iq(element: Element, timeoutMs = this.timeoutMs): Promise<Element> {
    let id = attr(element, 'id');
    if (id === undefined) {
      id = randomId();
      element.attrs['id'] = id;
    }
    const key = id;
    const answer = this.iqs.wait(key, attr(element, 'to') ?? this.options.domain, timeoutMs);
    this.send(element).catch((error: unknown) => this.iqs.fail(key, error instanceof Error ? error : new Error(String(error))));
    return answer;
  }

  /** Close the stream politely (XEP-0198 §4: a last `<a/>`), without reporting `lost`. */
  async stop(): Promise<void> {
    const connection = this.connection;
    const lastAck = this.state === 'online' && this.sm.enabled ? xml('a', { xmlns: NS.sm, h: String(this.sm.inbound) }) : undefined;
    this.state = 'closed';
    this.connection = undefined;
    this.cleanup(new ProtocolError('network', 'Disconnected.'));
    if (connection) {
      if (lastAck) await connection.send(lastAck).catch(() => undefined);
      await connection.close();
    }
  }

  /**
   * Drop the TCP connection as a network failure would (tests, and the idle check). With
   * `holdResumption`, resuming waits for it (tests that need the server to move first).
   */
  dropConnection(holdResumption?: Promise<void>): void {
    this.resumeGate = holdResumption;
    this.connection?.destroy();
  }
}
