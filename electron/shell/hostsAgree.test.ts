/**
 * The desktop app and headless mode start the same core: the same built-in plugins, the
 * same third-party plugins from the profile, the same profile folder and the same options.
 * Both hosts really run here (main.ts against a stand-in `electron` module, as in
 * main.test.ts, its core process's code in this process; serve.ts with its HTTP server left out) and the options each hands to
 * createCore are compared. Only what the host-startup module names as a host's own part
 * (secret store, log, downloads folder, staged uploads) may differ.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../core/createCore.js';
import type { HostParts } from '../core/hostStartup.js';
import { inProcessCoreChild } from '../../test/support/coreChildStandIns.js';

const h = vi.hoisted(() => {
  const paths = new Map<string, string>();
  const core = {
    bridge: { openSession: () => undefined }, pluginFailures: [], networkAvailable: () => undefined, close: () => Promise.resolve(),
    preferences: { get: () => ({}), onChange: () => () => undefined },
    unread: { get: () => 0, onChange: () => () => undefined },
    globalStatus: { get: () => 'available', set: () => undefined, onChange: () => () => undefined },
  };
  // utilityProcess.fork's child: set below to the core process's real code run in-process.
  const coreChild = { make: (): unknown => { throw new Error('no stand-in child yet'); } };
  class BrowserWindow {
    static getAllWindows = (): unknown[] => [];
    once(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    restore(): void {}
    focus(): void {}
    show(): void {}
  }
  const noop = (): void => undefined;
  const electron = {
    app: {
      requestSingleInstanceLock: () => true,
      enableSandbox: noop,
      quit: noop,
      exit: noop,
      on: noop,
      whenReady: () => Promise.resolve(),
      getPath: (name: string): string => {
        const value = paths.get(name);
        if (value === undefined) throw new Error(`no path ${name}`);
        return value;
      },
      setPath: (name: string, value: string) => paths.set(name, value),
      setAsDefaultProtocolClient: () => true,
    },
    protocol: { registerSchemesAsPrivileged: noop, handle: noop },
    session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, setDevicePermissionHandler: noop } },
    BrowserWindow,
    ipcMain: { on: noop, removeListener: noop },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() },
    shell: { openExternal: () => Promise.resolve() },
    dialog: { showMessageBox: () => Promise.resolve({ response: 0 }), showErrorBox: noop },
    powerMonitor: { on: noop, getSystemIdleTime: () => 0 },
    net: { isOnline: () => true },
    utilityProcess: { fork: () => coreChild.make() },
  };
  /** What each host asked for and handed to createCore, in start order. */
  const seen = { distDirs: [] as string[], coreOptions: [] as unknown[], commonDist: '' };
  const createCore = (options: unknown): Promise<typeof core> => {
    seen.coreOptions.push(options);
    return Promise.resolve(core);
  };
  return { paths, electron, seen, createCore, coreChild };
});

vi.mock('electron', () => h.electron);
vi.mock('../core/createCore.js', () => ({ createCore: h.createCore }));
// The desktop app's core runs in its own process: here its real code in this one.
h.coreChild.make = () => inProcessCoreChild();
vi.mock('../core/headless/headlessServer.js', () => ({
  startHeadlessServer: () => Promise.resolve({ url: 'http://127.0.0.1:1/', close: () => Promise.resolve() }),
}));
// Each host finds its dist/ from where its own file sits (dist/electron/main.cjs,
// dist/core/serve.js); run from source those are two folders, so the one each host names is
// recorded and both are given the same stand-in dist/ with the three built-in plugins.
vi.mock('../core/hostStartup.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/hostStartup.js')>();
  return {
    ...real,
    hostCoreOptions: (parts: HostParts) => {
      h.seen.distDirs.push(parts.distDir);
      return real.hostCoreOptions({ ...parts, distDir: h.seen.commonDist });
    },
  };
});

/** What only one host has, as HostParts names it. Everything else must be equal. */
const HOST_OWN = ['secretStore', 'log', 'downloadsDir', 'stagedFiles', 'idleSource', 'spawnSandboxed'] as const;

function shared(options: CoreOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !(HOST_OWN as readonly string[]).includes(key)));
}

const here = dirname(fileURLToPath(import.meta.url));
let root = '';
const savedEnv = { ...process.env };
const savedArgv = process.argv;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'switchboard-hosts-'));
  h.seen.distDirs.length = 0;
  h.seen.coreOptions.length = 0;
  h.seen.commonDist = join(root, 'dist');
  for (const id of ['irc', 'xmpp', 'matrix']) plugin(join(root, 'dist', 'plugins', id));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  process.env = { ...savedEnv };
  process.argv = savedArgv;
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

function plugin(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), 'export default {};\n');
}

/** Where Electron's app.getPath('appData') points on this platform, from the same variables. */
function electronAppData(): string {
  if (process.platform === 'win32') return process.env['APPDATA'] ?? '';
  if (process.platform === 'darwin') return join(process.env['HOME'] ?? '', 'Library', 'Application Support');
  return process.env['XDG_CONFIG_HOME'] ?? '';
}

async function startBothHosts(): Promise<{ electron: CoreOptions; headless: CoreOptions }> {
  process.env['HOME'] = join(root, 'home');
  process.env['XDG_CONFIG_HOME'] = join(root, 'config');
  process.env['APPDATA'] = join(root, 'appdata');
  h.paths.clear();
  h.paths.set('appData', electronAppData());
  h.paths.set('userData', join(root, 'electron-would-pick-this'));
  h.paths.set('downloads', join(root, 'Downloads'));

  vi.resetModules();
  await import('./main.js');
  await vi.waitFor(() => expect(h.seen.coreOptions).toHaveLength(1));

  // Headless mode as `npm run serve` with no options: the default profile folder.
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  process.argv = [process.argv[0] ?? 'node', 'serve.js'];
  await import('../core/headless/serve.js');
  await vi.waitFor(() => expect(h.seen.coreOptions).toHaveLength(2));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.removeListener(signal, listener);
  }
  const [electron, headless] = h.seen.coreOptions as [CoreOptions, CoreOptions];
  return { electron, headless };
}

describe('the desktop app and headless mode', () => {
  it('use the same profile folder, plugins and core options', async () => {
    // A profile both hosts find by default, with a third-party plugin and a folder that is none.
    const { PROFILE_FOLDER_NAME } = await import('../core/hostStartup.js');
    const appData = process.platform === 'win32' ? join(root, 'appdata') : process.platform === 'darwin' ? join(root, 'home', 'Library', 'Application Support') : join(root, 'config');
    const profile = join(appData, PROFILE_FOLDER_NAME);
    plugin(join(profile, 'plugins', 'thirdparty'));
    mkdirSync(join(profile, 'plugins', 'notes'), { recursive: true });

    const { electron, headless } = await startBothHosts();

    expect(electron.profileDir).toBe(profile);
    expect(headless.profileDir).toBe(profile);
    const dist = join(root, 'dist');
    expect([...electron.pluginDirs].sort()).toEqual(['irc', 'matrix', 'xmpp'].map((id) => join(dist, 'plugins', id)));
    expect(electron.installedPluginDirs).toEqual([join(profile, 'plugins', 'thirdparty')]);
    expect(electron.workerEntry).toBe(join(dist, 'core', 'pluginWorker.js'));
    expect(shared(electron)).toEqual(shared(headless));

    // What may differ: the desktop app saves files to the user's Downloads folder; headless
    // mode keeps the core's default and accepts uploads over HTTP.
    expect(electron.downloadsDir).toBe(join(root, 'Downloads'));
    expect(headless.downloadsDir).toBeUndefined();
    expect(headless.stagedFiles).toBeDefined();
    expect(electron.secretStore).toBeDefined();
    expect(headless.secretStore).toBeDefined();
  });

  it('find dist/ one folder above their own built file', async () => {
    await startBothHosts();
    // main.ts is built to dist/electron/main.cjs, serve.ts to dist/core/serve.js.
    expect(h.seen.distDirs).toEqual([resolve(here, '..'), resolve(here, '..', 'core')]);
  });
});
