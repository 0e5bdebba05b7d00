/**
 * The desktop app's core in its own process, with a stand-in for Electron's utilityProcess:
 * `child_process.fork` of the built dist/core/coreProcess.js (the file utilityProcess.fork
 * starts in the app) with structured-clone messages, driven by the shell's real
 * coreProcessClient. What a user of the app relies on: a window's bridge session works
 * through the main process; a password typed in the app goes to the main process's
 * keychain, not into the core's profile; a preference changed in a window reaches the tray
 * and menus; a damaged database offers its repairs and the chosen one starts the core;
 * quitting ends the process cleanly; a crash of the process is reported. The real Electron
 * cannot run here (no binary), so utilityProcess itself is not exercised.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeClient } from '../../electron/bridge/client.js';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { PreferenceKey } from '../../electron/bridge/preferences.js';
import type { SecretStore } from '../../electron/core/secrets/secretStore.js';
import { connectCoreProcess, CoreStartError, type ShellCore } from '../../electron/shell/coreProcessClient.js';
import { forkedCoreChild, type ForkedCoreChild } from '../support/coreChildStandIns.js';
import { FIXTURE_PLUGINS } from '../support/inProcessCore.js';
import { repoRoot } from '../support/paths.js';

const dist = join(repoRoot, 'dist');
let child: ForkedCoreChild | undefined;
let profile = '';

afterEach(async () => {
  if (child) {
    child.kill();
    await child.exited;
  }
  child = undefined;
  rmSync(profile, { recursive: true, force: true });
});

/** The main process's keychain: the secrets as the shell keeps them. */
function keychain(): SecretStore & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (key) => Promise.resolve(entries.get(key)),
    set: (key, value) => { entries.set(key, value); return Promise.resolve(); },
    delete: (key) => { entries.delete(key); return Promise.resolve(); },
  };
}

/**
 * A profile with the "guarded" fixture plugin installed (an account with a required password).
 * guarded is built on loopback (it imports ../loopback/index.js); an installed plugin runs
 * sandboxed and may read only its own folder, so loopback goes inside it.
 */
function profileWithGuardedPlugin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-core-process-'));
  const guarded = join(dir, 'plugins', 'guarded');
  mkdirSync(join(guarded, 'loopback'), { recursive: true });
  cpSync(join(FIXTURE_PLUGINS, 'loopback', 'index.js'), join(guarded, 'loopback', 'index.js'));
  const source = readFileSync(join(FIXTURE_PLUGINS, 'guarded', 'index.js'), 'utf8');
  writeFileSync(join(guarded, 'index.js'), source.replace("from '../loopback/index.js'", "from './loopback/index.js'"));
  return dir;
}

/** A window's bridge client over the shell's endpoint, with the events it received. */
function windowClient(core: ShellCore): { client: BridgeClient; events: BridgeEvent[] } {
  const events: BridgeEvent[] = [];
  let toClient: ((frame: unknown) => void) | undefined;
  const session = core.bridge.openSession((frame) => toClient?.(frame));
  const client = new BridgeClient({
    send: (frame) => { session.receive(frame); },
    onFrame: (listener) => { toClient = listener; },
    onClose: () => undefined,
  });
  client.subscribe((batch) => events.push(...batch));
  return { client, events };
}

describe('the core in its own process (utilityProcess stand-in: child_process.fork)', () => {
  it('serves a window, keeps passwords in the main process, reports preferences, and ends cleanly on quit', async () => {
    profile = profileWithGuardedPlugin();
    child = forkedCoreChild();
    const secrets = keychain();
    const crashes: number[] = [];
    const core = await connectCoreProcess({ child, secretStore: secrets, log: () => undefined, onUnexpectedExit: (code) => crashes.push(code) })
      .start({ distDir: dist, profileDir: profile });
    expect(core.pluginFailures).toEqual([]);
    expect(core.unread.get()).toBe(0);

    const { client, events } = windowClient(core);
    const account = await client.request('accounts.add', { pluginId: 'guarded', settings: { name: 'alice', password: 'open sesame' } });
    expect(account.secretsStored).toEqual(['password']);
    await expect.poll(() => events.some((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online'), { timeout: 15_000 }).toBe(true);
    // The password went to the main process's keychain; the core's profile has no secrets file.
    expect(secrets.entries.get(`account/${account.id}/password`)).toBe('open sesame');
    // The plugin's own secrets (guarded keeps a session token) take the same way.
    expect([...secrets.entries.keys()].every((key) => key.startsWith(`account/${account.id}/`))).toBe(true);
    expect(existsSync(join(profile, 'secrets.json'))).toBe(false);

    // A preference changed in a window reaches the tray and menus in the main process.
    const heard: ReadonlySet<PreferenceKey>[] = [];
    core.preferences.onChange((_preferences, changed) => heard.push(changed));
    const before = core.preferences.get().closeToTray;
    await client.request('preferences.set', { closeToTray: !before });
    await expect.poll(() => core.preferences.get().closeToTray, { timeout: 10_000 }).toBe(!before);
    expect(heard.map((keys) => [...keys])).toEqual([['closeToTray']]);

    await core.close();
    expect(await child.exited).toBe(0);
    expect(crashes).toEqual([]);
  });

  it('offers the repairs of a damaged database and starts with the one chosen, in the same process', async () => {
    profile = profileWithGuardedPlugin();
    writeFileSync(join(profile, 'switchboard.sqlite'), 'this is not an SQLite database\n'.repeat(200));
    child = forkedCoreChild();
    const process = connectCoreProcess({ child, secretStore: keychain(), log: () => undefined, onUnexpectedExit: () => undefined });
    const failure = await process.start({ distDir: dist, profileDir: profile }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(CoreStartError);
    const { repairs, detail } = failure as CoreStartError;
    expect(detail).toContain('switchboard.sqlite');
    expect(repairs).toContain('start-fresh');

    const core = await process.start({ distDir: dist, profileDir: profile, databaseRepair: 'start-fresh' });
    const { client } = windowClient(core);
    expect(await client.request('accounts.list', {})).toEqual([]);
    await core.close();
    expect(await child.exited).toBe(0);
  });

  it('reports a crash of the core\'s process to the main process', async () => {
    profile = profileWithGuardedPlugin();
    child = forkedCoreChild();
    const crashes: number[] = [];
    await connectCoreProcess({ child, secretStore: keychain(), log: () => undefined, onUnexpectedExit: (code) => crashes.push(code) })
      .start({ distDir: dist, profileDir: profile });
    child.kill();
    await child.exited;
    await expect.poll(() => crashes.length, { timeout: 10_000 }).toBe(1);
  });
});
