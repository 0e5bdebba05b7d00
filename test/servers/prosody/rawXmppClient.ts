/**
 * A tiny XMPP client on plain node:tls (direct TLS, SASL PLAIN, resource binding),
 * independent of our adapter and of @xmpp/client: tests use it as "the other person" on a
 * real server and to send hand-made (also malformed) stanzas. It does not parse XML: it
 * splits the stream into top-level elements by a simple depth scan, which is enough for
 * what Prosody sends, and tests match them with regular expressions.
 */
import tls from 'node:tls';

export interface RawXmppClient {
  /** The full JID the server bound. */
  readonly jid: string;
  /** Every top-level element received after binding, as XML text. */
  readonly received: readonly string[];
  /** Send raw XML. */
  send(xml: string): void;
  /** Wait for a received element matching `pattern` (earlier ones count, each once). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Send an iq and wait for the result or error with its id. */
  iq(xml: string, timeoutMs?: number): Promise<string>;
  /** Drop the TCP connection without closing the stream. */
  destroy(): void;
  close(): Promise<void>;
}

export interface RawXmppClientOptions {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly resource?: string;
  readonly host?: string;
  readonly domain?: string;
  /** Send initial presence after binding (default true). */
  readonly presence?: boolean;
  readonly timeoutMs?: number;
}

/** Escape text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Splits a stream into top-level elements: depth counting over tags, ignoring the stream header. */
class ElementSplitter {
  private buffer = '';
  private position = 0;
  private depth = 0;
  private start = -1;

  push(text: string): string[] {
    this.buffer += text;
    const out: string[] = [];
    let i = this.position;
    for (;;) {
      const open = this.buffer.indexOf('<', i);
      if (open === -1) break;
      const close = this.buffer.indexOf('>', open);
      if (close === -1) break;
      const tag = this.buffer.slice(open, close + 1);
      i = close + 1;
      if (tag.startsWith('<?') || tag.startsWith('<stream:stream') || tag.startsWith('</stream:stream')) continue;
      if (tag.startsWith('</')) {
        this.depth--;
        if (this.depth === 0 && this.start >= 0) {
          out.push(this.buffer.slice(this.start, i));
          this.start = -1;
        }
      } else if (tag.endsWith('/>')) {
        if (this.depth === 0) out.push(tag);
      } else {
        if (this.depth === 0) this.start = open;
        this.depth++;
      }
    }
    const cut = this.depth > 0 && this.start >= 0 ? this.start : i;
    this.buffer = this.buffer.slice(cut);
    if (this.start >= 0) this.start -= cut;
    this.position = i - cut;
    return out;
  }
}

export async function connectRawXmppClient(options: RawXmppClientOptions): Promise<RawXmppClient> {
  const domain = options.domain ?? 'localhost';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const socket = tls.connect({ host: options.host ?? '127.0.0.1', port: options.port, servername: domain, rejectUnauthorized: false });
  socket.setNoDelay(true);
  const splitter = new ElementSplitter();
  const received: string[] = [];
  const consumed = new Set<number>();
  let listeners: (() => void)[] = [];
  let counter = 0;
  socket.on('data', (chunk: Buffer) => {
    for (const element of splitter.push(chunk.toString('utf8'))) {
      received.push(element);
      // Answer pings and ack requests so the server keeps us.
      const ping = /^<iq [^>]*type=['"]get['"][^>]*>\s*<ping /.exec(element);
      if (ping) {
        const id = /id=['"]([^'"]+)['"]/.exec(element)?.[1] ?? '';
        const from = /from=['"]([^'"]+)['"]/.exec(element)?.[1] ?? domain;
        socket.write(`<iq type='result' id='${id}' to='${from}'/>`);
      }
    }
    for (const listener of [...listeners]) listener();
  });
  socket.on('error', () => undefined);

  const waitFor = (pattern: RegExp, wait = timeoutMs): Promise<string> => new Promise((resolve, reject) => {
    const check = (): boolean => {
      for (let index = 0; index < received.length; index++) {
        const element = received[index];
        if (element !== undefined && !consumed.has(index) && pattern.test(element)) {
          consumed.add(index);
          resolve(element);
          return true;
        }
      }
      return false;
    };
    if (check()) return;
    const listener = (): void => {
      if (check()) {
        clearTimeout(timer);
        listeners = listeners.filter((l) => l !== listener);
      }
    };
    const timer = setTimeout(() => {
      listeners = listeners.filter((l) => l !== listener);
      reject(new Error(`raw XMPP client ${options.user}: nothing matched ${String(pattern)} within ${wait} ms. Last received:\n${received.slice(-8).join('\n')}`));
    }, wait);
    listeners.push(listener);
  });

  const send = (xml: string): void => {
    socket.write(xml);
  };
  const open = (): void => send(`<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`);

  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  open();
  await waitFor(/^<stream:features/);
  send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\u0000${options.user}\u0000${options.password}`).toString('base64')}</auth>`);
  const auth = await waitFor(/^<(success|failure)/);
  if (auth.startsWith('<failure')) throw new Error(`raw XMPP client: login as ${options.user} failed: ${auth}`);
  open();
  await waitFor(/^<stream:features/);
  send(`<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${escapeXml(options.resource ?? 'raw')}</resource></bind></iq>`);
  const bound = await waitFor(/^<iq [^>]*id=['"]bind['"]/);
  const jid = /<jid>([^<]+)<\/jid>/.exec(bound)?.[1] ?? '';
  // RFC 6121 §2.1.6: only resources that asked for the roster get subscription presence and pushes.
  send(`<iq type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq>`);
  await waitFor(/^<iq [^>]*id=['"]roster['"]/);
  if (options.presence !== false) send('<presence/>');

  return {
    jid,
    received,
    send,
    waitFor,
    async iq(xml, wait) {
      const id = `raw-${++counter}`;
      send(xml.replace(/^<iq /, `<iq id='${id}' `));
      return waitFor(new RegExp(`^<iq [^>]*id=['"]${id}['"]`), wait);
    },
    destroy() {
      socket.destroy();
    },
    async close() {
      if (socket.destroyed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          socket.destroy();
          resolve();
        }, 2_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.end('</stream:stream>');
      });
    },
  };
}
