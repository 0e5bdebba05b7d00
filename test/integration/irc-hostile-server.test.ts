/**
 * Issue 12: a broken or hostile IRC server must not make the client grow without bound,
 * hang, or lose history silently. Against the scripted server (protocols/irc/testServer.ts),
 * since no real server can be made to misbehave this way on purpose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IrcConnection } from '../../protocols/irc/ircConnection.js';
import { memoryStorage, recorder } from '../../protocols/irc/testRecorder.js';
import { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from '../../protocols/irc/testServer.js';
import type { HistoryGapEvent, PluginStorage, ProtocolEvent } from '../../protocols/api/index.js';
import { BATCH_LIMITS } from '../../protocols/irc/batchGuard.js';
import { CATCH_UP_MAX_PAGES, KEPT_CONVERSATIONS } from '../../protocols/irc/history.js';

const FULL = 'echo-message labeled-response message-tags batch server-time draft/chathistory';
const open: { connection?: IrcConnection; server?: ScriptedServer }[] = [];

afterEach(async () => {
  const all = open.splice(0);
  for (const { connection } of all) await connection?.disconnect();
  for (const { server } of all) await server?.close();
});

async function setup(options: ScriptedServerOptions = { caps: FULL, isupport: 'CHATHISTORY=100 MONITOR=100' }): Promise<{ server: ScriptedServer; rec: ReturnType<typeof recorder>; connection: IrcConnection }> {
  const server = await startScriptedServer(options);
  open.push({ server });
  return { server, ...await reconnect(server) };
}

/** Another connection to the same server (the core makes one per reconnect), with the plugin storage carried over. */
async function reconnect(server: ScriptedServer, storage: PluginStorage = memoryStorage()): Promise<{ rec: ReturnType<typeof recorder>; connection: IrcConnection }> {
  const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' }, storage);
  const connection = new IrcConnection(rec.context);
  open.push({ connection });
  await connection.connect();
  return { rec, connection };
}

const isGap = (e: ProtocolEvent): e is HistoryGapEvent => e.type === 'history.gap';

/** Alice saw one live message in #h, went away, and `missed` messages were said meanwhile; then she comes back. */
async function awayAndBack(options: ScriptedServerOptions, missed: number): Promise<{ server: ScriptedServer; seen: { msgid: string; time: number }; back: Awaited<ReturnType<typeof reconnect>> }> {
  const storage = memoryStorage();
  const server = await startScriptedServer(options);
  open.push({ server });
  const first = await reconnect(server, storage);
  await first.connection.joinRoom({ room: '#h' });
  await server.waitForLine(/^CHATHISTORY LATEST #h \* \d+$/);
  const seen = server.remember('bob', '#h', 'seen live', Date.now() - 100_000);
  server.push(`@msgid=${seen.msgid};time=${new Date(seen.time).toISOString()} :bob!u@h PRIVMSG #h :seen live\r\n`);
  await first.rec.waitFor('the live message', () => first.rec.received().find((m) => m.body === 'seen live'));
  await first.connection.disconnect();
  for (let i = 0; i < missed; i++) server.remember('bob', '#h', `missed ${i}`, seen.time + 1_000 + i * 10);
  const back = await reconnect(server, storage);
  // The core rejoins the open room after a reconnect (the plugin declares coreRejoinsRooms); catch-up follows the join.
  await back.connection.joinRoom({ room: '#h' });
  return { server, seen, back };
}

describe('a BATCH the server never closes', () => {
  it('is closed by the client once it grows past its size bound: every line arrives, held ones first', async () => {
    const { server, rec } = await setup();
    const total = BATCH_LIMITS.maxLines + 1;
    const lines = [':scripted.test BATCH +endless example.org/never-ends'];
    for (let i = 0; i < total; i++) lines.push(`@batch=endless :bob!u@h PRIVMSG alice :line ${i}`);
    server.push(`${lines.join('\r\n')}\r\n`);
    await rec.waitFor(`${total} messages`, () => (rec.received().length >= total ? true : undefined), 30_000);
    const bodies = rec.received().map((m) => m.body);
    expect(bodies[0]).toBe('line 0');
    expect(bodies.at(-1)).toBe(`line ${total - 1}`);
    expect(new Set(bodies).size).toBe(total);
    expect(rec.warnings.some((w) => w.includes('left batch endless open'))).toBe(true);
  });
});

describe('chathistory catch-up', () => {
  const SMALL = { caps: FULL, isupport: 'CHATHISTORY=5' };

  it('pages back until it meets the last message seen: everything missed arrives once, in order, with no gap', async () => {
    const { server, back } = await awayAndBack(SMALL, 12);
    await back.rec.waitFor('12 missed messages', () => (back.rec.received().length >= 12 ? true : undefined));
    expect(back.rec.received().map((m) => m.body)).toEqual(Array.from({ length: 12 }, (_, i) => `missed ${i}`));
    expect(server.received.filter((l) => l.startsWith('CHATHISTORY BEFORE #h'))).toHaveLength(2);
    expect(back.rec.events.some(isGap)).toBe(false);
  });

  it('marks a gap when the page cap stops it, and fetchHistory from the gap pages back to where it was', async () => {
    const capped = CATCH_UP_MAX_PAGES * 5;
    const { seen, back } = await awayAndBack(SMALL, capped + 12);
    const gap = await back.rec.waitFor('a gap', () => back.rec.events.find(isGap));
    const bodies = back.rec.received().map((m) => m.body);
    expect(bodies).toEqual(Array.from({ length: capped }, (_, i) => `missed ${i + 12}`));
    const firstShown = back.rec.received()[0];
    expect(gap).toMatchObject({
      conversationId: '#h', after: { networkId: seen.msgid, timestamp: seen.time },
      before: { networkId: firstShown?.networkId, timestamp: firstShown?.timestamp },
    });
    expect(gap.reason).toMatch(/stopped after 50 messages/);
    // Paging back from the gap, as the core does, finds exactly the missing messages, then the one seen.
    const page1 = await back.connection.fetchHistory({ conversationId: '#h', limit: 5, before: gap.before });
    expect(page1.messages.map((m) => m.body)).toEqual(['missed 7', 'missed 8', 'missed 9', 'missed 10', 'missed 11']);
    const oldest = page1.messages[0];
    const page2 = await back.connection.fetchHistory({ conversationId: '#h', limit: 5, before: { timestamp: oldest?.timestamp ?? 0, ...(oldest?.networkId !== undefined ? { networkId: oldest.networkId } : {}) } });
    expect(page2.messages.map((m) => m.body)).toEqual(['missed 2', 'missed 3', 'missed 4', 'missed 5', 'missed 6']);
    const third = page2.messages[0];
    const page3 = await back.connection.fetchHistory({ conversationId: '#h', limit: 5, before: { timestamp: third?.timestamp ?? 0, ...(third?.networkId !== undefined ? { networkId: third.networkId } : {}) } });
    expect(page3.messages.map((m) => m.body)).toEqual(['seen live', 'missed 0', 'missed 1']);
  });

  it('marks a gap with the server\'s reason when it refuses a page, and still shows what it got', async () => {
    const { back } = await awayAndBack({ ...SMALL, refuseHistory: (sub) => (sub === 'BEFORE' ? 'History is unavailable right now' : undefined) }, 8);
    const gap = await back.rec.waitFor('a gap', () => back.rec.events.find(isGap));
    expect(gap.reason).toMatch(/History is unavailable right now/);
    expect(back.rec.received().map((m) => m.body)).toEqual(['missed 3', 'missed 4', 'missed 5', 'missed 6', 'missed 7']);
    expect(gap.before.networkId).toBe(back.rec.received()[0]?.networkId);
  });
});

describe('MONITOR and the server\'s limit', () => {
  const CONTACTS = ['c1', 'c2', 'c3', 'c4', 'c5'];

  async function withContacts(options: ScriptedServerOptions): Promise<{ server: ScriptedServer; rec: ReturnType<typeof recorder> }> {
    const storage = memoryStorage();
    await storage.set('contacts', CONTACTS);
    const server = await startScriptedServer(options);
    open.push({ server });
    const { rec } = await reconnect(server, storage);
    return { server, rec };
  }

  function presenceOf(rec: ReturnType<typeof recorder>): Record<string, string> {
    const seen: Record<string, string> = {};
    for (const e of rec.events) if (e.type === 'presence.changed') seen[e.contactId] = e.presence.status;
    return seen;
  }

  const expected = { c1: 'available', c2: 'offline', c3: 'offline', c4: 'offline', c5: 'available' };

  it('monitors no more contacts than ISUPPORT MONITOR allows and polls the rest with ISON', async () => {
    const { server, rec } = await withContacts({ caps: 'message-tags', isupport: 'MONITOR=3', monitorLimit: 3, online: ['c1', 'c5'] });
    await rec.waitFor('presence for every contact', () => (Object.keys(presenceOf(rec)).length === 5 && !Object.values(presenceOf(rec)).includes('unknown') ? true : undefined));
    expect(presenceOf(rec)).toEqual(expected);
    const monitoredNicks = server.received.filter((l) => l.startsWith('MONITOR + ')).flatMap((l) => l.slice(10).split(','));
    expect(monitoredNicks).toHaveLength(3);
    expect(server.received.some((l) => / 734 /.test(l))).toBe(false);
  });

  it('moves contacts the server refuses with 734 ERR_MONLISTFULL to ISON polling', async () => {
    const storage = memoryStorage();
    await storage.set('contacts', ['c1', 'c2']);
    const server = await startScriptedServer({ caps: 'message-tags', isupport: 'MONITOR', monitorLimit: 2, online: ['c1', 'c5'] });
    open.push({ server });
    const { rec, connection } = await reconnect(server, storage);
    await server.waitForLine(/^MONITOR \+ c1,c2$/);
    // The server said "no limit" but takes two: the contacts added now are refused with 734.
    for (const nick of ['c3', 'c4', 'c5']) await connection.addContact({ id: nick });
    await server.waitForLine(/^MONITOR \+ c5$/);
    await rec.waitFor('presence for every contact', () => (Object.keys(presenceOf(rec)).length === 5 && !Object.values(presenceOf(rec)).includes('unknown') ? true : undefined));
    expect(presenceOf(rec)).toEqual(expected);
  });
});

describe('floods of channels and nicks', () => {
  it('answers a LIST of 50,000 channels with the biggest matching ones, in order', async () => {
    const { server, connection } = await setup({ caps: 'message-tags' });
    const listed = connection.listRooms('chat', 5);
    await server.waitForLine(/^LIST$/);
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) lines.push(`:scripted.test 322 alice #${i % 2 === 0 ? 'chat' : 'other'}${i} ${i % 1000} :[+nt] topic ${i}`);
    lines.push(':scripted.test 323 alice :End of LIST');
    server.push(`${lines.join('\r\n')}\r\n`);
    const rooms = await listed;
    expect(rooms.map((r) => r.memberCount)).toEqual([998, 998, 998, 998, 998]);
    expect(rooms.every((r) => r.id.startsWith('#chat') && r.topic?.startsWith('topic '))).toBe(true);
  });

  it('keeps the saved history positions bounded when thousands of different nicks write', async () => {
    const storage = memoryStorage();
    const server = await startScriptedServer({ caps: 'message-tags server-time' });
    open.push({ server });
    const { rec, connection } = await reconnect(server, storage);
    const nicks = KEPT_CONVERSATIONS + 500;
    const lines: string[] = [];
    for (let i = 0; i < nicks; i++) lines.push(`@msgid=flood${i} :n${i}!u@h PRIVMSG alice :hi ${i}`);
    server.push(`${lines.join('\r\n')}\r\n`);
    await rec.waitFor(`${nicks} messages`, () => (rec.received().length >= nicks ? true : undefined), 30_000);
    await connection.disconnect();
    const saved = await storage.get('lastSeen');
    const conversations = Object.keys(saved && typeof saved === 'object' ? saved : {});
    expect(conversations).toHaveLength(KEPT_CONVERSATIONS);
    expect(conversations).toContain(`n${nicks - 1}`);
    expect(conversations).not.toContain('n0');
  });
});
