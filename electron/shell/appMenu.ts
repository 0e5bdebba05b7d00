/**
 * The native application menu: the standard roles (so the system's shortcuts for quit,
 * close, undo, copy, paste, zoom and full screen work and read as they do in other apps),
 * the app's own items (the global status, Show Switchboard), and the developer tools only
 * in a development build. Pure: desktop.ts builds it with Electron's Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { GlobalStatus } from './globalStatus.js';
import { statusMenuItems } from './trayMenu.js';
import { APP_NAME } from './unreadText.js';

export interface AppMenuState {
  readonly platform: NodeJS.Platform;
  readonly packaged: boolean;
  readonly status: GlobalStatus | undefined;
}

export interface AppMenuActions {
  readonly setStatus: (status: GlobalStatus) => void;
  readonly showWindow: () => void;
  /** Presses a shortcut in the window's page (webContents.sendInputEvent), as the keyboard would. */
  readonly pressKey: (keyCode: string, modifiers: readonly ('control' | 'meta' | 'shift')[]) => void;
}

/**
 * The page's own shortcuts (renderer/state/shortcuts.ts), listed so that they can be found
 * and clicked. The page handles the keys itself (`registerAccelerator: false` leaves them to
 * it); a click presses the key in the page, so there is one implementation of each.
 */
function goMenu(mac: boolean, press: AppMenuActions['pressKey']): MenuItemConstructorOptions {
  const command = mac ? 'meta' : 'control';
  const item = (label: string, accelerator: string, keyCode: string, modifiers: readonly ('control' | 'meta' | 'shift')[]): MenuItemConstructorOptions =>
    ({ label, accelerator, registerAccelerator: false, click: () => press(keyCode, modifiers) });
  return {
    label: '&Go',
    submenu: [
      item('Switch to…', 'CmdOrCtrl+K', 'K', [command]),
      item('Search messages', 'CmdOrCtrl+F', 'F', [command]),
      { type: 'separator' },
      item('Next tab', 'Ctrl+Tab', 'Tab', ['control']),
      item('Previous tab', 'Ctrl+Shift+Tab', 'Tab', ['control', 'shift']),
      item('Close tab', 'CmdOrCtrl+W', 'W', [command]),
      { type: 'separator' },
      item('Next region', 'F6', 'F6', []),
    ],
  };
}

/**
 * Closing the window is Ctrl+Shift+W (Cmd+Shift+W), as in browsers: Ctrl+W (Cmd+W) is the
 * page's, where it closes the conversation's tab (renderer/state/shortcuts.ts). The role's
 * own accelerator would take the key before the page sees it and close the whole window.
 */
const closeWindow: MenuItemConstructorOptions = { role: 'close', accelerator: 'CmdOrCtrl+Shift+W' };

export function appMenuTemplate(state: AppMenuState, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const status: MenuItemConstructorOptions = { id: 'status', label: '&Status', submenu: statusMenuItems(state.status, actions.setStatus) };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(state.packaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    role: 'windowMenu',
    submenu: [
      { id: 'show-window', label: `Show ${APP_NAME}`, click: actions.showWindow },
      { type: 'separator' },
      { role: 'minimize' },
      ...(mac ? [{ role: 'zoom' }, { type: 'separator' }, { role: 'front' }] satisfies MenuItemConstructorOptions[] : [closeWindow]),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[] : []),
    { label: '&File', submenu: [mac ? closeWindow : { role: 'quit' }] },
    { role: 'editMenu' },
    view,
    goMenu(mac, actions.pressKey),
    status,
    window,
  ];
}
