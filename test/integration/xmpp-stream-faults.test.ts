/**
 * Issue 12, XMPP stream management against a scripted server (Prosody cannot be made to
 * misbehave this way): an `h` that counts stanzas we never sent, that goes backwards or is
 * not a number is a protocol error (XEP-0198 §6 `<handled-count-too-high/>`), never
 * "everything acknowledged"; a server that never acknowledges cannot leave messages
 * "sending" forever, nor grow the queue of unacknowledged stanzas without bound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, type PluginLogger } from '../../protocols/api/index.js';
import { MAX_UNACKED, XmppSession } from '../../protocols/xmpp/stream/session.js';
import { xml } from '../../protocols/xmpp/xml.js';
import { startScriptedXmppServer, type ScriptOptions, type ScriptedClient, type ScriptedXmppServer } from '../servers/prosody/scriptedXmppServer.js';

const quiet: PluginLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let server: ScriptedXmppServer | undefined;
let session: XmppSession | undefined;
afterEach(async () => {
  await session?.stop();
  session = undefined;
  await server?.stop();
  server = undefined;
});

interface Harness {
  readonly session: XmppSession;
  readonly client: ScriptedClient;
  readonly lost: Promise<ProtocolError>;
  /** The connection dropped and resumption began. */
  readonly interrupted: Promise<ProtocolError>;
  readonly resumed: Promise<void>;
  /** Per message body: 'acked' or 'lost' once the session decided. */
  readonly outcome: Map<string, 'acked' | 'lost'>;
  send(body: string): Promise<void>;
}

async function connect(keepAlive = { intervalMs: 60_000, timeoutMs: 120_000 }, script: ScriptOptions = {}): Promise<Harness> {
  let online: (client: ScriptedClient) => void = () => undefined;
  const clientReady = new Promise<ScriptedClient>((resolve) => { online = resolve; });
  server = await startScriptedXmppServer((client) => online(client), script);
  let lostWith: (error: ProtocolError) => void = () => undefined;
  const lost = new Promise<ProtocolError>((resolve) => { lostWith = resolve; });
  let interruptedWith: (error: ProtocolError) => void = () => undefined;
  const interrupted = new Promise<ProtocolError>((resolve) => { interruptedWith = resolve; });
  let resumedNow: () => void = () => undefined;
  const resumed = new Promise<void>((resolve) => { resumedNow = resolve; });
  const created = new XmppSession({
    domain: 'localhost', security: 'plain', policy: { domain: 'localhost' },
    credentials: { username: 'alice', password: 'pw', account: 'alice@localhost', allowPlainPassword: true },
    resource: 'scripted', endpoints: [{ host: '127.0.0.1', port: server.port, directTls: false }], log: quiet, keepAlive, timeoutMs: 5_000,
  }, { stanza: () => undefined, interrupted: (error) => interruptedWith(error), resumed: () => resumedNow(), lost: (error) => lostWith(error) });
  session = created;
  await created.start();
  expect(created.streamManagementEnabled).toBe(true);
  const client = await clientReady;
  const outcome = new Map<string, 'acked' | 'lost'>();
  return {
    session: created, client, lost, interrupted, resumed, outcome,
    send: (body) => created.send(xml('message', { to: 'bob@localhost', type: 'chat' }, xml('body', {}, body)), {
      onAcked: () => outcome.set(body, 'acked'),
      onLost: () => outcome.set(body, 'lost'),
    }),
  };
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}

describe('XEP-0198 acknowledgements from a hostile server', () => {
  it('an h higher than what was sent closes the stream with handled-count-too-high and confirms nothing', async () => {
    const h = await connect();
    await h.send('one');
    await h.send('two');
    await h.client.waitFor(/<body>two<\/body>/);
    h.client.write("<a xmlns='urn:xmpp:sm:3' h='5'/>");
    const error = await withTimeout(h.lost, 'the session to end');
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe('localhost sent an acknowledgement of 5 stanza(s) when only 2 were waiting (h=5, 2 sent); the connection was closed and unconfirmed messages were marked as not sent.');
    await h.client.waitFor(/<handled-count-too-high xmlns='urn:xmpp:sm:3' h='5' send-count='2'\/>/);
    expect(Object.fromEntries(h.outcome)).toEqual({ one: 'lost', two: 'lost' });
  });

  it('an h that goes backwards is an error, not a wrap-around that acknowledges everything', async () => {
    const h = await connect();
    await h.send('one');
    await h.send('two');
    h.client.write("<a xmlns='urn:xmpp:sm:3' h='2'/>");
    await withTimeout(new Promise<void>((resolve) => {
      const check = (): void => { if (h.outcome.size === 2) resolve(); else setTimeout(check, 10); };
      check();
    }), 'the first two acknowledgements');
    await h.send('three');
    await h.client.waitFor(/<body>three<\/body>/);
    h.client.write("<a xmlns='urn:xmpp:sm:3' h='1'/>");
    const error = await withTimeout(h.lost, 'the session to end');
    expect(error.message).toBe('localhost sent an acknowledgement that went backwards (h=1 after h=2); the connection was closed and unconfirmed messages were marked as not sent.');
    expect(Object.fromEntries(h.outcome)).toEqual({ one: 'acked', two: 'acked', three: 'lost' });
  });

  it('an h that is not a count is an error', async () => {
    const h = await connect();
    await h.send('one');
    await h.client.waitFor(/<body>one<\/body>/);
    h.client.write("<a xmlns='urn:xmpp:sm:3' h='1e0'/>");
    const error = await withTimeout(h.lost, 'the session to end');
    expect(error.message).toBe('localhost sent an acknowledgement that is not a count (h="1e0"); the connection was closed and unconfirmed messages were marked as not sent.');
    expect(Object.fromEntries(h.outcome)).toEqual({ one: 'lost' });
  });

  it('a server that talks but never acknowledges: the messages fail after the ping timeout instead of "sending" forever', async () => {
    const h = await connect({ intervalMs: 500, timeoutMs: 1_500 });
    // The server stays chatty (a message every 100 ms), so the keep-alive never calls it silent.
    const chatter = setInterval(() => h.client.write("<message from='bob@localhost/x' type='chat'><body>still here</body></message>"), 100);
    try {
      await h.send('one');
      await h.client.waitFor(/<r xmlns=['"]urn:xmpp:sm:3['"]\/>/);
      const error = await withTimeout(h.lost, 'the session to end');
      expect(error.kind).toBe('protocol');
      expect(error.message).toBe('localhost did not confirm receiving 1 message(s) within 2 s (XEP-0198); the connection was closed and they were marked as not sent.');
      expect(Object.fromEntries(h.outcome)).toEqual({ one: 'lost' });
    } finally {
      clearInterval(chatter);
    }
  });

  it('a server that answers once after our <r/> and then goes silent (frozen) is dropped as silent and resumed, not failed as never acknowledging', async () => {
    const h = await connect({ intervalMs: 500, timeoutMs: 1_500 }, { resumed: () => "<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='1'/>" });
    await h.send('one');
    await h.client.waitFor(/<r xmlns=['"]urn:xmpp:sm:3['"]\/>/);
    // Its last words (an answer to something earlier) 300 ms after our <r/>, then nothing: the
    // fault-xmpp-freeze case under load. At the ack deadline it has been silent for 1.2 s.
    const lastWords = setTimeout(() => h.client.write("<message from='bob@localhost/x' type='chat'><body>last words</body></message>"), 300);
    h.lost.finally(() => clearTimeout(lastWords)).catch(() => undefined);
    const error = await withTimeout(Promise.race([h.interrupted, h.lost.then((lost) => { throw lost; })]), 'the connection to drop');
    expect(error.message).toBe('The connection to localhost was lost: no answer from the server for 2 s (ping timeout).');
    await withTimeout(h.resumed, 'the resumption');
    expect(Object.fromEntries(h.outcome)).toEqual({ one: 'acked' });
    expect(h.session.online).toBe(true);
  });

  it(`a server that never acknowledges cannot grow the queue past ${MAX_UNACKED} stanzas`, async () => {
    const h = await connect();
    let refused: unknown;
    let sent = 0;
    for (let i = 0; i <= MAX_UNACKED; i++) {
      try {
        await h.send(`m${i}`);
        sent++;
      } catch (error: unknown) {
        refused = error;
        break;
      }
    }
    expect(sent).toBe(MAX_UNACKED);
    expect(refused).toBeInstanceOf(ProtocolError);
    const error = await withTimeout(h.lost, 'the session to end');
    expect(error.message).toBe(`localhost did not confirm receiving the last ${MAX_UNACKED} messages (XEP-0198); the connection was closed and they were marked as not sent.`);
    expect([...h.outcome.values()].filter((value) => value === 'lost')).toHaveLength(MAX_UNACKED);
    expect(h.session.online).toBe(false);
  });
});
