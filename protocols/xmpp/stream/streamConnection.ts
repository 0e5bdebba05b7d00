/**
 * One XML stream over one connection (RFC 6120 §4), on xmpp.js's client entity
 * (transport.ts): connecting, opening and restarting after TLS and SASL, reading top-level
 * elements, writing, closing. While the stream is negotiated, every element goes through
 * xmpp.js's middleware (`@xmpp/middleware`, with `@xmpp/iq`'s caller and the features
 * negotiate.ts registers through `@xmpp/stream-features`); after it, straight to a handler.
 * Malformed XML from the server is a stream error (§4.9.3.13 not-well-formed): the stream is
 * closed, never the process. Every way the stream ends becomes one ProtocolError in words.
 */
import middleware, { type Middleware } from '@xmpp/middleware';
import streamFeatures, { type StreamFeatures } from '@xmpp/stream-features';
import iqCaller, { type IQCaller } from '@xmpp/iq/caller.js';
import { ProtocolError, describeNetworkError } from '../../api/index.js';
import { NS, isElement, type Element } from '../xml.js';
import { hostPort, type Endpoint } from './endpoint.js';
import { streamError } from './streamErrors.js';
import { MAX_STANZA_CHARS, StreamEntity, type TlsPolicy } from './transport.js';

export { MAX_STANZA_CHARS } from './transport.js';

/** xmpp.js's plug points for stream negotiation, on one connection. */
export interface NegotiationTools {
  readonly middleware: Middleware<StreamEntity>;
  readonly streamFeatures: StreamFeatures<StreamEntity>;
  readonly iqCaller: IQCaller<StreamEntity>;
}

type Listener = (element: Element) => unknown;

interface Negotiation {
  /** The middleware's own `element` and `send` listeners, detached once negotiation is over. */
  readonly incoming: readonly Listener[];
  readonly outgoing: readonly Listener[];
  /** No progress (an element in, a write out) for the timeout: the server stalled. */
  watchdog: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The answers negotiation steps wait for (`next`): STARTTLS's, SASL's, and XEP-0198's to
 * `<enable/>` and `<resume/>` (`<r/>` and `<a/>` belong to the session).
 */
function isNegotiationAnswer(element: Element): boolean {
  const ns = element.getNS();
  if (ns === NS.tls || ns === NS.sasl) return true;
  return ns === NS.sm && ['enabled', 'resumed', 'failed'].includes(element.getName());
}

interface Waiter {
  readonly resolve: (element: Element) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class StreamConnection {
  private entity: StreamEntity | undefined;
  /** Elements for the handler, until it is set. */
  private readonly queue: Element[] = [];
  /** Negotiation answers not yet read by `next`. */
  private readonly answers: Element[] = [];
  private waiter: Waiter | undefined;
  private negotiation: Negotiation | undefined;
  private failure: ProtocolError | undefined;
  /** destroy() was called: nothing more is written, though the close may not have been reported yet. */
  private dropped = false;
  /** Set after negotiation: stanzas and other elements go here instead of the queue. */
  private handler: ((element: Element) => void) | undefined;
  private closeListener: ((error: ProtocolError) => void) | undefined;
  /** The last socket error, for the words when the connection then closes. */
  private socketError: Error | undefined;
  private opened = false;
  /** Rejects when the stream fails (never resolves). */
  private readonly ended: Promise<never>;
  private rejectEnded: (error: ProtocolError) => void = () => undefined;

  constructor(private readonly domain: string, private readonly timeoutMs: number) {
    this.ended = new Promise<never>((_resolve, reject) => {
      this.rejectEnded = reject;
    });
    this.ended.catch(() => undefined);
  }

  /** Called once when the stream ends, for whatever reason. */
  onClose(listener: (error: ProtocolError) => void): void {
    this.closeListener = listener;
    if (this.failure) listener(this.failure);
  }

  /** After negotiation, hand every element to `handler` (queued ones first). */
  setHandler(handler: (element: Element) => void): void {
    this.handler = handler;
    for (const element of this.queue.splice(0)) handler(element);
  }

  /** False once a write is certain to write nothing: the stream failed, or the socket was dropped or is gone. */
  get writable(): boolean {
    return !this.failure && !this.dropped && this.entity?.socket != null;
  }

  /** The full JID resource binding gave (RFC 6120 §7.6.1), once it did. */
  get boundJid(): string | undefined {
    return this.entity?.jid?.toString();
  }

  /** True once the connection is encrypted (direct TLS or after STARTTLS). */
  get secure(): boolean {
    return this.entity?.isSecure() === true;
  }

  /** Open the TCP (or TLS) connection. Rejects with a ProtocolError (network or certificate). */
  async connect(endpoint: Endpoint, policy: TlsPolicy): Promise<void> {
    const where = hostPort(endpoint);
    const entity = new StreamEntity(this.domain, this.timeoutMs, endpoint, policy, {
      tooLarge: () => this.tooLarge(),
      malformed: (error) => this.malformed(error, true),
    });
    this.entity = entity;
    entity.on('error', (error: Error) => this.onEntityError(error));
    entity.on('element', (element: Element) => this.onElement(element));
    entity.on('close', () => this.fail(new ProtocolError('network', `${this.domain} closed the stream.`)));
    entity.on('disconnect', () => {
      const error = this.socketError;
      this.fail(new ProtocolError('network', `The connection to ${this.domain} was lost${error ? `: ${error.message}` : ''}.`));
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ProtocolError('network', `Cannot connect to ${where}: no answer within ${Math.round(this.timeoutMs / 1000)} s.`)), this.timeoutMs);
    });
    try {
      await Promise.race([entity.connect(entity.service), timeout]);
    } catch (error: unknown) {
      entity.destroySocket();
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError('network', `Cannot connect to ${where}: ${describeNetworkError(error instanceof Error ? error : undefined)}.`);
    } finally {
      clearTimeout(timer);
    }
    this.socketError = undefined;
  }

  /**
   * Open (or reopen, RFC 6120 §4.3.3) the stream: resolves once the server's stream header
   * arrived. Its features come next, as an element (to the middleware while negotiating).
   */
  async open(): Promise<void> {
    const entity = this.entity;
    if (!entity || this.failure) throw this.failure ?? new ProtocolError('network', `Not connected to ${this.domain}.`);
    // Upstream's open() listens for the header only after its write has completed; a server
    // answering faster than the write callback (usual over TLS) is missed and it times out.
    // We listen before writing and ignore its promise.
    const header = new Promise<void>((resolve) => entity.once('open', () => resolve()));
    const opening = this.opened ? entity.restart() : entity.open({ domain: this.domain, lang: 'en' });
    opening.catch(() => undefined);
    this.opened = true;
    this.progress();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ProtocolError('network', `${this.domain} did not open the stream within ${Math.round(this.timeoutMs / 1000)} s.`)), this.timeoutMs);
    });
    try {
      await Promise.race([header, this.ended, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Rejects when the stream fails (never resolves): for racing a wait against the stream's end. */
  get closed(): Promise<never> {
    return this.ended;
  }

  /**
   * Route elements through xmpp.js's middleware until `endNegotiation`: negotiation answers to
   * `next`, iq results to its iq caller, stream features to the feature handlers registered on
   * the returned `streamFeatures` (in the order registered, XEP-0170), everything else to the
   * handler. The middleware has no way to detach; its listeners are taken off the entity and
   * called from here, so that after negotiation no stanza goes through it (its context parses
   * every stanza's `from` and `to` and throws on a malformed address, which would end the stream).
   */
  beginNegotiation(): NegotiationTools {
    const entity = this.entity;
    if (!entity) throw new ProtocolError('network', `Not connected to ${this.domain}.`);
    const listening = (event: 'element' | 'send'): Listener[] => entity.listeners(event) as Listener[];
    const before = { element: listening('element'), send: listening('send') };
    const tools = middleware({ entity });
    const incoming = listening('element').filter((listener) => !before.element.includes(listener));
    const outgoing = listening('send').filter((listener) => !before.send.includes(listener));
    for (const listener of incoming) entity.removeListener('element', listener);
    this.negotiation = { incoming, outgoing, watchdog: undefined };
    this.progress();
    tools.use((context, next) => {
      if (!isNegotiationAnswer(context.stanza)) return next();
      this.answer(context.stanza);
      return undefined;
    });
    const caller = iqCaller({ middleware: tools, entity });
    tools.use((context, next) => {
      if (isElement(context.stanza, 'features', NS.stream)) return next();
      this.deliver(context.stanza);
      return undefined;
    });
    return { middleware: tools, streamFeatures: streamFeatures({ middleware: tools }), iqCaller: caller };
  }

  /** Negotiation is over: elements go straight to the handler from now on. */
  endNegotiation(): void {
    const negotiation = this.negotiation;
    if (!negotiation) return;
    this.negotiation = undefined;
    clearTimeout(negotiation.watchdog);
    for (const listener of negotiation.outgoing) this.entity?.removeListener('send', listener);
  }

  /** While negotiating: the server moved or we did; the stall timeout starts again. */
  private progress(): void {
    const negotiation = this.negotiation;
    if (!negotiation) return;
    clearTimeout(negotiation.watchdog);
    negotiation.watchdog = setTimeout(() => {
      this.fail(new ProtocolError('network', `${this.domain} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`));
      this.destroy();
    }, this.timeoutMs);
  }

  /** RFC 6120 §5.4.3.3: TLS on this connection after `<proceed/>`. */
  async startTls(): Promise<void> {
    const entity = this.entity;
    if (!entity) throw new ProtocolError('network', `Not connected to ${this.domain}.`);
    await entity.upgradeToTls(this.timeoutMs);
  }

  private onEntityError(error: Error): void {
    if (error instanceof ProtocolError) {
      this.fail(error);
    } else if (error.name === 'XMLError') {
      this.malformed(error, false); // upstream already answered with <bad-format/>
    } else if (error.name !== 'StreamError') {
      // A socket error; the close that follows reports it. Stream errors come as elements.
      this.socketError = error;
    }
  }

  private tooLarge(): void {
    if (this.failure) return;
    this.writeRaw(`<stream:error><policy-violation xmlns='${NS.streams}'/></stream:error></stream:stream>`);
    this.fail(new ProtocolError('protocol', `${this.domain} sent a stanza larger than ${MAX_STANZA_CHARS / (1024 * 1024)} MB; the connection was closed.`));
    this.destroy();
  }

  private malformed(error: Error, answer: boolean): void {
    if (this.failure) return;
    if (answer) this.writeRaw(`<stream:error><not-well-formed xmlns='${NS.streams}'/></stream:error></stream:stream>`);
    this.fail(new ProtocolError('protocol', `${this.domain} sent XML that could not be read (${error.message.slice(0, 200)}); the connection was closed.`));
    this.destroy();
  }

  /** Last words on a stream we are about to drop: written past upstream's state checks. */
  private writeRaw(text: string): void {
    const socket = this.entity?.socket as unknown as { write?: (data: string, callback: () => void) => void } | null | undefined;
    try {
      socket?.write?.(text, () => undefined);
    } catch {
      // The socket is already gone.
    }
  }

  private onElement(element: Element): void {
    if (this.failure) return;
    if (isElement(element, 'error', NS.stream)) {
      this.fail(streamError(element, this.domain));
      this.destroy();
      return;
    }
    const negotiation = this.negotiation;
    if (!negotiation) {
      this.deliver(element);
      return;
    }
    this.progress();
    try {
      for (const listener of negotiation.incoming) listener(element);
    } catch {
      // The middleware's context could not parse an address: not a negotiation element.
      this.deliver(element);
    }
  }

  private deliver(element: Element): void {
    if (this.handler) this.handler(element);
    else this.queue.push(element);
  }

  private answer(element: Element): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      clearTimeout(waiter.timer);
      waiter.resolve(element);
    } else {
      this.answers.push(element);
    }
  }

  private fail(error: ProtocolError): void {
    if (this.failure) return;
    this.failure = error;
    this.endNegotiation();
    this.rejectEnded(error);
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.closeListener?.(error);
  }

  get failed(): ProtocolError | undefined {
    return this.failure;
  }

  /** The next negotiation answer (see isNegotiationAnswer), while negotiating. */
  next(timeoutMs = this.timeoutMs): Promise<Element> {
    const queued = this.answers.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new ProtocolError('network', `${this.domain} did not answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  write(text: string): Promise<void> {
    const entity = this.entity;
    if (this.failure) return Promise.reject(this.failure);
    if (!entity?.socket) return Promise.reject(new ProtocolError('network', 'The connection to the server is closed.'));
    this.progress();
    return entity.write(text).catch((error: unknown) => {
      throw new ProtocolError('network', `Writing to the server failed: ${error instanceof Error ? error.message : String(error)}.`);
    });
  }

  send(element: Element): Promise<void> {
    return this.write(element.toString());
  }

  /** Drop the connection now (network loss in tests, faults, the idle check). */
  destroy(): void {
    this.dropped = true;
    this.entity?.destroySocket();
  }

  /** Close the stream (RFC 6120 §4.4) and the socket, waiting at most `graceMs` for the server. */
  async close(graceMs = 2_000): Promise<void> {
    const entity = this.entity;
    if (!entity?.socket) return;
    if (this.failure) {
      this.destroy();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([entity.disconnect().catch(() => undefined), grace]);
    clearTimeout(timer);
    this.destroy();
  }
}
