/**
 * The desktop manners of the main process, wired in one place: the tray and its menu, the
 * application menu, the unread count in the title and on the badge, hiding to the tray on
 * close, the remembered window size and position, spellcheck and its context menu, and
 * auto-update. Each rule lives in its own pure module (trayMenu, appMenu, unreadText,
 * closeToTray, windowState, spellcheck, autoUpdate); this file only connects them to
 * Electron. main.ts calls startDesktop once the core runs and `manage` for each main window.
 */
import { app, Menu, nativeImage, screen, session, Tray, type BrowserWindow, type Rectangle } from 'electron';
import { chosenSpellcheckLanguages } from '../bridge/spellcheckPreference.js';
import { profileLayout } from '../core/hostLayout.js';
import type { ShellCore } from './coreProcessClient.js';
import { appMenuTemplate } from './appMenu.js';
import { autoUpdaterHolder, startAutoUpdate } from './autoUpdate.js';
import { closeAction } from './closeToTray.js';
import type { GlobalStatus, GlobalStatusControl } from './globalStatus.js';
import { contextMenuTemplate } from './spellcheck.js';
import { createTray } from './tray.js';
import type { TrayState } from './trayMenu.js';
import { windowTitle } from './unreadText.js';
import { readWindowState, rememberWindowState, windowBounds } from './windowStateFile.js';

export interface DesktopOptions {
  readonly core: Pick<ShellCore, 'preferences' | 'unread'>;
  readonly profileDir: string;
  /** dist/icons/tray. */
  readonly trayIconsDir: string;
  readonly log: (line: string) => void;
  /** The global status (globalStatus.ts); without it the Status items are disabled. */
  readonly status?: GlobalStatusControl;
  /** The main window if one is open (not destroyed). */
  readonly mainWindow: () => BrowserWindow | undefined;
  /** Opens a new main window (after the last one was closed, on macOS). */
  readonly openWindow: () => void;
}

export interface Desktop {
  /** Where a new main window opens: the remembered bounds, corrected for today's displays. */
  windowBounds(): Partial<Rectangle>;
  /** Title, close-to-tray, remembered state and context menu for a new main window. */
  manage(window: BrowserWindow): void;
  /** Brings the main window to the front: restored, shown (from the tray), focused; opened if there is none. */
  showWindow(): void;
}

export function startDesktop(options: DesktopOptions): Desktop {
  const { core, log } = options;
  const platform = process.platform;
  const stateFile = profileLayout(options.profileDir).windowStateFile;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  const showWindow = (): void => {
    const window = options.mainWindow();
    if (!window) {
      options.openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const setStatus = (status: GlobalStatus): void => {
    options.status?.set(status);
  };
  const state = (): TrayState => ({
    unread: core.unread.get(),
    status: options.status?.get(),
    windowVisible: options.mainWindow()?.isVisible() ?? false,
  });

  const tray = createTray({ Tray, Menu, createImage: (path) => nativeImage.createFromPath(path), platform, iconsDir: options.trayIconsDir, log }, state(), {
    setStatus,
    toggleWindow: () => {
      const window = options.mainWindow();
      if (window?.isVisible()) window.hide();
      else showWindow();
    },
    quit: () => {
      app.quit();
    },
  });

  const pressKey = (keyCode: string, modifiers: readonly ('control' | 'meta' | 'shift')[]): void => {
    const contents = options.mainWindow()?.webContents;
    contents?.sendInputEvent({ type: 'keyDown', keyCode, modifiers: [...modifiers] });
    contents?.sendInputEvent({ type: 'keyUp', keyCode, modifiers: [...modifiers] });
  };
  // The application menu shows only the status: rebuilt when it changes, not per message.
  let menuStatus: GlobalStatus | undefined | null = null;
  const refresh = (): void => {
    const now = state();
    tray?.update(now);
    if (now.status !== menuStatus) {
      menuStatus = now.status;
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform, packaged: app.isPackaged, status: now.status }, { setStatus, showWindow, pressKey })));
    }
    options.mainWindow()?.setTitle(windowTitle(now.unread));
    // The dock (macOS) and Unity-style launchers (Linux); Windows has no badge count.
    if (platform !== 'win32') app.setBadgeCount(now.unread);
  };
  core.unread.onChange(refresh);
  options.status?.onChange(refresh);
  refresh();

  if (platform !== 'darwin') {
    // Settings' choice, applied at start and whenever it changes (every window shares the default session).
    const applySpellcheck = (): void => {
      const languages = chosenSpellcheckLanguages(core.preferences.get().spellcheckLanguages, app.getPreferredSystemLanguages(),
        session.defaultSession.availableSpellCheckerLanguages);
      session.defaultSession.setSpellCheckerLanguages(languages);
    };
    applySpellcheck();
    core.preferences.onChange((_preferences, changed) => {
      if (changed.has('spellcheckLanguages')) applySpellcheck();
    });
  }

  startAutoUpdate({
    packaged: app.isPackaged,
    preferences: core.preferences,
    loadUpdater: async () => autoUpdaterHolder(await import('electron-updater')).autoUpdater,
    log,
  });

  let maximizeNext = false;
  return {
    showWindow,
    windowBounds: () => {
      const remembered = readWindowState(stateFile, screen);
      maximizeNext = remembered.maximized;
      return windowBounds(remembered);
    },
    manage: (window) => {
      // The page's <title> would replace the count.
      window.on('page-title-updated', (event) => {
        event.preventDefault();
      });
      window.setTitle(windowTitle(core.unread.get()));
      if (maximizeNext) window.once('ready-to-show', () => { window.maximize(); });
      rememberWindowState(window, stateFile, log);
      window.on('close', (event) => {
        if (closeAction({ closeToTray: core.preferences.get().closeToTray, trayShown: tray !== undefined, quitting }) === 'hide') {
          event.preventDefault();
          window.hide();
        }
      });
      window.on('show', refresh);
      window.on('hide', refresh);
      window.webContents.on('context-menu', (_event, params) => {
        const template = contextMenuTemplate(params, {
          replaceMisspelling: (word) => { window.webContents.replaceMisspelling(word); },
          addToDictionary: (word) => { window.webContents.session.addWordToSpellCheckerDictionary(word); },
        });
        if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
      });
    },
  };
}
