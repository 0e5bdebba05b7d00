/**
 * The main window: a sandboxed, context-isolated renderer with no Node, loading the built
 * UI from the app scheme.
 */
import { BrowserWindow, type Rectangle } from 'electron';
import { APP_ENTRY_URL } from './appOrigin.js';
import { DEFAULT_WINDOW_STATE, MIN_WINDOW_SIZE } from './windowState.js';

/** `bounds`: where the window opens (desktop.ts remembers it per profile); default centred. */
export function createMainWindow(preloadPath: string, bounds: Partial<Rectangle> = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: DEFAULT_WINDOW_STATE.width,
    height: DEFAULT_WINDOW_STATE.height,
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
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
