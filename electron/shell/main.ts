/**
 * The Electron main process: the one composition root of the desktop app. It hardens
 * Electron, creates the core (createCore), and connects windows to it over IPC. Bundled by
 * the build to dist/electron/main.cjs (CommonJS, so `__dirname` is dist/electron); the
 * preload is dist/electron/preload.cjs, the renderer dist/renderer/, the plugin worker
 * dist/core/pluginWorker.js, the built-in plugins dist/plugins/<id>/index.js.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { createCore } from '../core/createCore.js';
import { PROFILE_FOLDER_NAME, distLayout, hostCoreOptions, profileLayout } from '../core/hostStartup.js';
import { registerAppScheme, serveAppScheme } from './appProtocol.js';
import { startIpcTransport } from './ipcTransport.js';
import { startCoreAsking } from './startupProblems.js';
import { createMainWindow, loadApp } from './mainWindow.js';
import { watchOnlineTransitions } from './networkWatch.js';
import { systemIdleSource } from './systemIdle.js';
import { createSafeStorageSecretStore } from './safeStorageSecretStore.js';
import { hardenSession, hardenWebContents } from './windowSecurity.js';

// This file is built to dist/electron/main.cjs: the build's output folder is the one above.
const distDir = path.join(__dirname, '..');
const paths = {
  preload: path.join(__dirname, 'preload.cjs'),
  renderer: distLayout(distDir).rendererDir,
};

function log(line: string): void {
  console.error(`[switchboard] ${line}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveAppScheme(protocol, paths.renderer, log);

  const profileDir = app.getPath('userData');
  const secretStore = createSafeStorageSecretStore({ filePath: profileLayout(profileDir).secretsFile, safeStorage });
  // Saved attachments go where the user's other downloads go, as in a browser.
  const downloadsDir = app.getPath('downloads');
  const core = await startCoreAsking(
    (databaseRepair) => createCore(hostCoreOptions({
      distDir, profileDir, secretStore, log, downloadsDir, idleSource: systemIdleSource(powerMonitor), ...(databaseRepair ? { databaseRepair } : {}),
    })),
    dialog,
    profileDir,
  );
  if (!core) {
    app.exit(1);
    return;
  }
  for (const failure of core.pluginFailures) log(`plugin ${failure.dir} not loaded: ${failure.reason}`);
  const transport = startIpcTransport({ ipcMain, bridge: core.bridge, log });
  // Waking from sleep usually means a new network: retry at once rather than after the backoff.
  powerMonitor.on('resume', () => core.networkAvailable());
  powerMonitor.on('unlock-screen', () => core.networkAvailable());
  watchOnlineTransitions(() => net.isOnline(), () => core.networkAvailable());

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow(paths.preload);
    loadApp(window).catch((error: unknown) => {
      log(`could not load the UI: ${describe(error)}`);
    });
    return window;
  };
  let mainWindow: BrowserWindow | undefined = openWindow();

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
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
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url), log });
  });
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the user quits.
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(`startup failed: ${describe(error)}`);
      app.exit(1);
    });
}

main();
