import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './appMenu.js';
import { closeAction } from './closeToTray.js';
import { trayImageName, trayMenuTemplate } from './trayMenu.js';
import { menuBarTitle, trayTooltip, windowTitle } from './unreadText.js';

/** What a person reads in a menu: labels (or roles), separators as '—', radio marks as '(•)'. */
function read(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.map((item) => {
    if (item.type === 'separator') return '—';
    const text = item.label ?? item.role ?? '?';
    const mark = item.type === 'radio' ? (item.checked === true ? '(•) ' : '( ) ') : '';
    return `${mark}${text}${item.enabled === false ? ' [disabled]' : ''}`;
  });
}

function click(items: readonly MenuItemConstructorOptions[], label: string): void {
  const item = items.find((entry) => entry.label === label);
  expect(item, label).toBeDefined();
  (item?.click as (() => void) | undefined)?.();
}

const actions = () => ({ setStatus: vi.fn(), toggleWindow: vi.fn(), quit: vi.fn() });

describe('the unread count outside the window', () => {
  it('reads (N) Switchboard in the title, a tooltip in words and the count in the menu bar', () => {
    expect(windowTitle(0)).toBe('Switchboard');
    expect(windowTitle(12)).toBe('(12) Switchboard');
    expect(trayTooltip(0)).toBe('Switchboard');
    expect(trayTooltip(1)).toBe('Switchboard: 1 unread message');
    expect(trayTooltip(3)).toBe('Switchboard: 3 unread messages');
    expect(menuBarTitle(0)).toBe('');
    expect(menuBarTitle(7)).toBe('7');
  });

  it('marks the tray icon while messages are unread; macOS always gets its template image', () => {
    expect(trayImageName('linux', 0)).toBe('tray');
    expect(trayImageName('win32', 2)).toBe('tray-unread');
    expect(trayImageName('darwin', 2)).toBe('trayTemplate');
  });
});

describe('the tray menu', () => {
  it('shows the unread count, the five statuses with the current one chosen, Hide and Quit', () => {
    const menu = trayMenuTemplate({ unread: 4, status: 'away', windowVisible: true }, actions());
    expect(read(menu)).toEqual([
      '4 unread messages [disabled]', '—',
      '( ) Available', '(•) Away', '( ) Busy', '( ) Invisible', '( ) Offline', '—',
      'Hide Switchboard', '—', 'Quit Switchboard',
    ]);
  });

  it('offers Show when the window is hidden, and sends the chosen status and Quit', () => {
    const chosen = actions();
    const menu = trayMenuTemplate({ unread: 0, status: 'available', windowVisible: false }, chosen);
    expect(read(menu)[0]).toBe('(•) Available');
    click(menu, 'Busy');
    click(menu, 'Show Switchboard');
    click(menu, 'Quit Switchboard');
    expect(chosen.setStatus).toHaveBeenCalledWith('busy');
    expect(chosen.toggleWindow).toHaveBeenCalledTimes(1);
    expect(chosen.quit).toHaveBeenCalledTimes(1);
  });

  it('shows the statuses disabled until a global status is plugged in', () => {
    const menu = trayMenuTemplate({ unread: 0, status: undefined, windowVisible: true }, actions());
    expect(read(menu).slice(0, 5)).toEqual(['( ) Available [disabled]', '( ) Away [disabled]', '( ) Busy [disabled]', '( ) Invisible [disabled]', '( ) Offline [disabled]']);
  });
});

describe('closing the main window', () => {
  it('hides it to the tray only when the user chose so and there is a tray; quitting always closes', () => {
    expect(closeAction({ closeToTray: true, trayShown: true, quitting: false })).toBe('hide');
    expect(closeAction({ closeToTray: false, trayShown: true, quitting: false })).toBe('close');
    expect(closeAction({ closeToTray: true, trayShown: false, quitting: false })).toBe('close');
    expect(closeAction({ closeToTray: true, trayShown: true, quitting: true })).toBe('close');
  });
});

describe('the application menu', () => {
  const menuActions = () => ({ setStatus: vi.fn(), showWindow: vi.fn(), pressKey: vi.fn() });

  it('has the standard menus and roles on Linux and Windows, the status, and no developer tools when packaged', () => {
    const menu = appMenuTemplate({ platform: 'linux', packaged: true, status: 'busy' }, menuActions());
    expect(read(menu)).toEqual(['&File', 'editMenu', '&View', '&Go', '&Status', 'windowMenu']);
    const submenu = (label: string) => menu.find((item) => (item.label ?? item.role) === label)?.submenu as MenuItemConstructorOptions[];
    expect(read(submenu('&File'))).toEqual(['quit']);
    expect(read(submenu('&View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', '—', 'togglefullscreen']);
    expect(read(submenu('&Status'))).toContain('(•) Busy');
    // The page's shortcuts, listed and left to the page; a click presses the key there.
    const go = submenu('&Go');
    expect(go.map((item) => item.type === 'separator' ? '—' : `${item.label ?? ''} ${String(item.accelerator)}`)).toEqual([
      'Switch to… CmdOrCtrl+K', 'Search messages CmdOrCtrl+F', '—', 'Next tab Ctrl+Tab', 'Previous tab Ctrl+Shift+Tab', 'Close tab CmdOrCtrl+W', '—', 'Next region F6',
    ]);
    expect(go.every((item) => item.type === 'separator' || item.registerAccelerator === false)).toBe(true);
    const actions = menuActions();
    const linux = appMenuTemplate({ platform: 'linux', packaged: true, status: 'busy' }, actions);
    const close = (linux.find((item) => item.label === '&Go')?.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'Close tab');
    close?.click?.({} as never, undefined, {});
    expect(actions.pressKey).toHaveBeenCalledWith('W', ['control']);
    expect(read(submenu('windowMenu'))).toEqual(['Show Switchboard', '—', 'minimize', 'close']);
    // Ctrl+W is the page's (it closes a conversation's tab): the window closes with Ctrl+Shift+W.
    expect(submenu('windowMenu').find((item) => item.role === 'close')?.accelerator).toBe('CmdOrCtrl+Shift+W');
  });

  it('has the app menu and macOS window roles on macOS, and the developer tools in a development build', () => {
    const menu = appMenuTemplate({ platform: 'darwin', packaged: false, status: undefined }, menuActions());
    expect(read(menu)).toEqual(['appMenu', '&File', 'editMenu', '&View', '&Go', '&Status', 'windowMenu']);
    const view = menu.find((item) => item.label === '&View')?.submenu as MenuItemConstructorOptions[];
    expect(read(view).slice(0, 2)).toEqual(['reload', 'toggleDevTools']);
    const window = menu.find((item) => item.role === 'windowMenu')?.submenu as MenuItemConstructorOptions[];
    expect(read(window)).toEqual(['Show Switchboard', '—', 'minimize', 'zoom', '—', 'front']);
    const file = menu.find((item) => item.label === '&File')?.submenu as MenuItemConstructorOptions[];
    expect(file.find((item) => item.role === 'close')?.accelerator).toBe('CmdOrCtrl+Shift+W');
  });
});
