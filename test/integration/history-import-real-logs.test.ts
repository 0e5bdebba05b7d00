/**
 * Import of logs written by the real programs: weechat-headless (logger plugin) and irssi
 * (autolog, in tmux) sit in a channel on ngIRCd while a raw client talks there and to them
 * privately; their log files are then imported into a fresh store. What a user would check:
 * the lines are there with their senders, actions are actions, UTF-8 survives, private chats
 * are direct conversations, and importing the same logs again adds nothing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeImport, importHistory } from '../../electron/core/history/historyImport.js';
import { openDatabase } from '../../electron/core/store/database.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';

const CHANNEL = '#logs';
let server: RunningIrcServer;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  server = await startNgircd();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  await server.stop();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => { rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

function findFile(dir: string, name: RegExp): string | undefined {
  if (!existsSync(dir)) return undefined;
  const entry = readdirSync(dir, { withFileTypes: true, recursive: true }).find((e) => e.isFile() && name.test(e.name));
  return entry ? join(entry.parentPath, entry.name) : undefined;
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
}

/** bob says what the logs must hold, in the channel and privately to `nick`, then END in both. */
function talk(bob: RawIrcClient, nick: string): void {
  bob.send(`PRIVMSG ${CHANNEL} :hello from bob`);
  bob.send(`PRIVMSG ${CHANNEL} :\u0001ACTION waves\u0001`);
  bob.send(`PRIVMSG ${CHANNEL} :café ☕ ünïcode`);
  bob.send(`PRIVMSG ${CHANNEL} :same line`);
  bob.send(`PRIVMSG ${CHANNEL} :same line`);
  bob.send(`PRIVMSG ${nick} :a private word`);
  bob.send(`PRIVMSG ${nick} :END`);
  bob.send(`PRIVMSG ${CHANNEL} :END`);
}

function rows(db: ReturnType<typeof openDatabase>): { kind: string; networkId: string; sender: string; mkind: string; body: string }[] {
  return db.prepare(`SELECT c.kind, c.network_id AS networkId, m.sender_name AS sender, m.kind AS mkind, m.body FROM messages m
    JOIN conversations c ON c.id = m.conversation_id WHERE m.kind != 'event' ORDER BY c.kind, m.timestamp, m.id`).all() as never;
}

function expectTalk(db: ReturnType<typeof openDatabase>, started: number): void {
  const found = rows(db);
  expect(found.filter((r) => r.kind === 'room').map((r) => [r.networkId, r.sender, r.mkind, r.body])).toEqual([
    [CHANNEL, 'bob', 'text', 'hello from bob'],
    [CHANNEL, 'bob', 'action', 'waves'],
    [CHANNEL, 'bob', 'text', 'café ☕ ünïcode'],
    [CHANNEL, 'bob', 'text', 'same line'],
    [CHANNEL, 'bob', 'text', 'same line'],
    [CHANNEL, 'bob', 'text', 'END'],
  ]);
  expect(found.filter((r) => r.kind === 'direct').map((r) => [r.networkId, r.sender, r.body])).toEqual([
    ['bob', 'bob', 'a private word'], ['bob', 'bob', 'END'],
  ]);
  // Times kept: within the minute of the talk (irssi logs minutes only), in this machine's zone as both programs write.
  const times = db.prepare(`SELECT min(timestamp) AS first, max(timestamp) AS last FROM messages WHERE kind != 'event'`).get() as { first: number; last: number };
  expect(times.first).toBeGreaterThanOrEqual(Math.floor(started / 60_000) * 60_000);
  expect(times.last).toBeLessThanOrEqual(Date.now());
}

describe('import of real WeeChat and irssi logs', () => {
  it('imports weechat-headless logger files, and a second import adds nothing', async () => {
    const home = tempDir('sb-weechat-');
    const started = Date.now();
    const bob = await connectRawIrcClient({ port: server.port, nick: 'bob' });
    cleanups.push(() => { void bob.close(); });
    bob.send(`JOIN ${CHANNEL}`);
    await bob.waitForLine(/ 366 /);
    const weechat: ChildProcess = spawn('weechat-headless', ['--dir', home, '-r',
      `/set logger.file.flush_delay 0;/server add local 127.0.0.1/${server.port} -notls -nicks=alice -autojoin=${CHANNEL};/connect local`], { stdio: 'ignore' });
    cleanups.push(() => { weechat.kill('SIGKILL'); });
    await bob.waitForLine(/:alice!\S+ JOIN/, 30_000);
    talk(bob, 'alice');
    const logs = join(home, 'logs');
    await waitFor('the channel log to hold END', () => {
      const file = findFile(logs, /#logs\.weechatlog$/);
      return file && readFileSync(file, 'utf8').includes('\tEND\n') ? file : undefined;
    });
    await waitFor('the private log to hold END', () => {
      const file = findFile(logs, /\.bob\.weechatlog$/);
      return file && readFileSync(file, 'utf8').includes('\tEND\n') ? file : undefined;
    });
    weechat.kill('SIGKILL');

    const db = openDatabase(join(tempDir('sb-profile-'), 'switchboard.sqlite'));
    const summary = await importHistory(db, { from: 'weechat', path: logs });
    expect(describeImport(summary)).toMatch(/^\d+ messages in 2 conversations; 1 disabled account created for them\.$/);
    expectTalk(db, started);
    const again = await importHistory(db, { from: 'weechat', path: logs });
    expect(again.messages).toBe(0);
    db.close();
  });

  it('imports irssi autolog files, and a second import adds nothing', async () => {
    const home = tempDir('sb-irssi-');
    const logs = join(home, 'logs');
    writeFileSync(join(home, 'config'), `servers = ( { address = "127.0.0.1"; chatnet = "local"; port = "${server.port}"; use_tls = "no"; autoconnect = "yes"; } );
chatnets = { local = { type = "IRC"; }; };
channels = ( { name = "${CHANNEL}"; chatnet = "local"; autojoin = "yes"; } );
settings = {
  core = { real_name = "carol"; user_name = "carol"; nick = "carol"; };
  "fe-common/core" = { autolog = "yes"; autolog_path = "${logs}/$tag/$0.log"; };
};
`);
    const started = Date.now();
    const bob = await connectRawIrcClient({ port: server.port, nick: 'bob2' });
    cleanups.push(() => { void bob.close(); });
    bob.send(`JOIN ${CHANNEL}`);
    await bob.waitForLine(/ 366 /);
    const socket = `switchboard-test-${process.pid}`;
    const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    tmux('new-session', '-d', '-x', '160', '-y', '48', `exec irssi --home ${home}`);
    cleanups.push(() => { try { tmux('kill-server'); } catch { /* gone */ } });
    await bob.waitForLine(/:carol!\S+ JOIN/, 30_000);
    talk(bob, 'carol');
    await waitFor('the channel log to hold END', () => {
      const file = findFile(logs, /^#logs\.log$/);
      return file && readFileSync(file, 'utf8').includes('> END\n') ? file : undefined;
    });
    await waitFor('the private log to hold END', () => {
      const file = findFile(logs, /^bob2\.log$/);
      return file && readFileSync(file, 'utf8').includes('> END\n') ? file : undefined;
    });
    tmux('kill-server');

    const db = openDatabase(join(tempDir('sb-profile-'), 'switchboard.sqlite'));
    const summary = await importHistory(db, { from: 'irssi', path: logs });
    expect(describeImport(summary)).toMatch(/^\d+ messages in 2 conversations; 1 disabled account created for them\.$/);
    const found = rows(db).map((r) => [r.kind, r.sender, r.mkind, r.body]);
    expect(found).toEqual([
      ['direct', 'bob2', 'text', 'a private word'], ['direct', 'bob2', 'text', 'END'],
      ['room', 'bob2', 'text', 'hello from bob'], ['room', 'bob2', 'action', 'waves'], ['room', 'bob2', 'text', 'café ☕ ünïcode'],
      ['room', 'bob2', 'text', 'same line'], ['room', 'bob2', 'text', 'same line'], ['room', 'bob2', 'text', 'END'],
    ]);
    const times = db.prepare(`SELECT min(timestamp) AS first FROM messages`).get() as { first: number };
    expect(times.first).toBeGreaterThanOrEqual(Math.floor(started / 60_000) * 60_000);
    const again = await importHistory(db, { from: 'irssi', path: logs });
    expect(again.messages).toBe(0);
    db.close();
  });
});
