import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NAME_RULES } from './names.js';
import type { MembersChangedEvent, ProtocolEvent } from '../api/index.js';
import { IrcConnection } from './ircConnection.js';
import { RoomTracker } from './rooms.js';
import { recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

const PREFIXES = ['', '', '', '+', '@', '%'];

describe('large channels', () => {
  it('turns a 20,000-name NAMES reply into one members.changed reset, roles included', () => {
    const events: ProtocolEvent[] = [];
    const rooms = new RoomTracker((e) => events.push(e), DEFAULT_NAME_RULES, () => 'me');
    rooms.onJoin({ nick: 'me', channel: '#big' });
    const users = Array.from({ length: 20_000 }, (_, i) => ({ nick: `${PREFIXES[i % PREFIXES.length] ?? ''}user${i}!u@host${i}` }));
    rooms.onUserlist({ channel: '#big', users });
    const changes = events.filter((e): e is MembersChangedEvent => e.type === 'members.changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]?.reset).toBe(true);
    expect(changes[0]?.added).toHaveLength(20_000);
    expect(changes[0]?.added?.[4]).toEqual({ id: 'user4', displayName: 'user4', role: 'operator' });
    expect(changes[0]?.added?.[0]).toEqual({ id: 'user0', displayName: 'user0' });
    // A join and a part afterwards are single small changes, not another full list.
    rooms.onJoin({ nick: 'late', channel: '#big' });
    rooms.onPart({ nick: 'user1', channel: '#big' });
    const after = events.filter((e): e is MembersChangedEvent => e.type === 'members.changed').slice(1);
    expect(after.map((e) => [e.added?.length ?? 0, e.removed?.length ?? 0, e.reset ?? false])).toEqual([[1, 0, false], [0, 1, false]]);
  });

  let server: ScriptedServer | undefined;
  let connection: IrcConnection | undefined;
  afterEach(async () => {
    await connection?.disconnect();
    await server?.close();
  });

  it('reads 20,000 names sent over 500 NAMES lines (userhost-in-names, multi-prefix) as one reset', async () => {
    server = await startScriptedServer({ caps: 'multi-prefix userhost-in-names' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    await connection.joinRoom({ room: '#big' });
    await rec.waitForEvent('the first NAMES', (e) => e.type === 'members.changed' && e.reset === true);
    const lines: string[] = [];
    for (let start = 0; start < 20_000; start += 40) {
      const names = Array.from({ length: 40 }, (_, i) => `${start + i === 7 ? '@+' : ''}n${start + i}!u@h`);
      lines.push(`:scripted.test 353 alice = #big :${names.join(' ')}`);
    }
    lines.push(':scripted.test 366 alice #big :End of NAMES');
    server.push(`${lines.join('\r\n')}\r\n`);
    const reset = await rec.waitForEvent('the big reset', (e) => e.type === 'members.changed' && e.reset === true && (e.added?.length ?? 0) > 1000, 20_000);
    expect(reset.type === 'members.changed' ? reset.added?.length : 0).toBe(20_000);
    expect(reset.type === 'members.changed' ? reset.added?.find((m) => m.id === 'n7') : undefined).toEqual({ id: 'n7', displayName: 'n7', role: 'operator' });
    expect(rec.events.filter((e) => e.type === 'members.changed' && e.reset === true)).toHaveLength(2);
  });
});

describe('away-notify', () => {
  it('marks a member away and back in every shared room, keeping the role', () => {
    const events: ProtocolEvent[] = [];
    const rooms = new RoomTracker((e) => events.push(e), DEFAULT_NAME_RULES, () => 'me');
    rooms.onJoin({ nick: 'me', channel: '#a' });
    rooms.onUserlist({ channel: '#a', users: [{ nick: '@bob' }, { nick: 'me' }] });
    rooms.onAway('Bob', 'lunch');
    rooms.onAway('bob', undefined);
    rooms.onAway('stranger', 'x');
    const changes = events.filter((e): e is MembersChangedEvent => e.type === 'members.changed' && !e.reset);
    expect(changes.map((e) => e.added)).toEqual([
      [{ id: 'bob', displayName: 'bob', role: 'operator', presence: { status: 'away', message: 'lunch' } }],
      [{ id: 'bob', displayName: 'bob', role: 'operator' }],
    ]);
  });
});

describe('channel modes', () => {
  it('shows bans and other channel modes as one compact line, and roles as member changes', () => {
    const events: ProtocolEvent[] = [];
    const rooms = new RoomTracker((e) => events.push(e), DEFAULT_NAME_RULES, () => 'me');
    rooms.onJoin({ nick: 'me', channel: '#a' });
    rooms.onUserlist({ channel: '#a', users: [{ nick: 'bob' }, { nick: '@me' }] });
    rooms.onMode({ target: '#a', nick: 'me', modes: [{ mode: '+b', param: '*!*@bad.example' }, { mode: '+o', param: 'bob' }, { mode: '+m', param: null }] });
    const lines = events.flatMap((e) => (e.type === 'message.received' ? [e.message.body] : []));
    expect(lines).toEqual(['me set mode +o bob', 'me set mode +b *!*@bad.example +m']);
    const change = events.filter((e): e is MembersChangedEvent => e.type === 'members.changed').at(-1);
    expect(change?.added).toEqual([{ id: 'bob', displayName: 'bob', role: 'operator' }]);
  });
});

describe('ISUPPORT PREFIX (https://modern.ircdocs.horse/#prefix-parameter)', () => {
  let server: ScriptedServer | undefined;
  let connection: IrcConnection | undefined;
  afterEach(async () => {
    await connection?.disconnect();
    await server?.close();
  });

  it('on a server with PREFIX=(ov)@+, +q on a member is a quiet shown as a mode, not an owner', async () => {
    server = await startScriptedServer({ isupport: 'PREFIX=(ov)@+ CHANMODES=beIq,k,l,imnst' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    await connection.joinRoom({ room: '#chan' });
    server.push(':scripted.test 353 alice = #chan :@alice bob\r\n:scripted.test 366 alice #chan :End of NAMES\r\n');
    await rec.waitForEvent('the member list', (e) => e.type === 'members.changed' && e.reset === true && (e.added ?? []).some((m) => m.id === 'bob'));
    server.push(':alice!u@h MODE #chan +q bob\r\n:alice!u@h MODE #chan +v bob\r\n');
    await rec.waitForEvent('bob voiced', (e) => e.type === 'members.changed' && e.reset !== true && (e.added ?? []).some((m) => m.id === 'bob'));
    const bob = rec.events.flatMap((e) => (e.type === 'members.changed' ? e.added ?? [] : [])).filter((m) => m.id === 'bob');
    expect(bob.map((m) => m.role)).toEqual([undefined, 'voice']);
    const lines = rec.received().filter((m) => m.conversationId === '#chan').map((m) => m.body);
    expect(lines).toEqual(['alice set mode +q bob', 'alice set mode +v bob']);
  });
});
