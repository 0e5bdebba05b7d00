/**
 * Installing plugins through the bridge, as the Plugins dialog does: from a folder, a packed
 * .tgz and the npm registry (a local one, with the integrity checked), shown before anything
 * is installed, then confirmed; updated, removed, and loaded again at the next start. Bad
 * input is refused in words and leaves nothing behind: a corrupt tarball, a wrong
 * integrity, an API range this Switchboard does not provide, an id with path characters, a
 * tarball reaching outside its folder, a link in a plugin folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { hostInstalledPluginDirs } from '../../electron/core/hostStartup.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { npmPack, packPlugin, startLocalRegistry, writeEchoPlugin, type LocalRegistry } from '../support/pluginPackages.js';

let running: InProcessCore | undefined;
let registry: LocalRegistry | undefined;
let profile = '';
let work = '';

beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'switchboard-install-'));
  work = mkdtempSync(join(tmpdir(), 'switchboard-install-src-'));
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  await registry?.close();
  registry = undefined;
  rmSync(profile, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function start(): Promise<InProcessCore> {
  registry ??= await startLocalRegistry();
  running = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback')], profile, { heartbeatIntervalMs: 200 }, {
    installedPluginDirs: hostInstalledPluginDirs(profile), npmRegistry: registry.url,
  });
  return running;
}

const online = (accountId: string) => (e: BridgeEvent): boolean =>
  e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';

/** The refusal's words, as the dialog shows them. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof BridgeRequestError) return error.detail.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Nothing installed and nothing left in staging. */
function nothingLeft(): void {
  expect(existsSync(join(profile, 'plugins')) ? readdirSync(join(profile, 'plugins')) : []).toEqual([]);
  expect(existsSync(join(profile, 'plugins-staging')) ? readdirSync(join(profile, 'plugins-staging')) : []).toEqual([]);
}

describe('installing plugins', () => {
  it('shows the manifest first, installs on confirm, runs it sandboxed, and loads it again at the next start', async () => {
    const core = await start();
    const folder = writeEchoPlugin(join(work, 'echo'), { id: 'org.example.echo' });
    const preview = await core.client.request('plugins.inspectInstall', { source: { kind: 'folder', path: folder } });
    expect(preview).toMatchObject({
      id: 'org.example.echo', name: 'Echo', version: '1.0.0', apiVersion: '^0.3.0', author: 'Ada Example <ada@example.org>',
      capabilities: ['directMessages'], source: `folder ${folder}`,
    });
    expect(preview.allowances).toContain('Read and write its own data folder');
    expect(preview.allowances).toContain('No native code');
    // Not installed before the confirm.
    expect((await core.client.request('plugins.overview', {})).map((p) => p.id)).toEqual(['loopback']);
    expect(existsSync(join(profile, 'plugins'))).toBe(false);

    expect(await core.client.request('plugins.confirmInstall', { token: preview.token })).toEqual({ pluginId: 'org.example.echo' });
    const listed = (await core.client.request('plugins.overview', {})).find((p) => p.id === 'org.example.echo');
    expect(listed).toMatchObject({ source: 'installed', runtime: 'process', version: '1.0.0', installedFrom: `folder ${folder}` });
    const account = await core.client.request('accounts.add', { pluginId: 'org.example.echo', settings: { name: 'ada' } });
    await core.waitForEvent(online(account.id));

    await core.close();
    running = undefined;
    const again = await start();
    const account2 = (await again.client.request('accounts.list', {})).find((a) => a.id === account.id);
    expect(account2?.pluginId).toBe('org.example.echo');
    await again.waitForEvent(online(account.id));
  });

  it('installs a packed .tgz, updates it to a new version, and removes it once its account is gone', async () => {
    const core = await start();
    const v1 = packPlugin(writeEchoPlugin(join(work, 'v1'), { id: 'echo', version: '1.0.0' }));
    const first = await core.client.request('plugins.inspectInstall', { source: { kind: 'tarball', name: 'echo-1.0.0.tgz', dataBase64: v1.toString('base64') } });
    expect(first.source).toBe('file echo-1.0.0.tgz');
    await core.client.request('plugins.confirmInstall', { token: first.token });
    const account = await core.client.request('accounts.add', { pluginId: 'echo', settings: { name: 'ada' } });
    await core.waitForEvent(online(account.id));

    const v2 = packPlugin(writeEchoPlugin(join(work, 'v2'), { id: 'echo', version: '2.0.0' }));
    const update = await core.client.request('plugins.inspectInstall', { source: { kind: 'tarball', name: 'echo-2.0.0.tgz', dataBase64: v2.toString('base64') } });
    expect(update).toMatchObject({ version: '2.0.0', replacesVersion: '1.0.0' });
    const since = core.mark();
    await core.client.request('plugins.confirmInstall', { token: update.token });
    await core.waitForEvent(online(account.id), 15_000, since);
    const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    await core.client.request('messages.send', { conversationId: chat.id, body: 'hi' });
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === '2.0.0 echo: hi');

    expect(await refusal(core.client.request('plugins.remove', { pluginId: 'echo' }))).toBe('Echo still has an account: remove it in Accounts first.');
    expect(await refusal(core.client.request('plugins.remove', { pluginId: 'loopback' }))).toBe('Only installed plugins can be removed.');
    await core.client.request('accounts.remove', { accountId: account.id });
    await core.client.request('plugins.remove', { pluginId: 'echo' });
    expect((await core.client.request('plugins.overview', {})).map((p) => p.id)).toEqual(['loopback']);
    nothingLeft();
  });

  it('installs from the npm registry, the latest or a named version, when the tarball matches the registry\'s integrity, and refuses it when not', async () => {
    const core = await start();
    // Published as an author would: `npm pack` of the plugin's folder.
    registry?.publish('switchboard-echo', '1.2.3', npmPack(writeEchoPlugin(join(work, 'npm-1'), { id: 'echo-npm', version: '1.2.3' })));
    registry?.publish('switchboard-echo', '2.0.0', npmPack(writeEchoPlugin(join(work, 'npm-2'), { id: 'echo-npm', version: '2.0.0' })));
    const latest = await core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'switchboard-echo' } });
    expect(latest).toMatchObject({ id: 'echo-npm', version: '2.0.0', source: 'npm switchboard-echo@2.0.0' });
    await core.client.request('plugins.cancelInstall', { token: latest.token });
    nothingLeft();

    // name@version, as `npm install` takes it: the older version, installed and running.
    const named = await core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'switchboard-echo@1.2.3' } });
    expect(named).toMatchObject({ id: 'echo-npm', version: '1.2.3', source: 'npm switchboard-echo@1.2.3' });
    await core.client.request('plugins.confirmInstall', { token: named.token });
    expect((await core.client.request('plugins.overview', {})).find((p) => p.id === 'echo-npm'))
      .toMatchObject({ version: '1.2.3', runtime: 'process', installedFrom: 'npm switchboard-echo@1.2.3' });
    const account = await core.client.request('accounts.add', { pluginId: 'echo-npm', settings: { name: 'ada' } });
    await core.waitForEvent(online(account.id));
    await core.client.request('accounts.remove', { accountId: account.id });
    await core.client.request('plugins.remove', { pluginId: 'echo-npm' });

    expect(await refusal(core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'switchboard-echo@9.9.9' } })))
      .toBe('The registry has no version "9.9.9" of "switchboard-echo" (it has 1.2.3, 2.0.0).');
    expect(await refusal(core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'switchboard-echo@^1.0.0' } })))
      .toBe('"^1.0.0" is not a version of switchboard-echo: give an exact version such as 1.2.3 or a tag such as latest (ranges are not installed, so that what was shown is what runs).');
    expect(await refusal(core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'Not A Name' } })))
      .toBe('"Not A Name" is not an npm package name (write it as name or name@version).');

    // The same version now serves a tarball the registry's integrity does not describe.
    const tampered = packPlugin(writeEchoPlugin(join(work, 'evil'), { id: 'echo-npm', version: '1.2.3', name: 'Evil' }));
    registry?.publish('switchboard-echo', '1.2.3', tampered, `sha512-${Buffer.alloc(64, 1).toString('base64')}`);
    expect(await refusal(core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'switchboard-echo@1.2.3' } })))
      .toBe('The downloaded switchboard-echo@1.2.3 does not match the registry\'s integrity: it was changed on the way or on the server. Nothing was installed.');
    expect(await refusal(core.client.request('plugins.inspectInstall', { source: { kind: 'npm', name: 'no-such-plugin@1.0.0' } })))
      .toBe('The registry has no package "no-such-plugin" (HTTP 404).');
    nothingLeft();
  });

  it('refuses bad packages in words and leaves nothing behind', async () => {
    const core = await start();
    const inspect = (source: Parameters<typeof core.client.request<'plugins.inspectInstall'>>[1]['source']) =>
      refusal(core.client.request('plugins.inspectInstall', { source }));
    const tarball = (bytes: Buffer) => ({ kind: 'tarball' as const, name: 'x.tgz', dataBase64: bytes.toString('base64') });

    const good = packPlugin(writeEchoPlugin(join(work, 'good'), { id: 'fine' }));
    const corrupt = Buffer.from(good);
    corrupt.fill(0x41, 20, 200);
    expect(await inspect(tarball(corrupt))).toBe('The file is not a packed plugin (.tgz): it could not be unpacked.');
    expect(await inspect(tarball(good.subarray(0, good.length / 2)))).toBe('The file is not a packed plugin (.tgz): it could not be unpacked.');

    const future = writeEchoPlugin(join(work, 'future'), { id: 'future', apiVersion: '^9.0.0' });
    expect(await inspect({ kind: 'folder', path: future })).toMatch(/^The plugin cannot be installed: it needs plugin API "\^9\.0\.0", this Switchboard provides 0\./);

    for (const id of ['../escape', 'a/b', '..', '.hidden', 'C:\\evil', 'Upper']) {
      const dir = writeEchoPlugin(join(work, `id-${Math.random()}`), { id });
      expect(await inspect({ kind: 'folder', path: dir })).toBe(`The plugin's id ${JSON.stringify(id)} cannot name a folder: an installed plugin's id may hold only lower-case letters, digits, ".", "_" and "-".`);
    }
    expect(await inspect({ kind: 'folder', path: writeEchoPlugin(join(work, 'dup'), { id: 'loopback' }) })).toBe('A built-in plugin already has the id "loopback".');

    // A tarball whose entry climbs out of the folder (GNU tar keeps the name as given with -P).
    const climb = join(work, 'climb');
    mkdirSync(join(climb, 'package'), { recursive: true });
    writeFileSync(join(work, 'outside.js'), 'x');
    execFileSync('tar', ['-czPf', join(climb, 'x.tgz'), '-C', join(climb, 'package'), '../../outside.js']);
    expect(await inspect(tarball(execFileSync('cat', [join(climb, 'x.tgz')])))).toBe('The package holds a file outside its folder ("../../outside.js").');

    const linked = writeEchoPlugin(join(work, 'linked'), { id: 'linked' });
    symlinkSync('/etc/passwd', join(linked, 'data.txt'));
    expect(await inspect({ kind: 'folder', path: linked })).toBe(`The plugin folder holds a link (${join(linked, 'data.txt')}), which plugins may not have: a link would reach outside its sandbox.`);
    const packedLink = packPlugin(linked);
    expect(await inspect(tarball(packedLink))).toBe('The package holds a link or special file ("package/data.txt"), which plugins may not have.');

    expect(await inspect({ kind: 'folder', path: join(work, 'nowhere') })).toBe(`There is no folder ${join(work, 'nowhere')}.`);
    expect(await refusal(core.client.request('plugins.confirmInstall', { token: 'no-such-token' })))
      .toBe('This install is no longer waiting (it was cancelled or already done). Start it again.');
    nothingLeft();
  });
});
