/**
 * Windows a tab was moved into ("Move to new window", renderer/bridge/windowLink.ts). The
 * page opens `app://switchboard/index.html?window=<id>&tabs=<ids>` with window.open; the
 * window-open handler (windowSecurity.ts) lets exactly such an address through, as a new
 * BrowserWindow with the main window's security settings (sandboxed, context-isolated, no
 * Node, the same preload: written out as in mainWindow.ts, where Electronegativity reads
 * them, and compared with those by tabWindows.test.ts); the app scheme serves every page with the same CSP
 * (securityHeaders.ts), and every webContents is hardened alike (main.ts). The IPC transport
 * opens one bridge session per webContents, so the new window has its own.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { TAB_WINDOW_ID, TAB_WINDOW_PARAM } from '../bridge/tabWindow.js';
import { APP_ENTRY_URL, isAppUrl } from './appOrigin.js';
import { MIN_WINDOW_SIZE } from './windowState.js';

/** True only for the app's own page asking to be a tab window. */
export function isTabWindowUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  const entry = new URL(APP_ENTRY_URL);
  return parsed.pathname === entry.pathname && parsed.hash === '' && TAB_WINDOW_ID.test(parsed.searchParams.get(TAB_WINDOW_PARAM) ?? '');
}

export function tabWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 960,
    height: 720,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Switchboard',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  };
}
