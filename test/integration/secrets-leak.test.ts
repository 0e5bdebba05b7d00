/**
 * After a real session that used secrets (an IRC server password, through headless mode),
 * the secret appears nowhere but the secret store: not in the database or any other file
 * of the profile, not in the core's log, not in anything the bridge sent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { connectWsBridge, eventually } from '../support/wsBridgeClient.js';

const SECRET = 'correct-horse-battery-staple-42';
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
    const account = await ui.client.request('accounts.add', {
      pluginId: 'irc', settings: { server: '127.0.0.1', port: irc.port, tls: false, nick: 'guarded', password: SECRET, allowPlainPassword: true },
    });
    await eventually('online', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.state === 'online') || undefined);
    const room = await ui.client.request('conversations.joinRoom', { accountId: account.id, room: '#vault' });
    await ui.client.request('messages.send', { conversationId: room.id, body: 'nothing secret here' });
    // A wrong password too: its error goes through logs and events.
    await ui.client.request('accounts.update', { accountId: account.id, settings: { server: '127.0.0.1', port: irc.port, tls: false, nick: 'guarded', password: `${SECRET}-wrong`, allowPlainPassword: true } });
    await eventually('refused', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.state === 'failed') || undefined);
    const accounts = await ui.client.request('accounts.list', {});
    ui.close();
    await running.stop();
    core = undefined;

    const frames = JSON.stringify([ui.events, accounts]);
    expect(frames).not.toContain(SECRET);
    expect(running.log()).not.toContain(SECRET);
    const files = filesUnder(running.profileDir);
    expect(files.some((file) => file.endsWith('switchboard.sqlite'))).toBe(true);
    for (const file of files.filter((f) => !f.endsWith('secrets.json'))) {
      expect(readFileSync(file).includes(SECRET), file).toBe(false);
    }
    const store = join(running.profileDir, 'secrets.json');
    expect(statSync(store).mode & 0o777).toBe(0o600);
    expect(readFileSync(store, 'utf8')).toContain(SECRET);
  });
});
