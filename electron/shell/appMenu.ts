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
    status,
    window,
  ];
}
