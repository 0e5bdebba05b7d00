/**
 * The NotificationHost of a real window: the web Notification API (which Electron shows as
 * native notifications; its shell grants the permission to the app's own origin only) and
 * localStorage for the user's choice. Everything is looked up when used, so importing this
 * outside a browser (tests) is harmless.
 */
import { createBrowserSound } from './browserSound.js';
import type { NotificationHost } from './notificationActions.js';

const CHOICE_KEY = 'switchboard.desktopNotifications';

function notificationApi(): typeof Notification | undefined {
  return (globalThis as { Notification?: typeof Notification }).Notification;
}

export const browserNotifications: NotificationHost = {
  permission: () => notificationApi()?.permission ?? 'unsupported',
  requestPermission: () => notificationApi()?.requestPermission() ?? Promise.resolve('unsupported'),
  show: (plan, onClick) => {
    const Api = notificationApi();
    if (Api?.permission !== 'granted') return;
    const shown = new Api(plan.title, { body: plan.body, tag: plan.tag });
    shown.onclick = () => {
      onClick();
      shown.close();
    };
  },
  windowFocused: () => globalThis.document.hasFocus(),
  focusWindow: () => globalThis.focus(),
  readChoice: () => {
    try {
      return globalThis.localStorage.getItem(CHOICE_KEY) === 'on';
    } catch {
      return false; // no storage (private mode, sandboxed frame): notifications start off
    }
  },
  playSound: createBrowserSound(),
  writeChoice: (on) => {
    try {
      globalThis.localStorage.setItem(CHOICE_KEY, on ? 'on' : 'off');
    } catch {
      // no storage: the choice lasts until the window closes
    }
  },
};
