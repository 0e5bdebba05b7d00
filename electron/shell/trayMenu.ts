/**
 * What the tray (Linux, Windows) or menu bar item (macOS) shows, from the app's state: the
 * image, the unread line, the global status as radio items, Show/Hide and Quit. Pure: the
 * glue in tray.ts builds Electron's Menu from it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { GLOBAL_STATUSES, GLOBAL_STATUS_LABELS, type GlobalStatus } from './globalStatus.js';
import { APP_NAME } from './unreadText.js';

export interface TrayState {
  readonly unread: number;
  /** Absent until the global status is plugged in (globalStatus.ts). */
  readonly status: GlobalStatus | undefined;
  readonly windowVisible: boolean;
}

export interface TrayActions {
  readonly setStatus: (status: GlobalStatus) => void;
  readonly toggleWindow: () => void;
  readonly quit: () => void;
}

/** The image file (dist/icons/tray/<name>.png, @2x beside it): macOS wants a template image it recolours. */
export function trayImageName(platform: NodeJS.Platform, unread: number): 'trayTemplate' | 'tray' | 'tray-unread' {
  if (platform === 'darwin') return 'trayTemplate';
  return unread > 0 ? 'tray-unread' : 'tray';
}

/** The five statuses as radio items (the tray and the application menu share them). */
export function statusMenuItems(status: GlobalStatus | undefined, setStatus: (status: GlobalStatus) => void): MenuItemConstructorOptions[] {
  return GLOBAL_STATUSES.map((choice) => ({
    id: `status-${choice}`,
    label: GLOBAL_STATUS_LABELS[choice],
    type: 'radio',
    checked: choice === status,
    enabled: status !== undefined,
    click: () => {
      setStatus(choice);
    },
  }));
}

export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const unreadLine: MenuItemConstructorOptions[] = state.unread > 0
    ? [{ id: 'unread', label: `${state.unread} unread ${state.unread === 1 ? 'message' : 'messages'}`, enabled: false }, { type: 'separator' }]
    : [];
  return [
    ...unreadLine,
    ...statusMenuItems(state.status, actions.setStatus),
    { type: 'separator' },
    { id: 'toggle-window', label: state.windowVisible ? `Hide ${APP_NAME}` : `Show ${APP_NAME}`, click: actions.toggleWindow },
    { type: 'separator' },
    { id: 'quit', label: `Quit ${APP_NAME}`, click: actions.quit },
  ];
}

