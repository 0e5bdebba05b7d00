/**
 * main.ts wired against a stand-in `electron` module (there is no Electron binary here, and
 * `require('electron')` throws in plain Node): the order of startup, the window's security
 * options, the handlers that lock the app down, and the shutdown sequence.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inProcessCoreChild } from '../../test/support/coreChildStandIns.js';

type Handler = (...args: unknown[]) => unknown;

interface FakeEvent {
  readonly url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

const h = vi.hoisted(() => {
  const calls: string[] = [];
  const appHandlers = new Map<string, Handler[]>();
  const windows: { options: unknown; url: string | undefined; handlers: Map<string, Handler> }[] = [];
  const state = { lock: true, ready: Promise.resolve(), idleSeconds: 0 };
  const paths = new Map<string, string>();
  const session = {
    request: undefined as Handler | undefined,
    check: undefined as Handler | undefined,
    device: undefined as Handler | undefined,
  };
  const on = (name: string, handler: Handler): void => {
    appHandlers.set(name, [...(appHandlers.get(name) ?? []), handler]);
  };
  const core = {
    bridge: { openSession: vi.fn() }, pluginFailures: [], networkAvailable: vi.fn(), openLink: vi.fn(), close: vi.fn(() => Promise.resolve()),
    preferences: { get: () => ({ closeToTray: false, autoUpdate: false, spellcheckLanguages: 'system' }), onChange: () => () => undefined },
    unread: { get: () => 0, onChange: () => () => undefined },
    globalStatus: { get: () => 'available', set: vi.fn(), onChange: () => () => undefined },
  };
  // utilityProcess.fork's child: set below to the core process's real code run in-process.
  const coreChild = { make: (): unknown => { throw new Error('no stand-in child yet'); } };
  class BrowserWindow {
    static getAllWindows = (): unknown[] => windows;
    readonly record: { options: unknown; url: string | undefined; handlers: Map<string, Handler> };
    constructor(options: unknown) {
      this.record = { options, url: undefined, handlers: new Map() };
      windows.push(this.record);
      calls.push('new BrowserWindow');
    }
    once(name: string, handler: Handler): void {
      this.record.handlers.set(name, handler);
    }
    on(name: string, handler: Handler): void {
      this.record.handlers.set(name, handler);
    }
    webContents = { on: vi.fn() };
    setTitle = vi.fn();
    isVisible = (): boolean => true;
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    restore = vi.fn();
    focus = vi.fn();
    show = vi.fn();
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => {
        calls.push('requestSingleInstanceLock');
        return state.lock;
      },
      enableSandbox: () => calls.push('enableSandbox'),
      quit: vi.fn(() => calls.push('quit')),
      exit: vi.fn(),
      on,
      whenReady: () => {
        calls.push('whenReady');
        return state.ready;
      },
      getPath: (name: string) => paths.get(name) ?? (name === 'appData' ? '/home/user/.config' : `/home/user/.config/Switchboard-${name}`),
      setPath: (name: string, value: string) => paths.set(name, value),
      setAsDefaultProtocolClient: vi.fn(() => true),
      isPackaged: false,
      getPreferredSystemLanguages: () => ['en-US'],
      setBadgeCount: vi.fn(),
    },
    // The desktop manners (desktop.ts, tested with their own stand-in in desktop.test.ts).
    Menu: { buildFromTemplate: vi.fn(() => ({ popup: vi.fn() })), setApplicationMenu: vi.fn() },
    Tray: class {
      on = vi.fn();
      setImage = vi.fn();
      setToolTip = vi.fn();
      setTitle = vi.fn();
      setContextMenu = vi.fn();
    },
    nativeImage: { createFromPath: () => ({ setTemplateImage: vi.fn() }) },
    screen: { getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }], getPrimaryDisplay: () => ({ id: 1 }) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => calls.push('protocol.handle')),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (session.request = handler),
        setPermissionCheckHandler: (handler: Handler) => (session.check = handler),
        setDevicePermissionHandler: (handler: Handler) => (session.device = handler),
        availableSpellCheckerLanguages: ['en-US'],
        setSpellCheckerLanguages: vi.fn(),
      },
    },
    BrowserWindow,
    ipcMain: { on: vi.fn(), removeListener: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })), showErrorBox: vi.fn() },
    powerMonitor: { on: vi.fn((name: string) => calls.push(`powerMonitor.${name}`)), getSystemIdleTime: () => state.idleSeconds },
    net: { isOnline: () => true },
    utilityProcess: {
      fork: vi.fn(() => {
        calls.push('utilityProcess.fork');
        return coreChild.make();
      }),
    },
  };
  const createCore = vi.fn(() => {
    calls.push('createCore');
    return Promise.resolve(core);
  });
  return { calls, appHandlers, windows, state, paths, session, electron, createCore, core, coreChild };
});

vi.mock('electron', () => h.electron);
vi.mock('../core/createCore.js', () => ({ createCore: h.createCore }));
// The core's process runs in this one (createCore mocked above): the shell's real client
// talks to the core process's real code over structured-cloned messages.
h.coreChild.make = () => inProcessCoreChild();

function emitApp(name: string, ...args: unknown[]): void {
  for (const handler of h.appHandlers.get(name) ?? []) handler(...args);
}

function fakeEvent(url = ''): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

async function startMain(): Promise<void> {
  vi.resetModules();
  await import('./main.js');
  // Let whenReady → start → the core's process → createCore → window settle.
  await vi.waitFor(() => { expect(h.calls.includes('new BrowserWindow') || h.calls.includes('quit')).toBe(true); });
}

beforeEach(() => {
  h.calls.length = 0;
  h.appHandlers.clear();
  h.windows.length = 0;
  h.state.lock = true;
  h.paths.clear();
  h.createCore.mockClear();
  h.core.close.mockClear();
  h.core.openLink.mockClear();
  h.electron.app.quit.mockClear();
  h.electron.app.exit.mockClear();
  h.electron.dialog.showErrorBox.mockClear();
  h.electron.utilityProcess.fork.mockClear();
  h.electron.shell.openExternal.mockClear();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('main', () => {
  it('registers the privileged app scheme and sandboxing before anything else', async () => {
    await startMain();
    expect(h.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock']);
    expect(h.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }),
    ]);
  });

  it('gives the core the system\'s idle time (powerMonitor, in seconds) for auto-away', async () => {
    h.state.idleSeconds = 301;
    await startMain();
    const [options] = h.createCore.mock.calls[0] as unknown as [{ idleSource?: { idleMs(): number } }];
    // Reported to the core's process when it started, then every few seconds.
    await vi.waitFor(() => { expect(options.idleSource?.idleMs()).toBeGreaterThanOrEqual(301_000); });
    expect(options.idleSource?.idleMs()).toBeLessThan(400_000);
  });

  it('starts the core in its own process and tells the user when that process dies', async () => {
    await startMain();
    expect(h.calls.indexOf('utilityProcess.fork')).toBeLessThan(h.calls.indexOf('createCore'));
    const [entry, , options] = h.electron.utilityProcess.fork.mock.calls[0] as unknown as [string, string[], { execArgv?: string[]; env?: Record<string, string | undefined> }];
    expect(entry.replaceAll('\\', '/')).toMatch(/\/core\/coreProcess\.js$/);
    // The same V8 options as headless mode's core (coreNodeOptions.ts).
    expect(options.execArgv).toEqual(['--max-semi-space-size=8']);
    // Two malloc arenas (coreNodeOptions.ts), unless the user's environment says otherwise; the rest of it passed on.
    expect(options.env?.['MALLOC_ARENA_MAX']).toBe(process.env['MALLOC_ARENA_MAX'] ?? '2');
    expect(options.env?.['PATH']).toBe(process.env['PATH']);
    const child = h.electron.utilityProcess.fork.mock.results[0]?.value as { kill(): boolean };
    child.kill();
    await vi.waitFor(() => { expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith('Switchboard stopped', expect.stringContaining('stopped unexpectedly') as unknown); });
    expect(h.electron.app.exit).toHaveBeenCalledWith(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    h.state.lock = false;
    await startMain();
    expect(h.calls).toContain('quit');
    expect(h.calls).not.toContain('whenReady');
    expect(h.createCore).not.toHaveBeenCalled();
  });

  it('creates the core once ready and opens a locked-down window on the app scheme', async () => {
    await startMain();
    expect(h.calls.indexOf('protocol.handle')).toBeLessThan(h.calls.indexOf('createCore'));
    expect(h.createCore).toHaveBeenCalledTimes(1);
    expect(h.calls).toContain('powerMonitor.resume');
    const [options] = h.createCore.mock.calls[0] as unknown as [{ profileDir: string; downloadsDir: string; workerEntry: string; secretStore: unknown }];
    // The profile folder headless mode uses too (not Electron's default, named after package.json's "name").
    expect(options.profileDir.replaceAll('\\', '/')).toBe('/home/user/.config/Switchboard');
    expect(options.downloadsDir).toBe('/home/user/.config/Switchboard-downloads');
    // Which plugins: hostsAgree.test.ts (the same as headless mode's).
    expect(options.workerEntry.replaceAll('\\', '/')).toMatch(/\/core\/pluginWorker\.js$/);
    expect(options.secretStore).toBeDefined();
    expect(h.electron.ipcMain.on).toHaveBeenCalled();

    expect(h.windows).toHaveLength(1);
    const [window] = h.windows;
    expect(window?.url).toBe('app://switchboard/index.html');
    expect(window?.options).toMatchObject({
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        preload: expect.stringMatching(/preload\.cjs$/) as unknown,
      },
    });
  });

  it('denies web permissions except notifications for the app itself', async () => {
    await startMain();
    const granted: boolean[] = [];
    h.session.request?.(null, 'media', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://switchboard/index.html' });
    h.session.request?.(null, 'notifications', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://switchboard/index.html' });
    h.session.request?.(null, 'notifications', (ok: boolean) => granted.push(ok), { requestingUrl: 'https://evil.example/' });
    expect(granted).toEqual([false, true, false]);
    expect(h.session.check?.(null, 'geolocation', 'app://switchboard')).toBe(false);
    expect(h.session.device?.({})).toBe(false);
  });

  it('hardens every webContents: no navigation away, no windows, no webviews', async () => {
    await startMain();
    const handlers = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    const contents = {
      on: (name: string, handler: Handler) => handlers.set(name, handler),
      setWindowOpenHandler: (handler: Handler) => (openHandler = handler),
    };
    emitApp('web-contents-created', {}, contents);

    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = fakeEvent('https://evil.example/');
      handlers.get(name)?.(away);
      expect(away.defaultPrevented, name).toBe(true);
      const home = fakeEvent('app://switchboard/index.html');
      handlers.get(name)?.(home);
      expect(home.defaultPrevented, name).toBe(false);
    }
    const webview = fakeEvent();
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.defaultPrevented).toBe(true);

    expect(openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'app://switchboard/index.html' })).toEqual({ action: 'deny' });
    // A tab moved into its own window: a new window of the app, as locked down as the main one.
    expect(openHandler?.({ url: 'app://switchboard/index.html?window=w1&tabs=3' })).toMatchObject({
      action: 'allow',
      overrideBrowserWindowOptions: {
        webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: expect.stringMatching(/preload\.cjs$/) as unknown },
      },
    });
    expect(h.electron.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(h.electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('quits when the last window closes (not on macOS)', async () => {
    await startMain();
    emitApp('window-all-closed');
    expect(h.electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('closes the core before quitting', async () => {
    await startMain();
    const quitting = fakeEvent();
    emitApp('before-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    // The close goes to the core's process, which closes the core and ends.
    await vi.waitFor(() => { expect(h.electron.app.quit).toHaveBeenCalledTimes(1); });
    expect(h.core.close).toHaveBeenCalledTimes(1);
    // The second before-quit (from that app.quit) goes through.
    const again = fakeEvent();
    emitApp('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(h.core.close).toHaveBeenCalledTimes(1);
  });

  it('hands links from the command line, a second launch and open-url to the core', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'irc://irc.example.org/%23first'];
    try {
      await startMain();
    } finally {
      process.argv = argv;
    }
    expect(h.electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('irc');
    await vi.waitFor(() => { expect(h.core.openLink.mock.calls).toEqual([['irc://irc.example.org/%23first']]); });
    emitApp('second-instance', {}, ['/opt/Switchboard/switchboard', 'matrix:r/second:example.org'], '/home/user');
    const openUrl = fakeEvent();
    emitApp('open-url', openUrl, 'xmpp:third@example.org?join');
    expect(openUrl.defaultPrevented).toBe(true);
    await vi.waitFor(() => { expect(h.core.openLink.mock.calls).toHaveLength(3); });
    expect(h.core.openLink.mock.calls).toEqual([['irc://irc.example.org/%23first'], ['matrix:r/second:example.org'], ['xmpp:third@example.org?join']]);
    // The second launch still brings the window forward.
    expect(h.windows).toHaveLength(1);
  });
});
