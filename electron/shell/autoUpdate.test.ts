/**
 * Auto-update with a stand-in for electron-updater's autoUpdater: it checks only in a
 * packaged app with the preference on, at once and then on a timer, and follows the
 * preference when the user changes it.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../test/support/paths.js';
import { DEFAULT_PREFERENCES, type PreferenceKey, type Preferences } from '../bridge/preferences.js';
import { autoUpdaterHolder, startAutoUpdate, UPDATE_CHECK_INTERVAL_MS, type Updater } from './autoUpdate.js';

function preferencesStandIn(initial: Partial<Preferences>) {
  let current: Preferences = { ...DEFAULT_PREFERENCES, ...initial };
  const listeners = new Set<(preferences: Preferences, changed: ReadonlySet<PreferenceKey>) => void>();
  return {
    get: () => current,
    onChange: (listener: (preferences: Preferences, changed: ReadonlySet<PreferenceKey>) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch: Partial<Preferences>) {
      current = { ...current, ...patch };
      for (const listener of listeners) listener(current, new Set(Object.keys(patch) as PreferenceKey[]));
    },
  };
}

function updaterStandIn(result: () => Promise<unknown> = () => Promise.resolve(null)) {
  const errorListeners: ((error: Error) => void)[] = [];
  const updater = {
    checks: 0,
    autoInstallOnAppQuit: true,
    checkForUpdatesAndNotify: () => {
      updater.checks++;
      return result();
    },
    on: (_event: 'error', listener: (error: Error) => void) => errorListeners.push(listener),
    fail: (error: Error) => { for (const listener of errorListeners) listener(error); },
  };
  const load = vi.fn((): Promise<Updater> => Promise.resolve(updater));
  return { updater, load };
}

/** Lets the updater's loading and the check's promise settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('auto-update', () => {
  it('never loads the updater in a development build, even with the preference on', async () => {
    const { load } = updaterStandIn();
    const preferences = preferencesStandIn({ autoUpdate: true });
    startAutoUpdate({ packaged: false, preferences, loadUpdater: load, log: () => undefined });
    preferences.set({ autoUpdate: false });
    preferences.set({ autoUpdate: true });
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS * 2);
    expect(load).not.toHaveBeenCalled();
  });

  it('does not check in a packaged app while the preference is off (the default)', async () => {
    const { load, updater } = updaterStandIn();
    startAutoUpdate({ packaged: true, preferences: preferencesStandIn({}), loadUpdater: load, log: () => undefined });
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS * 2);
    expect(updater.checks).toBe(0);
    expect(load).not.toHaveBeenCalled();
  });

  it('checks at once and then every interval when on', async () => {
    const { updater } = updaterStandIn();
    const stop = startAutoUpdate({ packaged: true, preferences: preferencesStandIn({ autoUpdate: true }), loadUpdater: () => Promise.resolve(updater), log: () => undefined });
    await settle();
    expect(updater.checks).toBe(1);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(2);
    stop.stop();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(updater.checks).toBe(2);
  });

  it('follows the preference: on checks at once, off stops the checks and the install on quit', async () => {
    const { updater } = updaterStandIn();
    const preferences = preferencesStandIn({});
    startAutoUpdate({ packaged: true, preferences, loadUpdater: () => Promise.resolve(updater), log: () => undefined });
    preferences.set({ autoUpdate: true });
    await settle();
    expect(updater.checks).toBe(1);
    preferences.set({ closeToTray: true });
    await settle();
    expect(updater.checks).toBe(1);
    preferences.set({ autoUpdate: false });
    await settle();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(updater.checks).toBe(1);
  });

  it('says in words when a check fails, and checks again next time', async () => {
    let fail = true;
    const { updater } = updaterStandIn(() => (fail ? Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')) : Promise.resolve(null)));
    const log: string[] = [];
    startAutoUpdate({ packaged: true, preferences: preferencesStandIn({ autoUpdate: true }), loadUpdater: () => Promise.resolve(updater), log: (line) => log.push(line) });
    await settle();
    updater.fail(new Error('Cannot find latest-linux.yml'));
    expect(log).toEqual(['could not check for updates: net::ERR_INTERNET_DISCONNECTED', 'update check failed: Cannot find latest-linux.yml']);
    fail = false;
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(2);
    expect(log).toHaveLength(2);
  });
});

describe('finding electron-updater\'s autoUpdater', () => {
  it('finds it where Node\'s import() of the real package puts it (on `default`), without creating it', () => {
    // Plain Node, as Electron's main process imports it (Vitest's own interop would read the getter).
    const probe = `const m = await import('electron-updater');
      console.log(JSON.stringify({ named: 'autoUpdater' in m, onDefault: 'autoUpdater' in m.default }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ named: false, onDefault: true });
    const { updater } = updaterStandIn();
    const nodeShape = { default: { autoUpdater: updater } };
    expect(autoUpdaterHolder(nodeShape).autoUpdater).toBe(updater);
  });

  it('finds it on a namespace that has it by name (a bundler), and says so when there is none', () => {
    const { updater } = updaterStandIn();
    expect(autoUpdaterHolder({ autoUpdater: updater }).autoUpdater).toBe(updater);
    expect(() => autoUpdaterHolder({ default: {} })).toThrow('electron-updater has no autoUpdater');
  });
});
