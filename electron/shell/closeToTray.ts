/**
 * What closing the main window does. With the `closeToTray` preference on (and a tray to
 * come back from) the window only hides; otherwise it closes, and on Linux and Windows the
 * app quits with its last window (main.ts: window-all-closed). Quitting (the menu's or the
 * tray's Quit, the system logging out) always closes.
 */
export type CloseAction = 'hide' | 'close';

export interface CloseSituation {
  readonly closeToTray: boolean;
  readonly trayShown: boolean;
  readonly quitting: boolean;
}

export function closeAction(situation: CloseSituation): CloseAction {
  if (situation.quitting) return 'close';
  return situation.closeToTray && situation.trayShown ? 'hide' : 'close';
}
