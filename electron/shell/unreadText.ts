/** How the unread total (core.unread, one rule in the store) reads outside the window. */

export const APP_NAME = 'Switchboard';

/** The window title: `(N) Switchboard`, as mail and chat apps put it, so it shows in task bars. */
export function windowTitle(unread: number): string {
  return unread > 0 ? `(${unread}) ${APP_NAME}` : APP_NAME;
}

/** The tray's tooltip. */
export function trayTooltip(unread: number): string {
  if (unread <= 0) return APP_NAME;
  return `${APP_NAME}: ${unread} unread ${unread === 1 ? 'message' : 'messages'}`;
}

/** The macOS menu bar's text next to the icon (the count, or nothing). */
export function menuBarTitle(unread: number): string {
  return unread > 0 ? String(unread) : '';
}
