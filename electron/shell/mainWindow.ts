/**
 * The main window: a sandboxed, context-isolated renderer with no Node, loading the built
 * UI from the app scheme.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appOrigin.js';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 400,
    title: 'Switchboard',
    show: false,
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
      // Middle-click would open links in a new window past the window-open handler's checks.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  return window;
}

export async function loadApp(window: BrowserWindow): Promise<void> {
  await window.loadURL(APP_ENTRY_URL);
}
