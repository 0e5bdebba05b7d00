/** Unit tests of the small pieces: CTCP limits, STS, the line reader, echoes, commands, contacts. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_RULES } from './names.js';
import { ProtocolError } from '../api/index.js';
import type { IrcMessage } from 'irc-framework';
import { runCommand, type CommandHost } from './commands.js';
import { CtcpResponder } from './ctcp.js';
import { EchoTracker } from './echo.js';
import { ContactWatcher } from './monitor.js';
import { targetLimit } from './targets.js';
import { loadStsPolicy, parseSts, saveStsPolicy, stsFromCapLs } from './sts.js';
import { memoryStorage } from './testRecorder.js';
import { LineReader, MAX_INCOMING_LINE_BYTES } from './transport.js';

describe('CTCP replies', () => {
  it('answers VERSION, PING, TIME and CLIENTINFO, and nothing else', () => {
    const ctcp = new CtcpResponder(10, 1000, () => 0);
    expect(ctcp.answer('VERSION', 'SB')).toBe('VERSION SB');
    expect(ctcp.answer('PING 12345', 'SB')).toBe('PING 12345');
    expect(ctcp.answer('TIME', 'SB')).toMatch(/^TIME Thu, 01 Jan 1970/);
    expect(ctcp.answer('CLIENTINFO', 'SB')).toContain('VERSION');
    expect(ctcp.answer('DCC SEND x', 'SB')).toBeUndefined();
  });

  it('limits a flood to the burst, then one answer per refill period', () => {
    let now = 0;
    const ctcp = new CtcpResponder(3, 2000, () => now);
    const answered = Array.from({ length: 100 }, () => ctcp.answer('VERSION', 'SB')).filter(Boolean);
    expect(answered).toHaveLength(3);
    expect(ctcp.dropped).toBe(97);
    now += 2000;
    expect(ctcp.answer('PING 1', 'SB')).toBe('PING 1');
    expect(ctcp.answer('PING 2', 'SB')).toBeUndefined();
  });
});

describe('STS', () => {
  it('reads the policy from CAP LS and stores it for its duration', async () => {
    expect(stsFromCapLs(['*', 'LS', 'batch sts=port=6697,duration=300 sasl'])).toBe('port=6697,duration=300');
    expect(stsFromCapLs(['*', 'LS', '*', 'batch'])).toBeUndefined();
    expect(stsFromCapLs(['*', 'ACK', 'sts=port=1'])).toBeUndefined();
    expect(parseSts('port=6697,duration=300,preload')).toEqual({ port: 6697, duration: 300 });
    expect(parseSts('port=99999,duration=x')).toEqual({});
    const storage = memoryStorage();
    await saveStsPolicy(storage, 'IRC.example.org', 6697, 300, 1000);
    expect(await loadStsPolicy(storage, 'irc.example.org', 2000)).toEqual({ port: 6697, expiresAt: 301_000 });
    expect(await loadStsPolicy(storage, 'irc.example.org', 301_001)).toBeUndefined();
    await saveStsPolicy(storage, 'irc.example.org', 6697, 0);
    expect(await loadStsPolicy(storage, 'irc.example.org', 2000)).toBeUndefined();
  });
});

describe('LineReader', () => {
  const read = (chunks: Buffer[], encoding = 'latin1'): { lines: string[]; reader: LineReader } => {
    const lines: string[] = [];
    const reader = new LineReader(encoding, (line) => lines.push(line));
    for (const chunk of chunks) reader.push(chunk);
    return { lines, reader };
  };

  it('joins lines split across chunks (even inside a UTF-8 sequence), with CR LF or LF', () => {
    const bytes = Buffer.from('PRIVMSG a :😀 one\r\nPRIVMSG a :two\nPRIVMSG a :thr', 'utf8');
    const { lines } = read([bytes.subarray(0, 13), bytes.subarray(13, 30), bytes.subarray(30), Buffer.from('ee\r\n')]);
    expect(lines).toEqual(['PRIVMSG a :😀 one', 'PRIVMSG a :two', 'PRIVMSG a :three']);
  });

  it('decodes non-UTF-8 lines with the fallback, per line', () => {
    const { lines } = read([Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('\r\ncafé\r\n'), Buffer.from([0xcf, 0xf0, 0x0a])])], 'windows-1251');
    expect(lines).toEqual(['cafй', 'café', 'Пр']);
  });

  it('drops a line longer than the limit and one that never ends, and goes on', () => {
    const long = Buffer.alloc(MAX_INCOMING_LINE_BYTES + 10, 0x41);
    const { lines, reader } = read([Buffer.concat([long, Buffer.from('\r\nok 1\r\n')]), long, long, Buffer.from('tail\r\nok 2\r\n')]);
    expect(lines).toEqual(['ok 1', 'tail', 'ok 2']);
    expect(reader.dropped).toBeGreaterThanOrEqual(2);
  });
});

describe('EchoTracker', () => {
  it('matches labels, then content, and confirms only first lines', () => {
    const echo = new EchoTracker();
    const first = echo.label({ localId: 'a', index: 0, target: '#c', text: 'one' });
    const second = echo.label({ localId: 'a', index: 1, target: '#c', text: 'two' });
    expect(echo.onEcho(second, '#c', 'two')).toEqual({ kind: 'suppress' });
    expect(echo.onEcho(first, '#c', 'one')).toEqual({ kind: 'confirm', localId: 'a' });
    expect(echo.onEcho(first, '#c', 'one')).toEqual({ kind: 'foreign' });
    echo.expect({ localId: 'b', index: 0, target: 'bob', text: 'hi' });
    expect(echo.onEcho(undefined, 'bob', 'other')).toEqual({ kind: 'foreign' });
    expect(echo.onEcho(undefined, 'bob', 'hi')).toEqual({ kind: 'confirm', localId: 'b' });
  });
});

describe('commands', () => {
  const host = (): CommandHost & { lines: string[]; notices: string[] } => {
    const lines: string[] = [];
    const notices: string[] = [];
    return {
      lines, notices, names: DEFAULT_NAME_RULES,
      send: (line) => lines.push(line),
      joinRoom: (room, key) => Promise.resolve(lines.push(`join ${room} ${key ?? ''}`.trim())),
      leaveRoom: (id, reason) => Promise.resolve(void lines.push(`part ${id} ${reason ?? ''}`.trim())),
      openDirect: (nick) => Promise.resolve(lines.push(`open ${nick}`)),
      sendText: (target, text, kind) => Promise.resolve(void lines.push(`${kind} ${target} ${text}`)),
      setTopic: (id, topic) => Promise.resolve(void lines.push(`topic ${id} ${topic}`)),
      notice: (text) => notices.push(text),
      topicOf: () => 'current',
    };
  };

  it('turns each command into the right lines', async () => {
    const h = host();
    const run = (command: string, args: string, conversation?: string): Promise<void> => runCommand(h, command, args, conversation);
    await run('join', '#a key');
    await run('part', 'see you', '#Chan');
    await run('msg', 'bob hello there');
    await run('query', 'carol hi');
    await run('nick', 'newnick');
    await run('topic', 'new topic', '#c');
    await run('topic', '', '#c');
    await run('away', 'lunch');
    await run('away', '');
    await run('whois', 'bob');
    await run('invite', 'bob', '#c');
    await run('kick', 'bob go away', '#c');
    await run('mode', '+o bob', '#c');
    await run('mode', 'alice +i');
    await run('quote', 'PRIVMSG x :raw');
    expect(h.lines).toEqual([
      'join #a key', 'part #chan see you', 'text bob hello there', 'open carol', 'text carol hi', 'NICK newnick',
      'topic #c new topic', 'AWAY :lunch', 'AWAY', 'WHOIS bob', 'INVITE bob #c', 'KICK #c bob :go away',
      'MODE #c +o bob', 'MODE alice +i', 'PRIVMSG x :raw',
    ]);
    expect(h.notices).toEqual(['Topic of #c: current']);
  });

  it('refuses what cannot be sent, with a usage line', async () => {
    const h = host();
    await expect(runCommand(h, 'kick', 'bob', undefined)).rejects.toThrow(/Use this in a channel/);
    await expect(runCommand(h, 'msg', 'bob', undefined)).rejects.toThrow(/Usage: \/msg/);
    await expect(runCommand(h, 'quote', 'a\r\nQUIT', undefined)).rejects.toBeInstanceOf(ProtocolError);
    await expect(runCommand(h, 'nick', '#chan', undefined)).rejects.toThrow(/not a valid IRC nickname/);
    await expect(runCommand(h, 'frob', '', undefined)).rejects.toMatchObject({ kind: 'not-supported' });
    expect(h.lines).toEqual([]);
  });
});

describe('ContactWatcher', () => {
  const line = (command: string, params: string[], nick?: string): IrcMessage => ({ command, params, tags: {}, ...(nick ? { nick } : {}) });

  it('uses MONITOR when offered and maps 730/731 and away-notify to presence', async () => {
    const sent: string[] = [];
    const presence: string[] = [];
    const watcher = new ContactWatcher({
      names: DEFAULT_NAME_RULES,
      emit: (e) => { if (e.type === 'presence.changed') presence.push(`${e.contactId}:${e.presence.status}${e.presence.message ? `:${e.presence.message}` : ''}`); },
      send: (l) => sent.push(l), storage: memoryStorage(), monitorLimit: () => 100, monitorTargets: () => Infinity, warn: () => undefined,
    });
    await watcher.add('Bob', true);
    watcher.onRaw(line('730', ['me', 'Bob!u@h']));
    watcher.onRaw(line('AWAY', ['lunch'], 'bob'));
    watcher.onRaw(line('AWAY', [], 'bob'));
    watcher.onRaw(line('731', ['me', 'bob']));
    watcher.onRaw(line('730', ['me', 'stranger!u@h']));
    expect(sent).toEqual(['MONITOR + Bob']);
    expect(presence).toEqual(['bob:unknown', 'bob:available', 'bob:away:lunch', 'bob:available', 'bob:offline']);
  });

  it('polls with ISON without MONITOR and keeps the list in storage', async () => {
    const sent: string[] = [];
    const storage = memoryStorage();
    const statuses: string[] = [];
    const host = { names: DEFAULT_NAME_RULES, emit: (e: { type: string; presence?: { status: string } }) => { if (e.type === 'presence.changed' && e.presence) statuses.push(e.presence.status); }, send: (l: string) => sent.push(l), storage, monitorLimit: () => undefined, monitorTargets: () => Infinity, warn: () => undefined };
    const watcher = new ContactWatcher(host);
    await watcher.add('bob', true);
    watcher.onRaw(line('303', ['me', 'bob']));
    watcher.onRaw(line('303', ['me', '']));
    expect(sent).toEqual(['ISON bob']);
    expect(statuses).toEqual(['unknown', 'available', 'offline']);
    expect(await storage.get('contacts')).toEqual(['bob']);
    const again = new ContactWatcher(host);
    await again.load();
    again.start();
    again.stop();
    expect(sent).toEqual(['ISON bob', 'ISON bob']);
  });
});

describe('ContactWatcher: lines within TARGMAX and the line length', () => {
  it('puts at most TARGMAX MONITOR targets on a line, and as many ISON nicks as fit in 512 bytes', async () => {
    const sent: string[] = [];
    const limit = { value: 100 as number | undefined };
    const watcher = new ContactWatcher({
      names: DEFAULT_NAME_RULES, emit: () => undefined, send: (l) => sent.push(l), storage: memoryStorage(),
      monitorLimit: () => limit.value, monitorTargets: () => targetLimit({ TARGMAX: 'PRIVMSG:4,MONITOR:3' }, 'MONITOR', Infinity), warn: () => undefined,
    });
    for (const nick of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']) await watcher.add(nick, false);
    watcher.start();
    watcher.stop();
    expect(sent).toEqual(['MONITOR + a1,a2,a3', 'MONITOR + a4,a5,a6', 'MONITOR + a7']);
    sent.length = 0;
    limit.value = undefined;
    const many = Array.from({ length: 60 }, (_, i) => `nick${String(i).padStart(2, '0')}_long_name`);
    for (const nick of many) await watcher.add(nick, false);
    watcher.start();
    watcher.stop();
    expect(sent.every((l) => l.startsWith('ISON ') && Buffer.byteLength(l) + 2 <= 512)).toBe(true);
    expect(sent.length).toBe(3);
    expect(sent.flatMap((l) => l.slice(5).split(' '))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', ...many]);
  });

  it('reads TARGMAX: a number, no limit for a command listed without one, the fallback for others', () => {
    const isupport = { TARGMAX: 'NAMES:1,KICK:,MONITOR:100' };
    expect([targetLimit(isupport, 'MONITOR', 1), targetLimit(isupport, 'KICK', 1), targetLimit(isupport, 'WHOIS', 1), targetLimit({}, 'MONITOR', 7)])
      .toEqual([100, Infinity, 1, 7]);
  });
});

describe('EchoTracker and actions', () => {
  it('matches an unlabeled action echo by its unwrapped text', () => {
    const echo = new EchoTracker();
    echo.expect({ localId: 'c', index: 0, target: '#c', text: 'waves' });
    expect(echo.onEcho(undefined, '#c', 'waves')).toEqual({ kind: 'confirm', localId: 'c' });
  });
});
