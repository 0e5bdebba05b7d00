/**
 * Stream negotiation (negotiate.ts on xmpp.js's stream-features middleware) against a scripted
 * server on a raw socket: the order of the features (RFC 6120 §5–§7, XEP-0198 §3/§5) and each
 * refusal in words. TLS and SCRAM are covered against Prosody and ejabberd (xmpp-login,
 * xmpp-conformance); here the stream is plain with PLAIN allowed, to script every answer.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../api/index.js';
import { negotiate, type NegotiationOptions, type NegotiationResult } from './negotiate.js';
import { StreamConnection } from './streamConnection.js';

const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='localhost' version='1.0'>";
const MECHANISMS = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>";
const BIND = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
const SM = "<sm xmlns='urn:xmpp:sm:3'/>";

interface Script {
  /** Features after each stream header: before the login, then after it. */
  readonly features: readonly [string, string];
  /** Answer to the bind iq (its id substituted for `{ID}`). */
  readonly bind?: string;
  readonly session?: string;
  readonly enable?: string;
  readonly resume?: string;
}

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server answering by the script; `received` lists the client's elements by name, in order. */
function scriptedServer(script: Script): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      let buffer = '';
      let opens = 0;
      socket.on('data', (data) => {
        buffer += data.toString('utf8');
        for (;;) {
          const header = /^\s*(?:<\?xml[^>]*>)?<stream:stream[^>]*>/.exec(buffer);
          if (header) {
            buffer = buffer.slice(header[0].length);
            socket.write(`${HEADER}<stream:features>${script.features[Math.min(opens, 1)] ?? ''}</stream:features>`);
            opens += 1;
            continue;
          }
          const element = /^\s*<([\w:]+)([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(buffer);
          if (!element) break;
          buffer = buffer.slice(element[0].length);
          const name = element[1] ?? '';
          const id = /id=['"]([^'"]*)['"]/.exec(element[2] ?? '')?.[1] ?? '';
          const inner = element[3] ?? '';
          const what = name === 'iq' ? (/<(\w+)/.exec(inner)?.[1] ?? 'iq') : name;
          received.push(what);
          const answer = what === 'auth' ? "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
            : what === 'bind' ? script.bind
              : what === 'session' ? script.session
                : what === 'enable' ? script.enable
                  : what === 'resume' ? script.resume : undefined;
          if (answer) socket.write(answer.replaceAll('{ID}', id));
        }
      });
      socket.on('error', () => undefined);
    });
    servers.push(server);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, received });
    });
  });
}

const OPTIONS: NegotiationOptions = {
  domain: 'localhost',
  security: 'plain',
  policy: { domain: 'localhost' },
  credentials: { username: 'alice', password: 'secret', account: 'alice@localhost', allowPlainPassword: true },
  resource: 'desk',
};

async function run(script: Script, options: Partial<NegotiationOptions> = {}): Promise<{ result: NegotiationResult | ProtocolError; received: string[] }> {
  const { port, received } = await scriptedServer(script);
  const connection = new StreamConnection('localhost', 5_000);
  await connection.connect({ host: '127.0.0.1', port, directTls: false }, { domain: 'localhost' });
  try {
    const result = await negotiate(connection, { ...OPTIONS, ...options }).catch((error: unknown) => {
      if (error instanceof ProtocolError) return error;
      throw error;
    });
    return { result, received };
  } finally {
    connection.destroy();
  }
}

const BOUND = "<iq type='result' id='{ID}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@localhost/desk</jid></bind></iq>";

describe('stream negotiation', () => {
  it('logs in, binds, starts a required session, then enables stream management, in that order', async () => {
    const { result, received } = await run({
      features: [MECHANISMS, `${BIND}<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>${SM}<ver xmlns='urn:xmpp:features:rosterver'/>`],
      bind: BOUND,
      session: "<iq type='result' id='{ID}'/>",
      enable: "<enabled xmlns='urn:xmpp:sm:3' id='sm-7' resume='true' max='120'/>",
    });
    expect(result).toEqual({ kind: 'bound', jid: 'alice@localhost/desk', rosterVersioning: true, sm: { id: 'sm-7', max: 120 } });
    expect(received).toEqual(['auth', 'bind', 'session', 'enable']);
  });

  it('skips an optional session, and goes on without stream management when enabling fails', async () => {
    const { result, received } = await run({
      features: [MECHANISMS, `${SM}${BIND}<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>`],
      bind: BOUND,
      enable: "<failed xmlns='urn:xmpp:sm:3'/>",
    });
    expect(result).toEqual({ kind: 'bound', jid: 'alice@localhost/desk', rosterVersioning: false });
    expect(received).toEqual(['auth', 'bind', 'enable']);
  });

  it('resumes instead of binding (XEP-0198 §5)', async () => {
    const { result, received } = await run({
      features: [MECHANISMS, `${BIND}${SM}`],
      resume: "<resumed xmlns='urn:xmpp:sm:3' previd='sm-7' h='4'/>",
    }, { resume: { id: 'sm-7', h: 9 } });
    expect(result).toEqual({ kind: 'resumed', h: '4' });
    expect(received).toEqual(['auth', 'resume']);
  });

  it('reports a resumption the server refuses, or cannot offer, without binding a new session', async () => {
    const refused = await run({ features: [MECHANISMS, `${BIND}${SM}`], resume: "<failed xmlns='urn:xmpp:sm:3'/>" }, { resume: { id: 'sm-7', h: 9 } });
    expect(refused.result).toEqual({ kind: 'resume-failed', reason: 'the server forgot the session' });
    expect(refused.received).toEqual(['auth', 'resume']);
    const gone = await run({ features: [MECHANISMS, BIND] }, { resume: { id: 'sm-7', h: 9 } });
    expect(gone.result).toEqual({ kind: 'resume-failed', reason: 'the server no longer offers stream management' });
    expect(gone.received).toEqual(['auth']);
  });

  it('says in words when binding is refused, or not offered', async () => {
    const refused = await run({
      features: [MECHANISMS, BIND],
      bind: "<iq type='error' id='{ID}'><error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>",
    });
    expect(refused.result).toEqual(new ProtocolError('protocol', 'localhost refused to bind the resource "desk".'));
    const missing = await run({ features: [MECHANISMS, SM] });
    expect(missing.result).toEqual(new ProtocolError('protocol', 'localhost offers no resource binding.'));
    expect(missing.received).toEqual(['auth']);
  });

  it('refuses a stream without STARTTLS unless the user chose plain, and one without a login', async () => {
    const clear = await run({ features: [MECHANISMS, BIND] }, { security: 'starttls' });
    expect(clear.result).toBeInstanceOf(ProtocolError);
    expect((clear.result as ProtocolError).message).toMatch(/^localhost does not offer an encrypted connection \(STARTTLS\)/);
    expect(clear.received).toEqual([]);
    const noLogin = await run({ features: [BIND, BIND] });
    expect(noLogin.result).toEqual(new ProtocolError('protocol', 'localhost offers no login (SASL).'));
  });
});
