/**
 * desktop.ts against a stand-in `electron` (there is no Electron binary here): the tray and
 * its menu, the title and badge following the core's unread total, hiding to the tray on
 * close, the remembered window, spellcheck and its context menu, and the updater.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES, type PreferenceKey, type Preferences } from '../bridge/preferences.js';
import type { GlobalStatus } from './globalStatus.js';

type Handler = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const appHandlers = new Map<string, Handler[]>();
  const menus: { template: MenuItemConstructorOptions[]; popups: number }[] = [];
  const trays: { image: string; tooltip: string; title: string; menu: MenuItemConstructorOptions[]; handlers: Map<string, Handler> }[] = [];
  const image = (path: string) => ({ path, setTemplateImage: () => undefined });
  const updater = { checks: 0, autoInstallOnAppQuit: true, checkForUpdatesAndNotify: () => { updater.checks++; return Promise.resolve(null); }, on: () => undefined };
  const electron = {
    app: {
      on: (name: string, handler: Handler) => appHandlers.set(name, [...(appHandlers.get(name) ?? []), handler]),
      quit: vi.fn(),
      isPackaged: false,
      setBadgeCount: vi.fn(),
      getPreferredSystemLanguages: () => ['de-AT', 'en-GB'],
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
        const menu = { template, popups: 0, popup: () => { menu.popups++; } };
        menus.push(menu);
        return menu;
      },
      setApplicationMenu: vi.fn(),
    },
    Tray: class {
      readonly record = { image: '', tooltip: '', title: '', menu: [] as MenuItemConstructorOptions[], handlers: new Map<string, Handler>() };
      constructor(first: { path: string }) {
        this.record.image = first.path;
        trays.push(this.record);
      }
      on(name: string, handler: Handler): void { this.record.handlers.set(name, handler); }
      setImage(next: { path: string }): void { this.record.image = next.path; }
      setToolTip(text: string): void { this.record.tooltip = text; }
      setTitle(text: string): void { this.record.title = text; }
      setContextMenu(menu: { template: MenuItemConstructorOptions[] }): void { this.record.menu = menu.template; }
      destroy(): void {}
    },
    nativeImage: { createFromPath: image },
    screen: {
      getAllDisplays: () => [{ id: 7, workArea: { x: 0, y: 0, width: 1440, height: 870 } }],
      getPrimaryDisplay: () => ({ id: 7 }),
    },
    session: { defaultSession: { availableSpellCheckerLanguages: ['de-DE', 'en-GB', 'en-US'], setSpellCheckerLanguages: vi.fn() } },
  };
  return { appHandlers, menus, trays, electron, updater, loadedUpdater: vi.fn() };
});

vi.mock('electron', () => h.electron);
vi.mock('electron-updater', () => {
  h.loadedUpdater();
  return { autoUpdater: h.updater };
});

const { startDesktop } = await import('./desktop.js');

/** A main window as far as desktop.ts uses it. */
function standInWindow() {
  const handlers = new Map<string, Handler[]>();
  const contentsHandlers = new Map<string, Handler>();
  const state = { visible: true, title: '', maximized: false, minimized: false };
  const window = {
    state,
    on: (name: string, handler: Handler) => handlers.set(name, [...(handlers.get(name) ?? []), handler]),
    once: (name: string, handler: Handler) => handlers.set(name, [...(handlers.get(name) ?? []), handler]),
    setTitle: (title: string) => { state.title = title; },
    isVisible: () => state.visible,
    isMinimized: () => state.minimized,
    isMaximized: () => state.maximized,
    isDestroyed: () => false,
    getNormalBounds: () => ({ x: 100, y: 50, width: 1000, height: 700 }),
    hide: () => { state.visible = false; for (const handler of handlers.get('hide') ?? []) handler(); },
    show: () => { state.visible = true; for (const handler of handlers.get('show') ?? []) handler(); },
    restore: () => { state.minimized = false; },
    focus: vi.fn(),
    maximize: () => { state.maximized = true; },
    webContents: {
      on: (name: string, handler: Handler) => contentsHandlers.set(name, handler),
      replaceMisspelling: vi.fn(),
      session: { addWordToSpellCheckerDictionary: vi.fn() },
    },
  };
  const emit = (name: string, ...args: unknown[]): void => { for (const handler of handlers.get(name) ?? []) handler(...args); };
  const closeEvent = () => {
    const event = { prevented: false, preventDefault() { event.prevented = true; } };
    emit('close', event);
    return event.prevented;
  };
  return { window, emit, closeEvent, contentsHandlers, asWindow: window as unknown as BrowserWindow };
}

function coreStandIn(preferences: Partial<Preferences> = {}) {
  let unread = 0;
  const unreadListeners: ((total: number) => void)[] = [];
  let current: Preferences = { ...DEFAULT_PREFERENCES, ...preferences };
  const preferenceListeners: ((next: Preferences, changed: ReadonlySet<PreferenceKey>) => void)[] = [];
  return {
    core: {
      unread: { get: () => unread, onChange: (listener: (total: number) => void) => { unreadListeners.push(listener); return () => undefined; } },
      preferences: {
        get: () => current,
        onChange: (listener: (next: Preferences, changed: ReadonlySet<PreferenceKey>) => void) => { preferenceListeners.push(listener); return () => undefined; },
      },
    },
    setUnread(total: number) { unread = total; for (const listener of unreadListeners) listener(total); },
    /** As the core announces a change: the new preferences and the keys that changed. */
    setPreferences(patch: Partial<Preferences>) {
      current = { ...current, ...patch };
      for (const listener of preferenceListeners) listener(current, new Set(Object.keys(patch) as PreferenceKey[]));
    },
  };
}

function statusStandIn(initial: GlobalStatus) {
  let status = initial;
  const listeners: ((next: GlobalStatus) => void)[] = [];
  return {
    get: () => status,
    set: vi.fn((next: GlobalStatus) => { status = next; for (const listener of listeners) listener(next); }),
    onChange: (listener: (next: GlobalStatus) => void) => { listeners.push(listener); return () => undefined; },
  };
}

let profileDir = '';
beforeEach(() => {
  profileDir = mkdtempSync(join(tmpdir(), 'switchboard-desktop-'));
  h.appHandlers.clear();
  h.menus.length = 0;
  h.trays.length = 0;
  h.electron.app.isPackaged = false;
  h.electron.app.quit.mockClear();
  h.electron.app.setBadgeCount.mockClear();
  h.electron.Menu.setApplicationMenu.mockClear();
  h.loadedUpdater.mockClear();
  h.updater.checks = 0;
});
afterEach(() => {
  rmSync(profileDir, { recursive: true, force: true });
});

function start(options: { core: ReturnType<typeof coreStandIn>['core']; status?: ReturnType<typeof statusStandIn> }) {
  const win = standInWindow();
  let open: typeof win | undefined = win;
  const desktop = startDesktop({
    core: options.core, profileDir, trayIconsDir: '/app/dist/icons/tray', log: () => undefined,
    ...(options.status ? { status: options.status } : {}),
    mainWindow: () => open?.asWindow,
    openWindow: () => { open = win; },
  });
  desktop.manage(win.asWindow);
  const tray = h.trays[0];
  if (!tray) throw new Error('no tray');
  const trayItem = (label: string) => {
    const item = tray.menu.find((entry) => entry.label === label);
    if (!item) throw new Error(`no "${label}" in the tray menu: ${tray.menu.map((entry) => entry.label ?? entry.type).join(', ')}`);
    return item;
  };
  const clickTray = (label: string) => (trayItem(label).click as () => void)();
  return { desktop, win, tray, trayItem, clickTray, closeWindow: () => { open = undefined; } };
}

describe('the desktop shell with a stand-in Electron', () => {
  it('shows the core\'s unread total in the title, on the badge and in the tray, and follows it', () => {
    const scene = coreStandIn();
    const { win, tray } = start({ core: scene.core });
    expect(win.window.state.title).toBe('Switchboard');
    expect(tray.image).toMatch(/tray\.png$/);
    expect(h.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    scene.setUnread(3);
    expect(win.window.state.title).toBe('(3) Switchboard');
    expect(tray.tooltip).toBe('Switchboard: 3 unread messages');
    expect(tray.menu[0]?.label).toBe('3 unread messages');
    if (process.platform !== 'darwin') expect(tray.image).toMatch(/tray-unread\.png$/);
    if (process.platform !== 'win32') expect(h.electron.app.setBadgeCount).toHaveBeenLastCalledWith(3);
    scene.setUnread(0);
    expect(win.window.state.title).toBe('Switchboard');
    // The application menu has no count: not rebuilt for each message.
    expect(h.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    // The page's own <title> never replaces it.
    const titleEvent = { prevented: false, preventDefault() { titleEvent.prevented = true; } };
    win.emit('page-title-updated', titleEvent, 'Switchboard');
    expect(titleEvent.prevented).toBe(true);
  });

  it('hides the window to the tray on close when the user chose so, else lets it close; Quit always closes', () => {
    const scene = coreStandIn();
    const { win, clickTray, tray } = start({ core: scene.core });
    expect(win.closeEvent()).toBe(false);
    scene.setPreferences({ closeToTray: true });
    expect(win.closeEvent()).toBe(true);
    expect(win.window.state.visible).toBe(false);
    expect(tray.menu.some((item) => item.label === 'Show Switchboard')).toBe(true);
    clickTray('Show Switchboard');
    expect(win.window.state.visible).toBe(true);
    clickTray('Quit Switchboard');
    expect(h.electron.app.quit).toHaveBeenCalledTimes(1);
    for (const handler of h.appHandlers.get('before-quit') ?? []) handler({ preventDefault: () => undefined });
    expect(win.closeEvent()).toBe(false);
  });

  it('sends the status chosen in the tray to the global status and shows it chosen, in the tray and the menu', () => {
    const status = statusStandIn('available');
    const { tray, clickTray, trayItem } = start({ core: coreStandIn().core, status });
    expect(trayItem('Available').checked).toBe(true);
    clickTray('Away');
    expect(status.set).toHaveBeenCalledWith('away');
    expect(trayItem('Away').checked).toBe(true);
    expect(tray.menu.filter((item) => item.checked === true)).toHaveLength(1);
    const appMenu = h.electron.Menu.setApplicationMenu.mock.calls.at(-1)?.[0] as unknown as { template: MenuItemConstructorOptions[] };
    const statusMenu = appMenu.template.find((item) => item.label === '&Status')?.submenu as MenuItemConstructorOptions[];
    expect(statusMenu.find((item) => item.checked === true)?.label).toBe('Away');
  });

  it('opens the window where it was, corrected for today\'s screen, and maximized if it was', () => {
    writeFileSync(join(profileDir, 'window-state.json'), JSON.stringify({ x: 2000, y: 100, width: 1000, height: 700, maximized: true }));
    const { desktop, win } = start({ core: coreStandIn().core });
    // The monitor it was on is gone: centred on the one there is.
    expect(desktop.windowBounds()).toEqual({ x: 220, y: 85, width: 1000, height: 700 });
    const next = standInWindow();
    desktop.manage(next.asWindow);
    next.emit('ready-to-show');
    expect(next.window.state.maximized).toBe(true);
    win.emit('close', { preventDefault: () => undefined });
    expect(JSON.parse(readFileSync(join(profileDir, 'window-state.json'), 'utf8'))).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false });
  });

  it('spellchecks in the system\'s languages and offers the suggestions on a right click', () => {
    const { win } = start({ core: coreStandIn().core });
    if (process.platform !== 'darwin') expect(h.electron.session.defaultSession.setSpellCheckerLanguages).toHaveBeenLastCalledWith(['de-DE', 'en-GB']);
    const flags = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: true, canSelectAll: true };
    win.contentsHandlers.get('context-menu')?.({}, { isEditable: true, misspelledWord: 'Grüse', dictionarySuggestions: ['Grüße'], selectionText: '', editFlags: flags });
    const menu = h.menus.at(-1);
    expect(menu?.popups).toBe(1);
    expect(menu?.template[0]?.label).toBe('Grüße');
    (menu?.template[0]?.click as () => void)();
    expect(win.window.webContents.replaceMisspelling).toHaveBeenCalledWith('Grüße');
  });

  it('spellchecks in the languages chosen in Settings, starting with them and following each change', () => {
    if (process.platform === 'darwin') return; // macOS's own spellchecker follows the system; Electron ignores the list there
    const setLanguages = h.electron.session.defaultSession.setSpellCheckerLanguages;
    const scene = coreStandIn({ spellcheckLanguages: ['en-US'] });
    start({ core: scene.core });
    expect(setLanguages).toHaveBeenLastCalledWith(['en-US']);
    // In the order listed; German by its language (de → de-DE).
    scene.setPreferences({ spellcheckLanguages: ['en-GB', 'de'] });
    expect(setLanguages).toHaveBeenLastCalledWith(['en-GB', 'de-DE']);
    const calls = setLanguages.mock.calls.length;
    scene.setPreferences({ closeToTray: true });
    expect(setLanguages).toHaveBeenCalledTimes(calls);
    // Back to the system's languages (de-AT, en-GB).
    scene.setPreferences({ spellcheckLanguages: 'system' });
    expect(setLanguages).toHaveBeenLastCalledWith(['de-DE', 'en-GB']);
  });

  it('never loads the updater in a development build; a packaged one checks when the user opted in', async () => {
    start({ core: coreStandIn({ autoUpdate: true }).core });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.loadedUpdater).not.toHaveBeenCalled();
    h.electron.app.isPackaged = true;
    start({ core: coreStandIn({ autoUpdate: true }).core });
    await vi.waitFor(() => { expect(h.updater.checks).toBe(1); });
  });
});
