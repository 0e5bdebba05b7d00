/**
 * The address of a window a tab was moved into ("Move to new window"): the app's page with
 * `?window=<id>&tabs=<conversation ids>`. The renderer makes and reads it
 * (renderer/state/windowPlace.ts); the desktop app's window-open handler lets exactly such
 * an address open a new window (electron/shell/tabWindows.ts).
 */
export const TAB_WINDOW_PARAM = 'window';
export const TAB_WINDOW_TABS_PARAM = 'tabs';
export const TAB_WINDOW_ID = /^[A-Za-z0-9_-]{1,64}$/;
