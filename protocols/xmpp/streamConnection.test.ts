import net from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../api/index.js';
import { StreamConnection } from './stream/streamConnection.js';
import { attr, type Element } from './xml.js';

const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='localhost' version='1.0'>";
const servers: net.Server[] = [];

/** A fake server: answers the stream header with features, then sends `after`. */
function fakeServer(after: string | Buffer): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write(`${HEADER}<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`);
        // Split the payload in two writes, inside a multi-byte character, as TCP may.
        const bytes = typeof after === 'string' ? Buffer.from(after, 'utf8') : after;
        const cut = Math.max(1, bytes.indexOf(0xf0) + 2);
        setImmediate(() => {
          socket.write(bytes.subarray(0, cut));
          setImmediate(() => socket.write(bytes.subarray(cut)));
        });
      });
      socket.on('error', () => undefined);
    });
    servers.push(server);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function open(after: string): Promise<{ connection: StreamConnection; elements: Element[]; closed: Promise<ProtocolError> }> {
  const port = await fakeServer(after);
  const connection = new StreamConnection('localhost', 5_000);
  await connection.connect({ host: '127.0.0.1', port, directTls: false }, { domain: 'localhost' });
  await connection.open();
  const elements: Element[] = [];
  const closed = new Promise<ProtocolError>((resolve) => connection.onClose(resolve));
  const features = new Promise<Element>((resolve) => {
    connection.setHandler((element) => {
      if (element.getName() === 'features') resolve(element);
      else elements.push(element);
    });
  });
  expect((await features).getNS()).toBe('http://etherx.jabber.org/streams');
  return { connection, elements, closed };
}

describe('the XML stream', () => {
  it('decodes UTF-8 split across packets and hands over stanzas', async () => {
    const { elements, closed } = await open("<message from='b@x/y'><body>emoji 😀 split</body></message></stream:stream>");
    const error = await closed;
    expect(error.message).toMatch(/closed the stream/);
    expect(elements.map((element) => element.getChildText('body'))).toEqual(['emoji 😀 split']);
  });

  it('closes with a clear error on malformed XML, after the stanzas before it', async () => {
    const { elements, closed } = await open("<message><body>ok 😀</body></message><message><body>&bogus;</body></message><message><body>never</body></message>");
    const error = await closed;
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/sent XML that could not be read/);
    expect(elements).toHaveLength(1);
  });

  it('closes the stream on a 20 MB stanza instead of buffering it', async () => {
    const { elements, closed } = await open(`<message><body>small 😀</body></message><message><body>${'x'.repeat(20 * 1024 * 1024)}</body></message>`);
    const error = await closed;
    expect(error.message).toBe('localhost sent a stanza larger than 2 MB; the connection was closed.');
    expect(elements).toHaveLength(1);
  });

  it('reports a stream error in words', async () => {
    const { closed } = await open("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text></stream:error>");
    const error = await closed;
    expect(error.message).toBe('localhost: another connection with the same resource replaced this one: Replaced by new connection.');
  });

  it('keeps only the ids taken from stanzas, not the stream text they were read from', async () => {
    // Issue 18: the plugin's lookup tables keep ids of the messages it saw (stanza-ids, authors).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const stanzas = 400;
    const body = 'x'.repeat(60_000);
    // Bytes, outside the JS heap: the test holds no copy of the text in the heap it measures.
    const payload = Buffer.from(`${Array.from({ length: stanzas }, (_, i) => `<message id='soak-room-message-${String(i).padStart(6, '0')}'><body>${body}</body></message>`).join('')}</stream:stream>`, 'utf8');
    const port = await fakeServer(payload);
    const connection = new StreamConnection('localhost', 5_000);
    await connection.connect({ host: '127.0.0.1', port, directTls: false }, { domain: 'localhost' });
    await connection.open();
    const closed = new Promise<ProtocolError>((resolve) => connection.onClose(resolve));
    const ids: string[] = [];
    connection.setHandler((element) => {
      if (element.getName() === 'message') ids.push(attr(element, 'id') ?? '');
    });
    await closed;
    expect(ids).toHaveLength(stanzas);
    // What the ids hold: the heap with them, less the heap once they are dropped.
    gc();
    const withIds = process.memoryUsage().heapUsed;
    ids.length = 0;
    gc();
    const kept = withIds - process.memoryUsage().heapUsed;
    // 400 ids are some 20 KB; the text they came in is 24 MB (as slices of each socket read, it stayed).
    expect(kept).toBeLessThan(4 * 1024 * 1024);
  });
});
