/**
 * A scripted XMPP server on a raw socket, for faults Prosody cannot be made to commit (a
 * bogus XEP-0198 `h`, never acknowledging, floods of presence): it logs a client in without
 * TLS (SASL PLAIN, resource binding, `<enabled/>` with resumption), then hands the socket to
 * the test, which writes whatever it wants and reads what the client sent.
 *
 * ```ts
 * const server = await startScriptedXmppServer((client) => { client.write("<a xmlns='urn:xmpp:sm:3' h='99'/>"); });
 * // connect with security 'plain', allowPlainPassword, to 127.0.0.1:server.port
 * await server.stop();
 * ```
 */
import net from 'node:net';

const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='scripted' from='localhost' version='1.0'>";

export interface ScriptedClient {
  /** Everything the client sent after `<enable/>` was answered. */
  readonly received: () => string;
  /** Send raw XML to the client. */
  write(text: string): void;
  /** Wait until what the client sent matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly socket: net.Socket;
}

export interface ScriptedXmppServer {
  readonly port: number;
  /** Every client that logged in, in order. */
  readonly clients: ScriptedClient[];
  stop(): Promise<void>;
}

export interface ScriptOptions {
  /** Answer `<resume/>` with this (default: `<failed/>`). */
  readonly resumed?: (previd: string, h: string) => string;
}

export async function startScriptedXmppServer(onOnline: (client: ScriptedClient) => void, options: ScriptOptions = {}): Promise<ScriptedXmppServer> {
  const clients: ScriptedClient[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    let buffer = '';
    let phase: 'auth' | 'bind' | 'online' = 'auth';
    let after = '';
    const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
    const client: ScriptedClient = {
      received: () => after,
      write: (text) => {
        if (!socket.destroyed) socket.write(text);
      },
      waitFor: (pattern, timeoutMs = 10_000) => new Promise((resolve, reject) => {
        const found = after.match(pattern);
        if (found) {
          resolve(found);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`the client did not send ${String(pattern)} within ${timeoutMs} ms; it sent: ${after.slice(-500)}`)), timeoutMs);
        waiters.push({ pattern, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      }),
      socket,
    };
    socket.on('data', (chunk: string) => {
      if (phase === 'online') {
        after += chunk;
        for (const waiter of waiters.splice(0)) {
          const found = after.match(waiter.pattern);
          if (found) waiter.resolve(found);
          else waiters.push(waiter);
        }
        return;
      }
      buffer += chunk;
      for (;;) {
        if (phase === 'auth' && buffer.includes('<stream:stream') && !buffer.includes('<auth')) {
          if (!/<stream:stream[^>]*>/.test(buffer)) return;
          socket.write(`${HEADER}<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`);
          buffer = buffer.replace(/<\?xml[^>]*>/, '').replace(/<stream:stream[^>]*>/, '');
          continue;
        }
        if (phase === 'auth' && /<auth[^>]*>[^<]*<\/auth>/.test(buffer)) {
          buffer = '';
          socket.write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
          phase = 'bind';
          continue;
        }
        if (phase === 'bind' && /<stream:stream[^>]*>/.test(buffer)) {
          buffer = buffer.replace(/<\?xml[^>]*>/, '').replace(/<stream:stream[^>]*>/, '');
          socket.write(`${HEADER}<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>`);
          continue;
        }
        const resume = phase === 'bind' ? buffer.match(/<resume[^>]*previd=['"]([^'"]*)['"][^>]*h=['"]([^'"]*)['"][^>]*\/>/) : null;
        if (resume) {
          buffer = '';
          socket.write(options.resumed ? options.resumed(resume[1] ?? '', resume[2] ?? '') : "<failed xmlns='urn:xmpp:sm:3'/>");
          phase = 'online';
          clients.push(client);
          onOnline(client);
          return;
        }
        const bind = phase === 'bind' ? buffer.match(/<iq[^>]*id=['"]([^'"]+)['"][^>]*>\s*<bind[\s\S]*?<\/iq>/) : null;
        if (bind) {
          buffer = buffer.slice((bind.index ?? 0) + bind[0].length);
          socket.write(`<iq type='result' id='${bind[1] ?? ''}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@localhost/scripted</jid></bind></iq>`);
          continue;
        }
        if (phase === 'bind' && /<enable[^>]*\/>/.test(buffer)) {
          buffer = '';
          socket.write("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true' max='60'/>");
          phase = 'online';
          clients.push(client);
          onOnline(client);
          return;
        }
        return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    clients,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
