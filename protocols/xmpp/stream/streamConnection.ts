/**
 * One XML stream over one socket (RFC 6120 §4): opening, restarting after TLS and SASL,
 * reading top-level elements, writing, closing. Malformed XML from the server is a stream
 * error (§4.9.3.13 not-well-formed): the stream is closed, never the process.
 */
import { ProtocolError } from '../../api/index.js';
import { NS, Parser, attr, escapeXML, isElement, type Element } from '../xml.js';
import type { Endpoint } from './endpoint.js';
import { XmppSocket, type TlsPolicy } from './socket.js';
import { streamError } from './streamErrors.js';

/** A single stanza larger than this closes the stream (servers allow far less: Prosody 256 KiB, ejabberd 64 KiB by default). */
export const MAX_STANZA_CHARS = 2 * 1024 * 1024;

interface Waiter {
  readonly resolve: (element: Element) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class StreamConnection {
  readonly socket = new XmppSocket();
  private parser: Parser | undefined;
  private readonly queue: Element[] = [];
  private waiter: Waiter | undefined;
  private failure: ProtocolError | undefined;
  /** Set after negotiation: top-level elements go here instead of the negotiation queue. */
  private handler: ((element: Element) => void) | undefined;
  /** Stream id from the server's header. */
  streamId: string | undefined;
  private closeListener: ((error: ProtocolError) => void) | undefined;
  /** Characters received since the last complete element. */
  private pendingChars = 0;

  constructor(private readonly domain: string, private readonly timeoutMs: number) {
    this.socket.on('data', (text) => this.onData(text));
    this.socket.on('close', (error) => {
      this.fail(new ProtocolError('network', `The connection to ${this.domain} was lost${error ? `: ${error.message}` : ''}.`));
    });
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

  async connect(endpoint: Endpoint, policy: TlsPolicy): Promise<void> {
    await this.socket.connect(endpoint, policy, this.timeoutMs);
  }

  /** Open (or reopen) the stream and return the server's stream features. */
  async open(): Promise<Element> {
    this.parser = this.createParser();
    this.streamId = undefined;
    await this.socket.write(`<?xml version='1.0'?><stream:stream to='${escapeXML(this.domain)}' version='1.0' xml:lang='en' xmlns='${NS.client}' xmlns:stream='${NS.stream}'>`);
    const features = await this.next();
    if (!isElement(features, 'features', NS.stream)) {
      throw new ProtocolError('protocol', `${this.domain} did not send stream features (got <${features.getName()}>).`);
    }
    return features;
  }

  private createParser(): Parser {
    const parser = new Parser();
    parser.on('start', (element: Element) => {
      this.streamId = attr(element, 'id');
    });
    parser.on('element', (element: Element) => {
      // Whitespace keep-alives between stanzas would pile up as text of the root.
      if (parser.root) parser.root.children.length = 0;
      this.pendingChars = 0;
      this.onElement(element);
    });
    parser.on('end', () => this.fail(new ProtocolError('network', `${this.domain} closed the stream.`)));
    parser.on('error', (error: Error) => this.malformed(error));
    return parser;
  }

  private onData(text: string): void {
    const parser = this.parser;
    if (!parser || this.failure) return;
    this.pendingChars += text.length;
    if (this.pendingChars > MAX_STANZA_CHARS) {
      void this.socket.write(`<stream:error><policy-violation xmlns='${NS.streams}'/></stream:error></stream:stream>`).catch(() => undefined);
      this.fail(new ProtocolError('protocol', `${this.domain} sent a stanza larger than ${MAX_STANZA_CHARS / (1024 * 1024)} MB; the connection was closed.`));
      this.socket.destroy();
      return;
    }
    try {
      parser.write(text);
    } catch (error: unknown) {
      this.malformed(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private malformed(error: Error): void {
    if (this.failure) return;
    void this.socket.write(`<stream:error><not-well-formed xmlns='${NS.streams}'/></stream:error></stream:stream>`).catch(() => undefined);
    this.fail(new ProtocolError('protocol', `${this.domain} sent XML that could not be read (${error.message.slice(0, 200)}); the connection was closed.`));
    this.socket.destroy();
  }

  private onElement(element: Element): void {
    if (isElement(element, 'error', NS.stream)) {
      this.fail(streamError(element, this.domain));
      this.socket.destroy();
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
    this.parser = undefined;
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
    if (this.failure) return Promise.reject(this.failure);
    return this.socket.write(text);
  }

  send(element: Element): Promise<void> {
    return this.write(element.toString());
  }

  /** Close the stream (RFC 6120 §4.4) and the socket. */
  async close(): Promise<void> {
    if (!this.failure && this.socket.isOpen) {
      await this.socket.write('</stream:stream>').catch(() => undefined);
    }
    await this.socket.end();
  }
}
