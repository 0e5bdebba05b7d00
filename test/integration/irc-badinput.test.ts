/**
 * Bad input from the network: each gets a clear message or is handled silently and safely,
 * and the connection goes on. A real server (ngIRCd) where it can send the input; the
 * scripted server (protocols/irc/testServer.ts) for what a real server would never send.
 * (Invalid UTF-8, garbage lines, closes mid-registration, wrong passwords and a 100,000-line
 * fuzz are covered in irc-adapter, irc-features, the conformance suites and fuzz.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountFieldValue } from '../../protocols/api/index.js';
import ircPlugin from '../../protocols/irc/index.js';
import { startScriptedServer, type ScriptedServer } from '../../protocols/irc/testServer.js';
import { TestAccount } from '../conformance/index.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';

type Settings = Record<string, AccountFieldValue>;
const accounts: TestAccount[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function online(settings: Settings): Promise<TestAccount> {
  const created = new TestAccount(ircPlugin, settings, 10_000);
  accounts.push(created);
  await created.connection.connect();
  return created;
}

afterEach(async () => {
  await Promise.all(accounts.splice(0).map((a) => a.connection.disconnect()));
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('bad input on ngIRCd', () => {
  let server: RunningIrcServer;
  beforeAll(async () => {
    server = await startNgircd();
  });
  afterAll(async () => {
    await server.stop();
  });
  const raw = async (nick: string): Promise<RawIrcClient> => {
    const client = await connectRawIrcClient({ port: server.port, nick });
    cleanups.push(() => client.close());
    return client;
  };

  it('answers a CTCP flood only a few times (and never floods the server itself)', async () => {
    const alice = await online({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    const mallory = await raw('mallory');
    for (let i = 0; i < 50; i++) mallory.send(`PRIVMSG alice :\x01${i % 2 ? 'VERSION' : `PING ${i}`}\x01`);
    mallory.send('PRIVMSG alice :done flooding');
    await alice.waitForMessage('the line after the flood', (m) => m.body === 'done flooding');
    await alice.connection.sendMessage({ conversationId: 'mallory', localId: '1', kind: 'text', body: 'ack' });
    await mallory.waitForLine(/PRIVMSG mallory :ack$/);
    const answers = mallory.lines.filter((l) => /NOTICE mallory :\x01(VERSION|PING)/.test(l));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThanOrEqual(4);
    expect(answers.find((l) => l.includes('VERSION'))).toMatch(/VERSION Switchboard/);
    // CTCP requests are not shown as messages.
    expect(alice.received().filter((m) => m.body.includes('VERSION') || m.body.startsWith('PING'))).toEqual([]);
  });

  it('shows an error numeric in the server\'s words', async () => {
    const alice = await online({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    const bob = await raw('bob');
    bob.send('JOIN #guarded');
    await bob.waitForLine(/ 366 bob #guarded /);
    await alice.connection.joinRoom?.({ room: '#guarded' });
    await alice.connection.kickMember?.('#guarded', 'bob', 'no');
    const notice = await alice.waitForEvent('server.notice', (e) => e.text.includes('#guarded'));
    expect(notice.text).toMatch(/#guarded .*(operator|privileges)/i);
    expect(alice.states.at(-1)).toBe('online');
  });
});

describe('bad input from a scripted server', () => {
  let scripted: ScriptedServer;
  beforeAll(async () => {
    scripted = await startScriptedServer({ caps: 'message-tags server-time' });
  });
  afterAll(async () => {
    await scripted.close();
  });

  it('keeps a line over 512 bytes whole, drops one over 16 KiB, and goes on', async () => {
    const alice = await online({ server: '127.0.0.1', port: scripted.port, tls: false, nick: 'alice' });
    const long = 'ü'.repeat(1500);
    scripted.push(`:bob!u@h PRIVMSG alice :${long}\r\n:bob!u@h PRIVMSG alice :${'x'.repeat(20_000)}\r\n:bob!u@h PRIVMSG alice :after\r\n`);
    await alice.waitForMessage('the line after', (m) => m.body === 'after');
    expect(alice.received().map((m) => m.body.length)).toEqual([1500, 5]);
    expect(alice.states).toEqual(['connecting', 'online']);
  });

  it('ignores numerics it does not know', async () => {
    const alice = await online({ server: '127.0.0.1', port: scripted.port, tls: false, nick: 'alice' });
    scripted.push(':scripted.test 999 alice :weird thing\r\n:scripted.test 1234 alice x y :odd\r\n:scripted.test 000 alice\r\n:bob!u@h PRIVMSG alice :still here\r\n');
    await alice.waitForMessage('the line after', (m) => m.body === 'still here');
    expect(alice.events.filter((e) => e.type === 'server.notice' && /weird|odd/.test(e.text))).toEqual([]);
    expect(alice.states).toEqual(['connecting', 'online']);
  });

  it('ignores lines from a nick with formatting codes, with a warning, and shows no control character', async () => {
    const alice = await online({ server: '127.0.0.1', port: scripted.port, tls: false, nick: 'alice' });
    scripted.push(':\x02evil\x02!u@h PRIVMSG alice :spoof\r\n:\x0304red!u@h JOIN #x\r\n:bob!u@h PRIVMSG alice :\x1Ditalic\x1D \x16rev\x16 \x07bell\r\n');
    const ok = await alice.waitForMessage('bob\'s line', (m) => m.senderId === 'bob');
    expect(ok.body).toBe('italic rev bell');
    expect(ok.html).toBe('<i>italic</i> rev bell');
    expect(alice.received().some((m) => m.body === 'spoof')).toBe(false);
    expect(alice.warnings.filter((w) => w.includes('invalid nick'))).toHaveLength(2);
  });
});
