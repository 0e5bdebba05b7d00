/**
 * What a daily IRC user needs, against a full IRCv3 server (Ergo, or InspIRCd + Atheme when
 * Ergo cannot be installed) and against classic ngIRCd, which must degrade gracefully.
 * The other person is the independent raw client, or a second adapter account.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, type AccountFieldValue, type ProtocolConnection } from '../../protocols/api/index.js';
import ircPlugin from '../../protocols/irc/index.js';
import { createMemoryPersistence, type AccountPersistence } from '../conformance/index.js';
import { TestAccount } from '../conformance/index.js';
import { startIrcv3Server } from '../servers/ergo.js';
import { startProxy, type CuttableProxy } from '../servers/ergo/proxy.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient } from '../servers/ngircd.js';

type Settings = Record<string, AccountFieldValue>;

interface Target {
  readonly name: string;
  readonly ircv3: boolean;
  readonly port: number;
  readonly tlsPort: number;
  readonly fingerprint: string;
  /** Settings for a logged-in account (SASL where there is SASL). */
  settings(nick: string): Settings;
  stop(): Promise<void>;
}

const PASSWORD = (nick: string): string => `${nick}-pw-123`;

async function ircv3Target(): Promise<Target> {
  const server = await startIrcv3Server();
  for (const nick of ['alice', 'bob']) await server.registerAccount(nick, PASSWORD(nick));
  return {
    name: `IRCv3 (${server.software})`, ircv3: true, port: server.port, tlsPort: server.tlsPort, fingerprint: server.certificateFingerprint256,
    settings: (nick) => ({ server: '127.0.0.1', port: server.port, tls: false, nick, ...(nick === 'alice' || nick === 'bob' ? { accountPassword: PASSWORD(nick), allowPlainPassword: true } : {}) }),
    stop: () => server.stop(),
  };
}

async function ngircdTarget(): Promise<Target> {
  const server = await startNgircd({ tls: true });
  return {
    name: 'classic (ngIRCd)', ircv3: false, port: server.port, tlsPort: server.tlsPort ?? 0, fingerprint: server.certificateFingerprint256 ?? '',
    settings: (nick) => ({ server: '127.0.0.1', port: server.port, tls: false, nick }),
    stop: () => server.stop(),
  };
}

const accounts: TestAccount[] = [];
const raws: RawIrcClient[] = [];
const proxies: CuttableProxy[] = [];

function account(settings: Settings, persistence?: AccountPersistence): TestAccount {
  const created = new TestAccount(ircPlugin, settings, 10_000, persistence);
  accounts.push(created);
  return created;
}

async function online(settings: Settings, persistence?: AccountPersistence): Promise<TestAccount> {
  const created = account(settings, persistence);
  await created.connection.connect();
  return created;
}

async function raw(port: number, nick: string): Promise<RawIrcClient> {
  const client = await connectRawIrcClient({ port, nick });
  raws.push(client);
  return client;
}

function method<K extends keyof ProtocolConnection>(connection: ProtocolConnection, name: K): NonNullable<ProtocolConnection[K]> {
  const fn = connection[name];
  if (!fn) throw new Error(`the plugin has no ${name}`);
  return (fn as (...args: unknown[]) => unknown).bind(connection) as NonNullable<ProtocolConnection[K]>;
}

async function rejection(promise: Promise<unknown>): Promise<ProtocolError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

afterEach(async () => {
  await Promise.all(accounts.splice(0).map((a) => a.connection.disconnect()));
  await Promise.all(raws.splice(0).map((c) => c.close()));
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

describe.each([
  { start: ircv3Target },
  { start: ngircdTarget },
])('IRC features', ({ start }) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  }, 120_000);
  afterAll(async () => {
    await target.stop();
  });

  it('logs in over TLS with a pinned certificate, with SASL where the server has it', async () => {
    const tlsSettings = { ...target.settings('alice'), port: target.tlsPort, tls: true, trustedFingerprint: target.fingerprint };
    if (target.ircv3) {
      const alice = await online({ ...tlsSettings, saslMechanism: 'plain' });
      expect(alice.selfId).toBe('alice');
      const carol = await raw(target.port, 'carol');
      carol.send('WHOIS alice');
      await carol.waitForLine(/ 330 carol alice alice /);
      await alice.connection.disconnect();
      const wrong = account({ ...tlsSettings, accountPassword: 'not-the-password' });
      const error = await rejection(wrong.connection.connect());
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(/refused the login for the account alice/);
    } else {
      const strict = account({ ...tlsSettings, saslMechanism: 'plain', accountPassword: 'pw' });
      const error = await rejection(strict.connection.connect());
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(/does not offer SASL/);
      // Automatic: no SASL here, so NickServ would be asked; the login itself goes on.
      const alice = await online({ ...tlsSettings, accountPassword: 'pw' });
      expect(alice.selfId).toBe('alice');
    }
  });

  it('channels: join, topic, a member joins, kick, part', async () => {
    const alice = await online(target.settings('alice'));
    const { conversationId: room } = await method(alice.connection, 'joinRoom')({ room: '#ops-room' });
    const carol = await raw(target.port, 'carol');
    carol.send('JOIN #ops-room');
    await alice.waitFor('carol in the member list', () => (alice.memberIds(room).includes('carol') ? true : undefined));
    await method(alice.connection, 'setTopic')(room, 'Topic with ünïcode');
    await carol.waitForLine(/ TOPIC #ops-room :Topic with ünïcode$/);
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.topic === 'Topic with ünïcode');
    await method(alice.connection, 'kickMember')(room, 'carol', 'out you go');
    await carol.waitForLine(/ KICK #ops-room carol :out you go$/);
    await alice.waitFor('carol gone', () => (alice.memberIds(room).includes('carol') ? undefined : true));
    const kickLine = alice.received().find((m) => m.kind === 'event' && m.body.includes('kicked'));
    expect(kickLine?.body).toBe('carol was kicked by alice (out you go)');
    await method(alice.connection, 'runCommand')('part', 'bye', room);
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === false);
  });

  it('queries and /me both ways, formatting kept as HTML', async () => {
    const alice = await online(target.settings('alice'));
    const carol = await raw(target.port, 'carol');
    carol.send('PRIVMSG alice :\x02hello\x02 \x0304there\x03');
    const got = await alice.waitForMessage('carol\'s query', (m) => m.body === 'hello there');
    expect(got.conversationId).toBe('carol');
    expect(got.html).toBe('<b>hello</b> <span data-irc-fg="4">there</span>');
    await alice.connection.sendMessage({ conversationId: 'carol', localId: '11', kind: 'action', body: 'waves' });
    await carol.waitForLine(/PRIVMSG carol :\x01ACTION waves\x01$/);
    carol.send('PRIVMSG alice :\x01ACTION waves back\x01');
    const action = await alice.waitForMessage('carol\'s action', (m) => m.body === 'waves back');
    expect(action.kind).toBe('action');
  });

  it('confirms a sent message by the server\'s echo where there is echo-message, else by the PONG to the PING behind it', async () => {
    const alice = await online(target.settings('alice'));
    const carol = await raw(target.port, 'carol');
    await alice.connection.sendMessage({ conversationId: 'carol', localId: '21', kind: 'text', body: 'confirm me' });
    await carol.waitForLine(/PRIVMSG carol :confirm me$/);
    const confirmed = await alice.waitForEvent('message.confirmed', (e) => e.localId === '21');
    const echoes = alice.received().filter((m) => m.body === 'confirm me');
    if (target.ircv3) {
      expect(confirmed.networkId).toBeTruthy();
      expect(echoes).toHaveLength(1);
      expect(echoes[0]).toMatchObject({ fromSelf: true, localId: '21', conversationId: 'carol', networkId: confirmed.networkId });
    } else {
      expect(confirmed.networkId).toBeUndefined();
      expect(echoes).toHaveLength(0);
    }
  });

  it('marks a message to a nick not on the network failed on its own, with the server\'s reason', async () => {
    const alice = await online(target.settings('alice'));
    const carol = await raw(target.port, 'carol');
    for (const [localId, to] of [['41', 'nobody'], ['42', 'carol'], ['43', 'nobody']] as const) {
      await alice.connection.sendMessage({ conversationId: to, localId, kind: 'text', body: `message ${localId}` });
    }
    await carol.waitForLine(/PRIVMSG carol :message 42$/);
    await alice.waitForEvent('message.confirmed', (e) => e.localId === '42');
    // In the server's words (ngIRCd "No such nick or channel name", InspIRCd "No such nick").
    const reason = /^nobody did not get your message \(No such nick[^)]*\): they are not on the network, and IRC keeps nothing for later\.$/;
    // echo-message: the refusal is matched to the unechoed message (by label, else target);
    // without it, the PING behind each message ties each refusal to its own message.
    for (const localId of ['41', '43']) {
      const failed = await alice.waitForEvent('message.failed', (e) => e.localId === localId);
      expect(failed.error.message).toMatch(reason);
    }
    expect(alice.events.some((e) => e.type === 'message.confirmed' && (e.localId === '41' || e.localId === '43'))).toBe(false);
    expect(alice.events.some((e) => e.type === 'message.failed' && e.localId === '42')).toBe(false);
  });

  it('catches up after a forced disconnect: what was said while away appears once, in order', async () => {
    const proxy = await startProxy(target.port);
    proxies.push(proxy);
    const persistence = createMemoryPersistence();
    const settings = { ...target.settings('alice'), port: proxy.port };
    const alice = await online(settings, persistence);
    const { conversationId: room } = await method(alice.connection, 'joinRoom')({ room: '#history' });
    if (target.ircv3) await method(alice.connection, 'runCommand')('mode', '+H 100:1d', room); // InspIRCd replays history on join
    const bob = await online(target.settings('bob'));
    await method(bob.connection, 'joinRoom')({ room: '#history' });
    await bob.connection.sendMessage({ conversationId: room, localId: '31', kind: 'text', body: 'before the cut' });
    await alice.waitForMessage('the message before the cut', (m) => m.body === 'before the cut');

    proxy.cut();
    await alice.waitForEvent('connection.state', (e) => e.state === 'failed');
    for (const body of ['while away 1', 'while away 2', 'while away 3']) {
      await bob.connection.sendMessage({ conversationId: room, localId: body, kind: 'text', body });
    }
    // The core makes a new connection with the same stored state and rejoins the room it has open (coreRejoinsRooms).
    const again = await online(settings, persistence);
    await method(again.connection, 'joinRoom')({ room });
    if (target.ircv3) {
      await again.waitFor('the three missed messages', () => (again.received().filter((m) => m.body.startsWith('while away')).length >= 3 ? true : undefined));
      const seen = again.received().filter((m) => m.conversationId === room && m.kind === 'text');
      expect(seen.map((m) => m.body)).toEqual(['while away 1', 'while away 2', 'while away 3']);
      expect(new Set(seen.map((m) => m.networkId)).size).toBe(3);
      const page = await method(again.connection, 'fetchHistory')({ conversationId: room, limit: 10 }).catch((e: unknown) => e);
      if (page instanceof ProtocolError) expect(page.kind).toBe('not-supported'); // InspIRCd: replay on join only
      else expect((page as { messages: { body: string }[] }).messages.map((m) => m.body)).toContain('before the cut');
    } else {
      await again.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === true);
      const error = await rejection(method(again.connection, 'fetchHistory')({ conversationId: room, limit: 10 }));
      expect(error.kind).toBe('not-supported');
    }
  });

  it('watches a contact\'s presence (MONITOR, or ISON on classic servers)', async () => {
    const alice = await online(target.settings('alice'));
    const dave = await raw(target.port, 'dave');
    await method(alice.connection, 'addContact')({ id: 'dave' });
    await alice.waitForEvent('presence.changed', (e) => e.contactId === 'dave' && e.presence.status === 'available');
    if (target.ircv3) {
      await dave.close();
      await alice.waitForEvent('presence.changed', (e) => e.contactId === 'dave' && e.presence.status === 'offline');
    }
    await method(alice.connection, 'removeContact')('dave');
    await alice.waitForEvent('contact.removed', (e) => e.contactId === 'dave');
  });

  it('splits multi-byte text at 512 bytes without breaking a character', async () => {
    const alice = await online(target.settings('alice'));
    const carol = await raw(target.port, 'carol');
    const text = 'é€😀 '.repeat(150).trim();
    await alice.connection.sendMessage({ conversationId: 'carol', localId: '41', kind: 'text', body: text });
    const lines: string[] = [];
    while (lines.join(' ') !== text) lines.push((await carol.waitForLine(/PRIVMSG carol :/)).replace(/^.*? PRIVMSG carol :/, ''));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(`:alice!alice@some.host PRIVMSG carol :${line}\r\n`)).toBeLessThanOrEqual(512);
  });

  it('reads a line that is not UTF-8 with the fallback encoding (latin1 by default, or the account\'s)', async () => {
    const alice = await online(target.settings('alice'));
    const bob = await online({ ...target.settings('bob'), encoding: 'windows-1251' });
    const carol = await raw(target.port, 'carol');
    carol.sendBytes(Buffer.concat([Buffer.from('PRIVMSG alice :caf'), Buffer.from([0xe9]), Buffer.from(' cr\xe8me\r\n', 'latin1')]));
    await alice.waitForMessage('the latin1 line', (m) => m.body === 'café crème');
    carol.sendBytes(Buffer.concat([Buffer.from('PRIVMSG bob :'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('\r\n')]));
    await bob.waitForMessage('the windows-1251 line', (m) => m.body === 'Привет');
    carol.send('PRIVMSG alice :still UTF-8: café');
    await alice.waitForMessage('a UTF-8 line', (m) => m.body === 'still UTF-8: café');
  });

  it('commands, invites, typing and the channel list', async () => {
    const alice = await online(target.settings('alice'));
    const bob = await online(target.settings('bob'));
    await method(bob.connection, 'joinRoom')({ room: '#listed' });
    await method(bob.connection, 'setTopic')('#listed', 'a listed room');
    await method(alice.connection, 'runCommand')('whois', 'bob', undefined);
    await alice.waitForEvent('server.notice', (e) => /^bob /.test(e.text));
    await method(bob.connection, 'inviteToRoom')('#listed', 'alice');
    const invite = await alice.waitForEvent('request.raised', (e) => e.request.kind === 'room-invite');
    expect(invite.request).toMatchObject({ conversationId: '#listed', fromId: 'bob' });
    await method(alice.connection, 'answerRequest')(invite.request.id, 'accept');
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === '#listed' && e.conversation.joined === true);
    await method(alice.connection, 'sendTyping')('#listed', 'active');
    if (target.ircv3) await bob.waitForEvent('typing', (e) => e.conversationId === '#listed' && e.participantId === 'alice' && e.state === 'active');
    const rooms = await method(alice.connection, 'listRooms')('listed', 10);
    expect(rooms).toContainEqual(expect.objectContaining({ id: '#listed', topic: 'a listed room', memberCount: 2 }));
    await method(alice.connection, 'runCommand')('nick', 'alice2', undefined);
    await alice.waitForEvent('connection.state', (e) => e.state === 'online' && e.selfId === 'alice2');
    const unknown = await rejection(method(alice.connection, 'runCommand')('frobnicate', '', undefined));
    expect(unknown.kind).toBe('not-supported');
  });
});
