/**
 * An external component (XEP-0114) on a real Prosody: a raw socket that can send stanzas
 * from any JID of its own domain to the server's users, routed by Prosody as a remote
 * server's would be. Tests use it as a hostile or broken remote entity (a presence flood, a
 * room that silently forgets its occupants).
 *
 * ```ts
 * const component = await componentConfig();               // before startProsody
 * const kit = await startXmppKit({ extraConfig: component.config });
 * const evil = await component.connect();
 * evil.send("<presence from='x@evil.localhost/r' to='alice@localhost/pc'/>");
 * ```
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { findFreePort } from '../serverProcess.js';

/** A top-level stanza the component received. */
export interface ReceivedStanza {
  readonly name: 'iq' | 'presence' | 'message';
  readonly xml: string;
  /** An attribute of the top-level element, '' when absent. */
  attr(name: string): string;
}

/**
 * Splits what arrives into top-level stanzas (good enough for the flat stanzas a test
 * scripts: no nested element of the same name).
 */
function stanzaSplitter(listener: (stanza: ReceivedStanza) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    for (;;) {
      const match = /<(iq|presence|message)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/.exec(buffer);
      if (!match) return;
      buffer = buffer.slice(match.index + match[0].length);
      const xml = match[0];
      const head = /^<[^>]*>/.exec(xml)?.[0] ?? '';
      listener({
        name: match[1] as ReceivedStanza['name'],
        xml,
        attr: (name) => new RegExp(`\\s${name}=['"]([^'"]*)['"]`).exec(head)?.[1] ?? '',
      });
    }
  };
}

export interface RawComponent {
  /** Send raw XML (stanzas need `from` in the component's domain and a `to`). */
  send(xml: string): void;
  /** Every top-level chunk received, concatenated. */
  received(): string;
  /** Wait until what was received matches (each match found once, from `since`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Called with each complete stanza-ish chunk as it arrives. */
  onData(listener: (text: string) => void): void;
  /** Called with each whole top-level stanza, however the chunks split it. */
  onStanza(listener: (stanza: ReceivedStanza) => void): void;
  close(): void;
}

export interface ComponentConfig {
  readonly domain: string;
  /** Lines for ProsodyOptions.extraConfig. */
  readonly config: readonly string[];
  connect(): Promise<RawComponent>;
}

export async function componentConfig(domain = 'evil.localhost'): Promise<ComponentConfig> {
  const port = await findFreePort();
  const secret = 'component-secret';
  return {
    domain,
    config: [
      `component_ports = { ${port} }`,
      'component_interface = "127.0.0.1"',
      `Component ${JSON.stringify(domain)}`,
      `  component_secret = ${JSON.stringify(secret)}`,
    ],
    connect: () => new Promise<RawComponent>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.setEncoding('utf8');
      socket.setNoDelay(true);
      let text = '';
      let online = false;
      const listeners: ((text: string) => void)[] = [];
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`the component handshake did not finish: ${text.slice(0, 300)}`)); }, 10_000);
      socket.on('error', (error) => { clearTimeout(timer); reject(error); });
      socket.on('connect', () => {
        socket.write(`<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='${domain}'>`);
      });
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (!online) {
          const id = /<stream:stream[^>]*\sid=['"]([^'"]+)['"]/.exec(text)?.[1];
          if (id && !text.includes('<handshake')) {
            socket.write(`<handshake>${createHash('sha1').update(id + secret).digest('hex')}</handshake>`);
            text += '<handshake-sent>';
            return;
          }
          if (/<handshake\s*\/>|<handshake><\/handshake>/.test(text)) {
            online = true;
            clearTimeout(timer);
            text = '';
            resolve(component);
          }
          return;
        }
        for (const listener of listeners) listener(chunk);
      });
      const component: RawComponent = {
        send: (xml) => { socket.write(xml); },
        received: () => text,
        waitFor: (pattern, timeoutMs = 10_000) => new Promise((done, fail) => {
          const deadline = Date.now() + timeoutMs;
          const check = (): void => {
            const found = text.match(pattern);
            if (found) done(found);
            else if (Date.now() > deadline) fail(new Error(`the component did not receive ${String(pattern)} within ${timeoutMs} ms; it got: ${text.slice(-800)}`));
            else setTimeout(check, 20);
          };
          check();
        }),
        onData: (listener) => { listeners.push(listener); },
        onStanza: (listener) => { listeners.push(stanzaSplitter(listener)); },
        close: () => { socket.end('</stream:stream>'); socket.destroy(); },
      };
    }),
  };
}
