/**
 * One XML stream over one connection (RFC 6120 §4), on xmpp.js's client entity
 * (transport.ts): connecting, opening and restarting after TLS and SASL, reading top-level
 * elements, writing, closing. Negotiation reads elements one by one (`next`); after it,
 * they go to a handler. Malformed XML from the server is a stream error (§4.9.3.13
 * not-well-formed): the stream is closed, never the process. Every way the stream ends
 * becomes one ProtocolError in words.
 */
import { ProtocolError, describeNetworkError } from '../../api/index.js';
import { NS, isElement, type Element } from '../xml.js';
import { hostPort, type Endpoint } from './endpoint.js';
import { streamError } from './streamErrors.js';
import { MAX_STANZA_CHARS, StreamEntity, type TlsPolicy } from './transport.js';

export { MAX_STANZA_CHARS } from './transport.js';

interface Waiter {
  readonly resolve: (element: Element) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class StreamConnection {
  private entity: StreamEntity | undefined;
  private readonly queue: Element[] = [];
  private waiter: Waiter | undefined;
  private failure: ProtocolError | undefined;
  /** destroy() was called: nothing more is written, though the close may not have been reported yet. */
  private dropped = false;
  /** Set after negotiation: top-level elements go here instead of the negotiation queue. */
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

  /** Open (or reopen, RFC 6120 §4.3.3) the stream and return the server's stream features. */
  async open(): Promise<Element> {
    const entity = this.entity;
    if (!entity || this.failure) throw this.failure ?? new ProtocolError('network', `Not connected to ${this.domain}.`);
    // Upstream's open() listens for the header only after its write has completed; a server
    // answering faster than the write callback (usual over TLS) is missed and it times out.
    // We listen before writing and ignore its promise.
    const header = new Promise<void>((resolve) => entity.once('open', () => resolve()));
    const opening = this.opened ? entity.restart() : entity.open({ domain: this.domain, lang: 'en' });
    opening.catch(() => undefined);
    this.opened = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ProtocolError('network', `${this.domain} did not open the stream within ${Math.round(this.timeoutMs / 1000)} s.`)), this.timeoutMs);
    });
    try {
      await Promise.race([header, this.ended, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const features = await this.next();
    if (!isElement(features, 'features', NS.stream)) {
      throw new ProtocolError('protocol', `${this.domain} did not send stream features (got <${features.getName()}>).`);
    }
    return features;
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
    if (this.handler) {
      this.handler(element);
      return;
    }
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      clearTimeout(waiter.timer);
      waiter.resolve(element);
    } else {
      this.queue.push(element);
    }
  }

  private fail(error: ProtocolError): void {
    if (this.failure) return;
    this.failure = error;
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

  /** The next top-level element (negotiation only). */
  next(timeoutMs = this.timeoutMs): Promise<Element> {
    const queued = this.queue.shift();
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
