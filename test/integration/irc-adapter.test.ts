/**
 * IRC-specific behaviour of the adapter against a real ngIRCd, checked with the
 * independent raw client; plus a tiny fake server for what a real server cannot be made
 * to do (garbage lines, invalid UTF-8, closing mid-registration, silence).
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, type AccountFieldValue } from '../../protocols/api/index.js';
import ircPlugin from '../../protocols/irc/index.js';
import { TestAccount } from '../conformance/index.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';

type Settings = Record<string, AccountFieldValue>;

const accounts: TestAccount[] = [];
const rawClients: RawIrcClient[] = [];

function account(settings: Settings): TestAccount {
  const created = new TestAccount(ircPlugin, settings, 10_000);
  accounts.push(created);
  return created;
}

async function raw(port: number, nick: string): Promise<RawIrcClient> {
  const client = await connectRawIrcClient({ port, nick });
  rawClients.push(client);
  return client;
}

async function connectError(target: TestAccount): Promise<ProtocolError> {
  try {
    await target.connection.connect();
  } catch (thrown: unknown) {
    if (thrown instanceof ProtocolError) return thrown;
    throw new Error(`connect rejected with a non-ProtocolError: ${String(thrown)}`);
  }
  throw new Error('connect succeeded but was expected to fail');
}

afterEach(async () => {
  await Promise.all(accounts.splice(0).map((a) => a.connection.disconnect()));
  await Promise.all(rawClients.splice(0).map((c) => c.close()));
});

describe('IRC adapter on ngIRCd', () => {
  let server: RunningIrcServer;
  const plain = (nick: string, extra: Settings = {}): Settings => ({ server: '127.0.0.1', port: server.port, tls: false, nick, ...extra });

  beforeAll(async () => {
    server = await startNgircd({ tls: true });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a self-signed TLS certificate with kind certificate and its fingerprint', async () => {
    const alice = account({ server: '127.0.0.1', port: server.tlsPort ?? 0, tls: true, nick: 'alice' });
    const error = await connectError(alice);
    expect(error.kind).toBe('certificate');
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).toMatch(/self-signed/);
    expect(error.certificate?.fingerprint256).toBe(server.certificateFingerprint256);
    expect(error.certificate?.subject).toBe('127.0.0.1');
    expect(error.certificate?.reason).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error.certificate?.validTo).toBeGreaterThan(Date.now());
    expect(alice.states).toEqual(['connecting', 'failed']);
  });

  it('connects over TLS when trustedFingerprint is exactly that certificate, and only then', async () => {
    const fingerprint = server.certificateFingerprint256 ?? '';
    const tlsSettings = { server: '127.0.0.1', port: server.tlsPort ?? 0, tls: true };
    const other = account({ ...tlsSettings, nick: 'eve', trustedFingerprint: fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00') });
    expect((await connectError(other)).kind).toBe('certificate');

    const alice = account({ ...tlsSettings, nick: 'alice', trustedFingerprint: fingerprint.toLowerCase() });
    await alice.connection.connect();
    expect(alice.selfId).toBe('alice');
    const carol = await raw(server.port, 'carol');
    const { conversationId } = await (alice.connection.openDirect?.('carol') ?? Promise.reject(new Error('no openDirect')));
    await alice.connection.sendMessage({ conversationId, localId: 'l1', kind: 'text', body: 'over TLS' });
    await carol.waitForLine(/^:alice!\S+ PRIVMSG carol :over TLS$/);
  });

  it('splits a 1,000-byte message into lines of at most 512 bytes, losing nothing and no character', async () => {
    const alice = account(plain('alice'));
    await alice.connection.connect();
    const carol = await raw(server.port, 'carol');
    carol.send('JOIN #long');
    await carol.waitForLine(/ 366 carol #long /);
    const { conversationId } = await (alice.connection.joinRoom?.({ room: '#long' }) ?? Promise.reject(new Error('no joinRoom')));

    const words: string[] = [];
    while (Buffer.byteLength(words.join(' ')) < 1_000) words.push(`wörd${words.length}€😀`);
    const body = words.join(' ');
    await alice.connection.sendMessage({ conversationId, localId: 'long-1', kind: 'text', body });
    await alice.waitForEvent('message.confirmed', (e) => e.localId === 'long-1');

    const received: string[] = [];
    while (received.join(' ').length < body.length) {
      const line = await carol.waitForLine(/^:alice!\S+ PRIVMSG #long :/);
      expect(Buffer.byteLength(line, 'utf8') + 2).toBeLessThanOrEqual(512);
      received.push(line.slice(line.indexOf(' :') + 2));
    }
    expect(received.length).toBeGreaterThanOrEqual(3);
    expect(received.join(' ')).toBe(body);
    expect(received.join('')).not.toContain('\uFFFD');

    // A single 1,000-byte word is cut inside the word, but never inside a character.
    const blob = '😀é'.repeat(170);
    await alice.connection.sendMessage({ conversationId, localId: 'long-2', kind: 'text', body: blob });
    const pieces: string[] = [];
    while (pieces.join('').length < blob.length) {
      const line = await carol.waitForLine(/^:alice!\S+ PRIVMSG #long :/);
      expect(Buffer.byteLength(line, 'utf8') + 2).toBeLessThanOrEqual(512);
      pieces.push(line.slice(line.indexOf(' :') + 2));
    }
    expect(pieces.join('')).toBe(blob);
  });

  it('strips mIRC formatting from what a raw client sends, in queries and channels', async () => {
    const alice = account(plain('alice'));
    await alice.connection.connect();
    const carol = await raw(server.port, 'Carol');
    carol.send('PRIVMSG alice :\x0304,12red\x03 \x02bold\x02 \x1Ditalic\x1D \x04FF00FFhex\x04 done');
    const direct = await alice.waitForMessage('the coloured query', (m) => m.body.endsWith('done'));
    expect(direct.body).toBe('red bold italic hex done');
    expect(direct.senderId).toBe('carol');
    expect(direct.senderName).toBe('Carol');
    expect(direct.conversationId).toBe('carol');
    expect(direct.kind).toBe('text');

    await (alice.connection.joinRoom?.({ room: '#Colours' }) ?? Promise.reject(new Error('no joinRoom')));
    carol.send('JOIN #colours');
    await carol.waitForLine(/ 366 Carol /);
    carol.send('PRIVMSG #colours :\x0309green\x0F and \x1Funderlined\x1F');
    carol.send('PRIVMSG #colours :\x01ACTION \x02waves\x02\x01');
    const inRoom = await alice.waitForMessage('the coloured channel line', (m) => m.body.startsWith('green'));
    expect(inRoom).toMatchObject({ conversationId: '#colours', body: 'green and underlined', kind: 'text' });
    const action = await alice.waitForMessage('the action', (m) => m.kind === 'action');
    expect(action.body).toBe('waves');
  });

  it('sends actions and notices as CTCP ACTION and NOTICE', async () => {
    const alice = account(plain('alice'));
    await alice.connection.connect();
    const carol = await raw(server.port, 'carol');
    await alice.connection.sendMessage({ conversationId: 'carol', localId: 'a1', kind: 'action', body: 'waves' });
    const actionLine = await carol.waitForLine(/^:alice!\S+ PRIVMSG carol :.ACTION waves.$/);
    expect(actionLine.endsWith(':\u0001ACTION waves\u0001')).toBe(true);
    await alice.connection.sendMessage({ conversationId: 'carol', localId: 'n1', kind: 'notice', body: 'a notice\nsecond line' });
    await carol.waitForLine(/^:alice!\S+ NOTICE carol :a notice$/);
    await carol.waitForLine(/^:alice!\S+ NOTICE carol :second line$/);
    await alice.waitForEvent('message.confirmed', (e) => e.localId === 'n1');
  });

  it('follows a room: topic, joins, roles, renames, parts, quits, and our own kick', async () => {
    const carol = await raw(server.port, 'carol');
    carol.send('JOIN #room');
    await carol.waitForLine(/ 366 carol #room /);
    carol.send('TOPIC #room :First topic');
    await carol.waitForLine(/TOPIC #room/);
    const alice = account(plain('alice'));
    await alice.connection.connect();
    const { conversationId: room } = await (alice.connection.joinRoom?.({ room: '#Room' }) ?? Promise.reject(new Error('no joinRoom')));
    expect(room).toBe('#room');
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.topic === 'First topic');
    await alice.waitFor('the NAMES list', () => (alice.memberIds(room).length === 2 ? true : undefined));
    expect(alice.members.get(room)?.get('carol')?.role).toBe('operator');
    expect(alice.members.get(room)?.get('alice')?.role).toBeUndefined();

    const dave = await raw(server.port, 'dave');
    dave.send('JOIN #room');
    await alice.waitForMessage('dave joined', (m) => m.kind === 'event' && m.body === 'dave joined');
    expect(alice.memberIds(room)).toEqual(['alice', 'carol', 'dave']);

    carol.send('MODE #room +v dave');
    await alice.waitFor('dave voiced', () => (alice.members.get(room)?.get('dave')?.role === 'voice' ? true : undefined));
    carol.send('TOPIC #room :Second topic');
    await alice.waitForMessage('the topic change line', (m) => m.body === 'carol set the topic to Second topic');
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.topic === 'Second topic');

    dave.send('NICK erin');
    await alice.waitForMessage('the rename line', (m) => m.body === 'dave is now known as erin');
    expect(alice.memberIds(room)).toEqual(['alice', 'carol', 'erin']);
    expect(alice.members.get(room)?.get('erin')?.role).toBe('voice');

    dave.send('PART #room :see you');
    await alice.waitForMessage('the part line', (m) => m.body === 'erin left (see you)');
    expect(alice.memberIds(room)).toEqual(['alice', 'carol']);

    carol.send('KICK #room alice :behave');
    await alice.waitForMessage('the kick line', (m) => m.body === 'alice was kicked by carol (behave)');
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === false);
  });

  it('refuses a keyed channel without its key with the server\'s reason, and joins with it', async () => {
    const carol = await raw(server.port, 'carol');
    carol.send('JOIN #locked');
    await carol.waitForLine(/ 366 carol #locked /);
    carol.send('MODE #locked +k sesame');
    await carol.waitForLine(/MODE #locked \+k/);
    const alice = account(plain('alice'));
    await alice.connection.connect();
    const join = alice.connection.joinRoom?.({ room: '#locked' }) ?? Promise.reject(new Error('no joinRoom'));
    const refused: unknown = await join.then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ProtocolError);
    expect(refused).toHaveProperty('kind', 'protocol');
    expect(refused instanceof Error ? refused.message : '').toMatch(/^Cannot join #locked: .*key/i);
    await expect(alice.connection.joinRoom?.({ room: '#locked', password: 'sesame' })).resolves.toEqual({ conversationId: '#locked' });
  });

  it('takes nick_ when the nick is in use at login', async () => {
    await raw(server.port, 'alice');
    const alice = account(plain('alice'));
    await alice.connection.connect();
    expect(alice.selfId).toBe('alice_');
  });
});

/** A fake IRC server on node:net; `script` runs for each client with its received lines. */
async function fakeServer(script: (socket: net.Socket, nextLine: () => Promise<string>) => Promise<void>): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    const queue: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let index = buffer.indexOf('\n');
      while (index >= 0) {
        const line = buffer.slice(0, index).replace(/\r$/, '');
        buffer = buffer.slice(index + 1);
        const waiter = waiting.shift();
        if (waiter) waiter(line);
        else queue.push(line);
        index = buffer.indexOf('\n');
      }
    });
    const nextLine = (): Promise<string> => {
      const line = queue.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    };
    script(socket, nextLine).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Read lines until NICK and USER arrived; returns the nick. */
async function readRegistration(nextLine: () => Promise<string>): Promise<string> {
  let nick = '';
  let user = false;
  while (!nick || !user) {
    const line = await nextLine();
    if (line.startsWith('NICK ')) nick = line.slice(5).trim();
    if (line.startsWith('USER ')) user = true;
  }
  return nick;
}

describe('IRC adapter against a misbehaving server', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const settingsFor = (port: number, extra: Settings = {}): Settings => ({ server: '127.0.0.1', port, tls: false, nick: 'alice', ...extra });

  it('survives garbage lines mid-session, reads invalid UTF-8 as latin1 (windows-1252), and reports garbage in the log', async () => {
    const fake = await fakeServer(async (socket, nextLine) => {
      const nick = await readRegistration(nextLine);
      socket.write(`:fake.test 001 ${nick} :Welcome\r\n`);
      socket.write(Buffer.concat([
        Buffer.from('\x00\x01 garbage without a command\r\n:\r\n@\r\n@=;= :x\r\nNOTICE\r\nPRIVMSG\r\n:fake.test 999 alice :unknown numeric\r\n'),
        Buffer.from(`:bob!b@h PRIVMSG ${nick} :bad `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes\r\n'),
        Buffer.from(`:bob!b@h PRIVMSG ${nick} :still alive\r\n`),
      ]));
    });
    servers.push(fake);
    const alice = account(settingsFor(fake.port));
    await alice.connection.connect();
    const alive = await alice.waitForMessage('the line after the garbage', (m) => m.body === 'still alive');
    expect(alive.senderId).toBe('bob');
    const bad = alice.received().find((m) => m.body.startsWith('bad '));
    expect(bad?.body).toBe('bad \u00FF\u00FE\u00C3 bytes');
    expect(alice.states).toEqual(['connecting', 'online']);
    expect(alice.warnings.join('\n')).toMatch(/could not process a line from the server .*: NOTICE/);
  });

  it('reports a close during registration clearly: network without a password, auth with one', async () => {
    const fake = await fakeServer(async (socket, nextLine) => {
      await readRegistration(nextLine);
      socket.end();
    });
    servers.push(fake);
    const open = await connectError(account(settingsFor(fake.port)));
    expect(open.kind).toBe('network');
    expect(open.message).toBe(`127.0.0.1:${fake.port} closed the connection during login.`);
    const withPassword = await connectError(account(settingsFor(fake.port, { password: 'secret', allowPlainPassword: true })));
    expect(withPassword.kind).toBe('auth');
    expect(withPassword.message).toMatch(/server password may be wrong/);
  });

  it('reports an ERROR line during registration as auth with the server\'s words', async () => {
    const fake = await fakeServer(async (socket, nextLine) => {
      await readRegistration(nextLine);
      socket.end('ERROR :Closing connection: Access denied, bad password\r\n');
    });
    servers.push(fake);
    const error = await connectError(account(settingsFor(fake.port, { password: 'nope', allowPlainPassword: true })));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('127.0.0.1 refused the login: Closing connection: Access denied, bad password');
  });

  it('reports 464 ERR_PASSWDMISMATCH as auth with the server\'s words', async () => {
    const fake = await fakeServer(async (socket, nextLine) => {
      await readRegistration(nextLine);
      socket.end(':fake.test 464 * :Password incorrect\r\nERROR :Closing Link\r\n');
    });
    servers.push(fake);
    const error = await connectError(account(settingsFor(fake.port, { password: 'nope', allowPlainPassword: true })));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('127.0.0.1 refused the server password: Password incorrect');
  });

  it('reports a lost connection as failed with a network error', async () => {
    let drop: (() => void) | undefined;
    const fake = await fakeServer(async (socket, nextLine) => {
      const nick = await readRegistration(nextLine);
      socket.write(`:fake.test 001 ${nick} :Welcome\r\n`);
      drop = () => socket.destroy();
    });
    servers.push(fake);
    const alice = account(settingsFor(fake.port));
    await alice.connection.connect();
    drop?.();
    const failed = await alice.waitForEvent('connection.state', (e) => e.state === 'failed');
    expect(failed.error?.kind).toBe('network');
    expect(failed.error?.message).toContain(`127.0.0.1:${fake.port}`);
  });

  it('gives up on a silent server after 15 s with a network error naming host:port', async () => {
    const fake = await fakeServer(() => Promise.resolve());
    servers.push(fake);
    const started = Date.now();
    const error = await connectError(account(settingsFor(fake.port)));
    expect(error.kind).toBe('network');
    expect(error.message).toContain(`127.0.0.1:${fake.port}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_500);
  }, 30_000);
});
