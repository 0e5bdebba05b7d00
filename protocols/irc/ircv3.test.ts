/**
 * IRCv3 behaviour no server installable on this machine offers (the CHATHISTORY command),
 * and the labeled echo in detail, against the scripted server (testServer.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolConnection } from '../api/index.js';
import { IrcConnection } from './ircConnection.js';
import { memoryStorage, recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

const FULL = 'echo-message labeled-response message-tags batch server-time draft/chathistory';
const open: { connection: ProtocolConnection; server?: ScriptedServer }[] = [];

afterEach(async () => {
  for (const { connection, server } of open.splice(0)) {
    await connection.disconnect();
    await server?.close();
  }
});

async function setup(caps = FULL, storage = memoryStorage(), existing?: ScriptedServer): Promise<{ server: ScriptedServer; rec: ReturnType<typeof recorder>; connection: IrcConnection }> {
  const server = existing ?? await startScriptedServer({ caps, isupport: 'CHATHISTORY=100 MONITOR=100' });
  const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' }, storage);
  const connection = new IrcConnection(rec.context);
  open.push({ connection, ...(existing ? {} : { server }) });
  await connection.connect();
  return { server, rec, connection };
}

describe('echo-message with labeled-response', () => {
  it('labels each line and confirms the message by the echo of its first line, once', async () => {
    const { server, rec, connection } = await setup();
    await connection.sendMessage({ conversationId: 'bob', localId: '7', kind: 'text', body: `${'a'.repeat(300)} ${'b'.repeat(300)}` });
    await server.waitForLine(/^@label=\S+ PRIVMSG bob :b+$/);
    const echo = await rec.waitFor('the echo', () => rec.received().find((m) => m.localId === '7'));
    expect(echo).toMatchObject({ fromSelf: true, conversationId: 'bob', body: 'a'.repeat(300) });
    expect(echo.networkId).toMatch(/^m\d+$/);
    const confirmed = await rec.waitFor('confirmation', () => rec.events.find((e) => e.type === 'message.confirmed'));
    expect(confirmed).toMatchObject({ localId: '7', networkId: echo.networkId });
    // The second line's echo is not reported again: after a later message's echo, there are two in all.
    await connection.sendMessage({ conversationId: 'bob', localId: '9', kind: 'text', body: 'later' });
    await rec.waitFor('the later echo', () => rec.received().find((m) => m.localId === '9'));
    expect(rec.received().filter((m) => m.fromSelf).map((m) => m.localId)).toEqual(['7', '9']);
  });

  it('without echo-message, confirms once the server answered the PING written behind the message, and asks for no labels', async () => {
    const { server, rec, connection } = await setup('message-tags server-time');
    await connection.sendMessage({ conversationId: 'bob', localId: '8', kind: 'text', body: 'plain' });
    await server.waitForLine(/^PRIVMSG bob :plain$/);
    const ping = await server.waitForLine(/^PING :switchboard-sent-\d+$/);
    expect(server.received.indexOf(ping)).toBe(server.received.indexOf('PRIVMSG bob :plain') + 1);
    await rec.waitFor('the confirmation', () => rec.events.find((e) => e.type === 'message.confirmed' && e.localId === '8'));
    expect(rec.received()).toHaveLength(0);
  });
});

describe('chathistory', () => {
  it('catches up after a reconnect with CHATHISTORY LATEST from the last message seen, once and in order', async () => {
    const storage = memoryStorage();
    const first = await setup(FULL, storage);
    await first.connection.joinRoom({ room: '#h' });
    await first.server.waitForLine(/^CHATHISTORY LATEST #h \* \d+$/);
    const seen = first.server.remember('bob', '#h', 'seen live', Date.now() - 10_000);
    first.server.push(`@msgid=${seen.msgid};time=${new Date(seen.time).toISOString()} :bob!u@h PRIVMSG #h :seen live\r\n`);
    const live = await first.rec.waitFor('the live message', () => first.rec.received().find((m) => m.body === 'seen live'));
    expect(live.catchUp).toBeUndefined();
    await first.connection.disconnect();

    for (const [i, text] of ['missed 1', 'missed 2', 'missed 3'].entries()) first.server.remember('bob', '#h', text, Date.now() - 5_000 + i);
    const second = await setup(FULL, storage, first.server);
    // The core rejoins the room it has open (coreRejoinsRooms); the plugin asks for what came after the last message it saw.
    await second.connection.joinRoom({ room: '#h' });
    await first.server.waitForLine(new RegExp(`^CHATHISTORY LATEST #h timestamp=${new Date(seen.time).toISOString().replace(/\./g, '\\.')} 100$`));
    await second.rec.waitFor('three missed messages', () => (second.rec.received().length >= 3 ? true : undefined));
    expect(second.rec.received().map((m) => m.body)).toEqual(['missed 1', 'missed 2', 'missed 3']);
    // History, not live: the core places it by server time among what it has (API 0.4).
    expect(second.rec.received().every((m) => m.catchUp === true)).toBe(true);
  });

  it('pages older messages with CHATHISTORY BEFORE and reports the end', async () => {
    const { server, connection } = await setup();
    const now = Date.now();
    for (let i = 0; i < 5; i++) server.remember('bob', '#p', `old ${i}`, now - 10_000 + i * 1000);
    const newest = await connection.fetchHistory({ conversationId: '#p', limit: 3 });
    expect(newest.messages.map((m) => m.body)).toEqual(['old 2', 'old 3', 'old 4']);
    expect(newest.complete).toBe(false);
    const oldestShown = newest.messages[0];
    const older = await connection.fetchHistory({ conversationId: '#p', limit: 3, before: { timestamp: oldestShown?.timestamp ?? 0, ...(oldestShown?.networkId ? { networkId: oldestShown.networkId } : {}) } });
    expect(older.messages.map((m) => m.body)).toEqual(['old 0', 'old 1']);
    expect(older.complete).toBe(true);
    await server.waitForLine(/^CHATHISTORY BEFORE #p msgid=m\d+ 3$/);
  });

  it('says not-supported where the server has no CHATHISTORY', async () => {
    const { connection } = await setup('message-tags');
    await expect(connection.fetchHistory({ conversationId: '#p', limit: 3 })).rejects.toMatchObject({ kind: 'not-supported' });
  });
});

describe('login without SASL, and channels after login', () => {
  it('identifies with NickServ when the server has no SASL, and lists the auto-join channels for the core to join, with their keys', async () => {
    const server = await startScriptedServer({ caps: 'message-tags' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice', accountPassword: 's3cret', autojoin: '#one, #two key2', allowPlainPassword: true });
    const connection = new IrcConnection(rec.context);
    open.push({ connection, server });
    await connection.connect();
    await server.waitForLine(/^PRIVMSG NickServ :IDENTIFY alice s3cret$/);
    // The plugin joins nothing by itself (coreRejoinsRooms): the core joins what savedRooms lists, by name.
    const saved = await connection.savedRooms();
    expect(saved).toEqual([{ room: '#one' }, { room: '#two' }]);
    for (const { room } of saved) await connection.joinRoom({ room });
    await server.waitForLine(/^JOIN #one$/);
    await server.waitForLine(/^JOIN #two key2$/);
    await rec.waitForEvent('#two joined', (e) => e.type === 'conversation.upserted' && e.conversation.id === '#two' && e.conversation.joined === true);
    // No AUTHENTICATE without a sasl capability, and the channels say what this server cannot do.
    // No AUTHENTICATE without a sasl capability, and the channels say what this server cannot do (typing, replies and reactions it can: message-tags),
    // nor any channel: files go person to person (DCC).
    const two = rec.events.find((e) => e.type === 'conversation.upserted' && e.conversation.id === '#two');
    expect(two?.type === 'conversation.upserted' ? two.conversation.capabilities : undefined).toEqual({ history: false, deletes: false, receipts: false, fileUpload: false });
  });

  it('never sends the server password as a SASL password', async () => {
    const server = await startScriptedServer({ caps: 'sasl message-tags' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice', password: 'serverpass', allowPlainPassword: true });
    const connection = new IrcConnection(rec.context);
    open.push({ connection, server });
    await connection.connect();
    expect(server.received).toContain('PASS serverpass');
    expect(server.received.some((l) => l.startsWith('AUTHENTICATE') || /CAP REQ .*sasl/.test(l))).toBe(false);
  });
});

describe('echo-message without labeled-response', () => {
  it('confirms an action by its echo, matched by content', async () => {
    const { server, rec, connection } = await setup('echo-message message-tags server-time');
    server.received.length = 0;
    await connection.sendMessage({ conversationId: '#c', localId: '12', kind: 'action', body: 'waves' });
    await server.waitForLine(/^PRIVMSG #c :\x01ACTION waves\x01$/);
    const echo = await rec.waitFor('the action echo', () => rec.received().find((m) => m.localId === '12'));
    expect(echo).toMatchObject({ kind: 'action', body: 'waves', fromSelf: true });
  });

  it('shows a /msg sent without echo-message as our own message', async () => {
    const { rec, connection } = await setup('message-tags');
    await connection.runCommand('msg', 'bob hello from a command', undefined);
    const mine = await rec.waitFor('the /msg', () => rec.received().find((m) => m.body === 'hello from a command'));
    expect(mine).toMatchObject({ conversationId: 'bob', fromSelf: true, senderId: 'alice' });
  });
});

describe('catch-up of private conversations', () => {
  it('asks CHATHISTORY TARGETS after a reconnect and catches up on the queries it names', async () => {
    const storage = memoryStorage();
    const first = await setup(FULL, storage);
    const seen = first.server.remember('bob', 'alice', 'hi before', Date.now() - 20_000);
    first.server.push(`@msgid=${seen.msgid};time=${new Date(seen.time).toISOString()} :bob!u@h PRIVMSG alice :hi before\r\n`);
    await first.rec.waitFor('the live query', () => first.rec.received().find((m) => m.body === 'hi before'));
    await first.connection.disconnect();
    first.server.remember('carol', 'alice', 'new query while away', Date.now() - 10_000);
    first.server.remember('bob', 'alice', 'bob again while away', Date.now() - 5_000);
    const second = await setup(FULL, storage, first.server);
    await first.server.waitForLine(/^CHATHISTORY TARGETS timestamp=\S+ timestamp=\S+ 100$/);
    await second.rec.waitFor('both missed queries', () => (second.rec.received().length >= 2 ? true : undefined));
    expect(second.rec.received().map((m) => [m.conversationId, m.body]).sort()).toEqual([['bob', 'bob again while away'], ['carol', 'new query while away']]);
    expect(second.rec.events.some((e) => e.type === 'conversation.upserted' && e.conversation.id === 'carol' && e.conversation.kind === 'direct')).toBe(true);
  });
});
