/**
 * An installed (third-party) plugin runs in its own process under Node's permission model:
 * a hostile plugin tries to read the profile database, the secret store, ~/.ssh and other
 * plugins' data, to write outside its data folder, and to start a program, a worker thread
 * and a native addon. Each attempt is refused (printed, one line each), its own data folder
 * works (the control: the probes did run), and another account keeps chatting meanwhile.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let running: InProcessCore | undefined;
let profile = '';
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(profile, { recursive: true, force: true });
});

const online = (accountId: string) => (e: BridgeEvent): boolean =>
  e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';

/** Installs the fixture as the installer would leave it: `<profile>/plugins/<id>`. */
function installFixture(name: string): string {
  const dir = join(profile, 'plugins', name);
  cpSync(join(FIXTURE_PLUGINS, name), dir, { recursive: true });
  return dir;
}

describe('the sandbox of installed plugins', () => {
  it('refuses every reach outside the plugin\'s folders while other accounts keep working', async () => {
    profile = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-'));
    const intruderDir = installFixture('intruder');
    // Another installed plugin's data, as it would be on disk.
    mkdirSync(join(profile, 'plugin-data-installed', 'neighbour', 'acct'), { recursive: true });
    writeFileSync(join(profile, 'plugin-data-installed', 'neighbour', 'acct', 'session.json'), '{"token":"x"}');
    running = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback')], profile, { heartbeatIntervalMs: 200 }, { installedPluginDirs: [intruderDir] });
    const core = running;
    const alice = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice', token: 'alice-secret' } });
    await core.waitForEvent(online(alice.id));
    const chat = await core.client.request('conversations.openDirect', { accountId: alice.id, contactId: 'bob' });
    const mallory = await core.client.request('accounts.add', { pluginId: 'intruder', settings: { name: 'mallory' } });
    await core.waitForEvent(online(mallory.id));

    const targets = [
      { label: 'the profile database', path: join(profile, 'switchboard.sqlite') },
      { label: 'the secret store', path: join(profile, 'secrets.json') },
      { label: '~/.ssh', path: join(homedir(), '.ssh') },
      { label: 'a built-in plugin\'s account data', path: join(profile, 'plugin-data', alice.id) },
      { label: 'another installed plugin\'s data', path: join(profile, 'plugin-data-installed', 'neighbour', 'acct', 'session.json') },
      { label: 'the profile folder', path: profile },
    ];
    const since = core.mark();
    await core.client.request('commands.run', { accountId: mallory.id, command: 'probe', args: JSON.stringify({ targets }) });
    await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.accountId === mallory.id && e.payload.text === 'probe done', 15_000, since);
    // Meanwhile, and after, the other account chats as before.
    await core.client.request('messages.send', { conversationId: chat.id, body: 'still here' });
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: still here');

    const lines = core.events.slice(since).flatMap((e) => e.type === 'server.notice' && e.payload.accountId === mallory.id && e.payload.text !== 'probe done' ? [e.payload.text] : []);
    for (const line of lines) console.log(`[sandbox] ${line}`);
    expect(lines).toEqual([
      ...targets.map(({ label }) => `refused: read ${label} (ERR_ACCESS_DENIED)`),
      'refused: write outside its data folder (ERR_ACCESS_DENIED)',
      'refused: start a program (ERR_ACCESS_DENIED)',
      'refused: start a worker thread (ERR_ACCESS_DENIED)',
      'refused: load a native addon (ERR_DLOPEN_DISABLED)',
      'ALLOWED: write and read its own data folder',
    ]);
    expect((await core.client.request('accounts.list', {})).find((a) => a.id === alice.id)?.state).toBe('online');
  });
});
