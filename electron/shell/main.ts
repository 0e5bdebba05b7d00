/**
 * The Electron main process: the one composition root of the desktop app. It hardens
 * Electron, starts the core in its own process (a utilityProcess running
 * dist/core/coreProcess.js, the same createCore headless mode runs), and connects windows to
 * it over IPC. The main process keeps windows, tray, menus, protocol handlers and the
 * keychain, and never opens the database (eslint's layers/shell-imports and
 * mainBundle.test.ts keep it so): a long query cannot freeze a window or the tray.
 * Bundled by the build to dist/electron/main.cjs (CommonJS, so `__dirname` is
 * dist/electron); the preload is dist/electron/preload.cjs, the renderer dist/renderer/.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, powerMonitor, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import { PROFILE_FOLDER_NAME, distLayout, profileLayout } from '../core/hostLayout.js';
import { CORE_ENVIRONMENT, CORE_NODE_OPTIONS } from '../core/process/coreNodeOptions.js';
import { connectCoreProcess } from './coreProcessClient.js';
import { registerAppScheme, serveAppScheme } from './appProtocol.js';
import { startIpcTransport } from './ipcTransport.js';
import { startCoreAsking } from './startupProblems.js';
import { createMainWindow, loadApp } from './mainWindow.js';
import { startDesktop } from './desktop.js';
import { routeLinks, type LinkRouter } from './linkRouting.js';
import { watchOnlineTransitions } from './networkWatch.js';
import { systemIdleSource } from './systemIdle.js';
import { createSafeStorageSecretStore } from './safeStorageSecretStore.js';
import { hardenSession, hardenWebContents } from './windowSecurity.js';
import { isTabWindowUrl, tabWindowOptions } from './tabWindows.js';

// This file is built to dist/electron/main.cjs: the build's output folder is the one above.
const distDir = path.join(__dirname, '..');
const paths = {
  preload: path.join(__dirname, 'preload.cjs'),
  renderer: distLayout(distDir).rendererDir,
  trayIcons: path.join(distDir, 'icons', 'tray'),
};

function log(line: string): void {
  console.error(`[switchboard] ${line}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function start(links: LinkRouter): Promise<void> {
  hardenSession(session.defaultSession);
  serveAppScheme(protocol, paths.renderer, log);

  const profileDir = app.getPath('userData');
  const secretStore = createSafeStorageSecretStore({ filePath: profileLayout(profileDir).secretsFile, safeStorage });
  // Saved attachments go where the user's other downloads go, as in a browser.
  const downloadsDir = app.getPath('downloads');
  const child = utilityProcess.fork(distLayout(distDir).coreProcessEntry, [], {
    serviceName: 'Switchboard core', execArgv: [...CORE_NODE_OPTIONS], env: { ...CORE_ENVIRONMENT, ...process.env },
  });
  const coreProcess = connectCoreProcess({
    child, secretStore, log, idleMs: () => systemIdleSource(powerMonitor).idleMs(),
    onUnexpectedExit: (code) => {
      dialog.showErrorBox('Switchboard stopped', `The part of Switchboard that keeps your accounts and history stopped unexpectedly (exit code ${code}). Start Switchboard again; messages waiting to be sent are kept.`);
      app.exit(1);
    },
  });
  const core = await startCoreAsking(
    (databaseRepair) => coreProcess.start({ distDir, profileDir, downloadsDir, ...(databaseRepair ? { databaseRepair } : {}) }),
    dialog,
  );
  if (!core) {
    child.kill();
    app.exit(1);
    return;
  }
  for (const failure of core.pluginFailures) log(`plugin ${failure.dir} not loaded: ${failure.reason}`);
  links.deliverTo((uri) => core.openLink(uri));
  const transport = startIpcTransport({ ipcMain, bridge: core.bridge, log });
  // Waking from sleep usually means a new network: retry at once rather than after the backoff.
  powerMonitor.on('resume', () => core.networkAvailable());
  powerMonitor.on('unlock-screen', () => core.networkAvailable());
  watchOnlineTransitions(() => net.isOnline(), () => core.networkAvailable());

  let mainWindow: BrowserWindow | undefined;
  // Tray, menus, title and badge, close to tray, window state, spellcheck, updates.
  const desktop = startDesktop({
    core, profileDir, trayIconsDir: paths.trayIcons, log, status: core.globalStatus,
    mainWindow: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined),
    openWindow: () => { mainWindow = openWindow(); },
  });
  const openWindow = (): BrowserWindow => {
    const window = createMainWindow(paths.preload, desktop.windowBounds());
    desktop.manage(window);
    loadApp(window).catch((error: unknown) => {
      log(`could not load the UI: ${describe(error)}`);
    });
    return window;
  };
  mainWindow = openWindow();

  // Opened again (a second instance), or macOS's dock icon clicked: the window, even if it
  // was hidden to the tray or closed.
  app.on('second-instance', () => {
    desktop.showWindow();
  });
  app.on('activate', () => {
    desktop.showWindow();
  });

  // Close the core (flush the outbox and store, disconnect accounts) before quitting.
  let coreClosed = false;
  app.on('before-quit', (event) => {
    if (coreClosed) return;
    event.preventDefault();
    coreClosed = true;
    transport.close('Switchboard is quitting');
    core
      .close()
      .catch((error: unknown) => {
        log(`core did not close cleanly: ${describe(error)}`);
      })
      .finally(() => {
        app.quit();
      });
  });
}

function main(): void {
  // Before anything else: the scheme must be privileged before `ready`, and every
  // renderer sandboxed even if some window forgot to ask.
  registerAppScheme();
  app.enableSandbox();
  // The profile folder headless mode uses too (Electron would name it after package.json's
  // lower-case "name"). Before the single-instance lock, which lives in it.
  app.setPath('userData', path.join(app.getPath('appData'), PROFILE_FOLDER_NAME));

  if (!app.requestSingleInstanceLock()) {
    // Another Switchboard owns this profile (and its database); it gets `second-instance`.
    app.quit();
    return;
  }

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: (url) => shell.openExternal(url), log,
      appWindow: (url) => (isTabWindowUrl(url) ? tabWindowOptions(paths.preload) : undefined),
    });
  });
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the user quits.
    if (process.platform !== 'darwin') app.quit();
  });

  const links = routeLinks(app, process);
  app
    .whenReady()
    .then(() => start(links))
    .catch((error: unknown) => {
      log(`startup failed: ${describe(error)}`);
      app.exit(1);
    });
}

main();
