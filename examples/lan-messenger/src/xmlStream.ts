/**
 * One XML stream between two link-local users over a direct TCP connection (XEP-0174 §4
 * and §5): the initiator connects to the port in the other's SRV record and opens a stream
 * whose `from` and `to` are the two instance names; the recipient answers with its own
 * stream header (and, for version 1.0 streams, an empty `<stream:features/>`, RFC 6120
 * §4.3.2). Then both sides exchange `<message/>` stanzas (RFC 6121 §5) on it until one
 * closes it with `</stream:stream>` (RFC 6120 §4.4). There is no authentication, TLS or
 * resource binding on a link-local stream.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import XmlTokenizer from 'ltx/src/parsers/ltx.js';

const STREAM_NS = 'http://etherx.jabber.org/streams';
/** A stanza larger than this closes the stream: nothing on a LAN chat needs more. */
const MAX_STANZA_CHARS = 256 * 1024;
const OPEN_TIMEOUT_MS = 10_000;

export interface StanzaElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: StanzaElement[];
  text: string;
}

export interface StreamHeader {
  readonly from?: string;
  readonly to?: string;
}

/** RFC 6120 §11.6 / XML 1.0 §2.4: the five characters that must be escaped in text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;' })[c] ?? c);
}

function header(from: string, to: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?><stream:stream xmlns='jabber:client' xmlns:stream='${STREAM_NS}' from='${escapeXml(from)}' to='${escapeXml(to)}' version='1.0'>`;
}

/** IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) as the IPv4 address announced in A records. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/i, '');
}

export class LinkLocalStream {
  private readonly tokenizer = new XmlTokenizer();
  private depth = 0;
  private stack: StanzaElement[] = [];
  private size = 0;
  private headerListener: ((header: StreamHeader) => void) | undefined;
  private stanzaListener: ((stanza: StanzaElement) => void) | undefined;
  private closeListeners: (() => void)[] = [];
  private ended = false;
  /** The other party's instance name, once its header named it. */
  peer: string | undefined;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.setKeepAlive(true, 30_000);
    socket.on('data', (chunk: string) => this.tokenizer.write(chunk));
    socket.on('error', () => this.end());
    socket.on('close', () => this.end());
    this.tokenizer.on('startElement', (name: string, attrs: Record<string, string>) => this.start(name, attrs));
    this.tokenizer.on('endElement', (name: string) => this.finish(name));
    this.tokenizer.on('text', (text: string) => this.text(text));
    this.tokenizer.on('error', () => this.close());
  }

  /**
   * Opens a stream to a peer (XEP-0174 §4): connects, sends our header, and resolves once the
   * peer answered with its own; rejects with the reason in words.
   */
  static open(address: string, port: number, from: string, to: string): Promise<LinkLocalStream> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ host: address, port });
      const stream = new LinkLocalStream(socket);
      stream.peer = to;
      const timer = setTimeout(() => fail(`${to} did not answer within ${OPEN_TIMEOUT_MS / 1000} s`), OPEN_TIMEOUT_MS);
      const fail = (reason: string): void => {
        clearTimeout(timer);
        stream.close();
        reject(new Error(reason));
      };
      socket.once('error', (error: NodeJS.ErrnoException) => fail(`${to} could not be reached at ${address}:${port} (${error.code ?? error.message})`));
      socket.once('connect', () => socket.write(header(from, to)));
      stream.headerListener = () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('error', () => stream.end());
        resolve(stream);
      };
      stream.onClose(() => fail(`${to} closed the stream`));
    });
  }

  /**
   * A stream someone opened to us: `accept` decides from its header (and the socket's source
   * address) whether to answer it; a refused one is closed without a word.
   */
  static incoming(socket: Socket, selfId: string, accept: (header: StreamHeader, remoteAddress: string) => boolean, ready: (stream: LinkLocalStream) => void): void {
    const stream = new LinkLocalStream(socket);
    stream.headerListener = (received) => {
      if (received.from === undefined || !accept(received, plainAddress(socket.remoteAddress))) {
        stream.close();
        return;
      }
      stream.peer = received.from;
      socket.write(`${header(selfId, received.from)}<stream:features/>`);
      ready(stream);
    };
  }

  onStanza(listener: (stanza: StanzaElement) => void): void {
    this.stanzaListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  get open(): boolean {
    return !this.ended && this.socket.writable;
  }

  /** Writes a stanza; resolves once it was handed to the operating system. */
  send(xml: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject(new Error('the stream is closed'));
        return;
      }
      this.socket.write(xml, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    if (this.socket.writable) this.socket.end('</stream:stream>');
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.socket.destroySoon();
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private start(name: string, attrs: Record<string, string>): void {
    this.depth++;
    if (this.depth === 1) {
      if (name !== 'stream:stream') {
        this.close();
        return;
      }
      const { from, to } = attrs;
      this.headerListener?.({ ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      this.headerListener = undefined;
      return;
    }
    const element: StanzaElement = { name, attrs, children: [], text: '' };
    this.stack.at(-1)?.children.push(element);
    this.stack.push(element);
  }

  private finish(name: string): void {
    this.depth--;
    if (this.depth === 0 && name === 'stream:stream') {
      this.close();
      return;
    }
    const element = this.stack.pop();
    if (this.depth === 1 && element) {
      this.size = 0;
      this.stanzaListener?.(element);
    }
  }

  private text(text: string): void {
    const element = this.stack.at(-1);
    if (!element) return;
    this.size += text.length;
    if (this.size > MAX_STANZA_CHARS) {
      this.close();
      return;
    }
    element.text += text;
  }
}
