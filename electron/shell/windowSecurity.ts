/**
 * Locks down every webContents and the session (Electron security checklist): no
 * navigation or redirect away from the app origin, no new windows but the app's own tab
 * windows (safe links go to the system browser), no <webview>, and web permissions denied by default.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin.js';
import { isSafeExternalUrl } from './externalLinks.js';
import { isPermissionAllowed } from './permissions.js';

export interface WebContentsHardeningOptions {
  /** Electron's `shell.openExternal`. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: (line: string) => void;
  /** The options of a window the page may open at this address (a tab moved into its own window, tabWindows.ts); undefined: none. */
  readonly appWindow?: (url: string) => BrowserWindowConstructorOptions | undefined;
}

export function hardenWebContents(contents: WebContents, options: WebContentsHardeningOptions): void {
  const { openExternal, log } = options;

  const stayOnAppOrigin = (event: { readonly url: string; preventDefault(): void }, what: string): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked ${what} to ${event.url}`);
  };
  contents.on('will-navigate', (event) => {
    stayOnAppOrigin(event, 'navigation');
  });
  contents.on('will-frame-navigate', (event) => {
    stayOnAppOrigin(event, 'frame navigation');
  });
  contents.on('will-redirect', (event) => {
    stayOnAppOrigin(event, 'redirect');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const appWindow = options.appWindow?.(url);
    if (appWindow) return { action: 'allow', overrideBrowserWindowOptions: appWindow };
    if (isSafeExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => {
        log(`could not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
      });
    } else {
      log(`blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

export function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  // USB, HID, serial and Bluetooth devices: never.
  target.setDevicePermissionHandler(() => false);
}
