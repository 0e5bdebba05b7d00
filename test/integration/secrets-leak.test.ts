/**
 * After a real session that used secrets (an IRC server password, through headless mode),
 * the secret appears nowhere but the secret store: not in the database or any other file
 * of the profile, not in the core's log, not in any frame the bridge sent (every reply to
 * every request as well as the events). Not as plain text, nor as UTF-16 or base64 of it
 * (secretTraces.ts): an encoded secret is as readable as a plain one.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { secretTraces, stringBytes, tracesIn } from '../support/secretTraces.js';
import { connectWsBridge, eventually } from '../support/wsBridgeClient.js';

const SECRET = 'correct-horse-battery-staple-42';
const TRACES = secretTraces(SECRET);
let irc: RunningIrcServer | undefined;
let core: RunningHeadlessCore | undefined;
const profileDir = mkdtempSync(join(tmpdir(), 'switchboard-secrets-'));
afterAll(async () => {
  await core?.stop();
  await irc?.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets', () => {
  it('leave no trace outside the secret store after a session', async () => {
    irc = await startNgircd({ password: SECRET });
    core = await startHeadlessCore({ profileDir, requireRenderer: false });
    const running = core;
    const ui = await connectWsBridge(running.url);
    const settings = { server: '127.0.0.1', port: irc.port, tls: false, nick: 'guarded', password: SECRET, allowPlainPassword: true };
    // Every reply is kept and inspected, whatever it is (the raw frames are checked too).
    const replies: unknown[] = [];
    const ask = async <T>(reply: Promise<T>): Promise<T> => {
      const value = await reply;
      replies.push(value);
      return value;
    };
    const account = await ask(ui.client.request('accounts.add', { pluginId: 'irc', settings }));
    await eventually('online', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.state === 'online') || undefined);
    const room = await ask(ui.client.request('conversations.joinRoom', { accountId: account.id, room: '#vault' }));
    await ask(ui.client.request('messages.send', { conversationId: room.id, body: 'nothing secret here' }));
    await ask(ui.client.request('plugins.list', {}));
    await ask(ui.client.request('conversations.list', {}));
    await ask(ui.client.request('messages.list', { conversationId: room.id, limit: 100 }));
    // The same settings again (the password re-sent as the user would on saving the form).
    await ask(ui.client.request('accounts.update', { accountId: account.id, settings }));
    // A wrong password too: its error goes through logs and events.
    await ask(ui.client.request('accounts.update', { accountId: account.id, settings: { ...settings, password: `${SECRET}-wrong` } }));
    await eventually('refused', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.state === 'failed') || undefined);
    await ask(ui.client.request('accounts.list', {}));
    ui.close();
    await running.stop();
    core = undefined;

    expect(replies.length).toBe(9);
    for (const [i, reply] of replies.entries()) {
      expect(stringBytes(reply).flatMap((bytes) => tracesIn(bytes, TRACES)), `reply ${i}`).toEqual([]);
    }
    expect(ui.frames.length).toBeGreaterThan(replies.length);
    for (const frame of ui.frames) {
      const found = [...tracesIn(frame, TRACES), ...stringBytes(JSON.parse(frame.toString('utf8'))).flatMap((bytes) => tracesIn(bytes, TRACES))];
      expect(found, `bridge frame ${frame.toString('utf8').slice(0, 200)}`).toEqual([]);
    }
    expect(tracesIn(Buffer.from(running.log(), 'utf8'), TRACES), 'core log').toEqual([]);
    const files = filesUnder(running.profileDir);
    expect(files.some((file) => file.endsWith('switchboard.sqlite'))).toBe(true);
    for (const file of files.filter((f) => !f.endsWith('secrets.json'))) {
      expect(tracesIn(readFileSync(file), TRACES), file).toEqual([]);
    }
    const store = join(running.profileDir, 'secrets.json');
    expect(statSync(store).mode & 0o777).toBe(0o600);
    expect(readFileSync(store, 'utf8')).toContain(SECRET);
  });
});
