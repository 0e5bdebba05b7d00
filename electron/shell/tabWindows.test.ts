/**
 * Tab windows in the desktop app, against a stand-in `electron` module (no Electron binary
 * here): which addresses may open one, and that it gets exactly the main window's security
 * settings.
 */
import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: unknown) {
      created.push(options);
    }
    once(): void { /* ready-to-show */ }
  },
}));

const { isTabWindowUrl, tabWindowOptions } = await import('./tabWindows.js');
const { createMainWindow } = await import('./mainWindow.js');

describe('tab windows', () => {
  it('opens only the app\'s own page with a window id', () => {
    expect(isTabWindowUrl('app://switchboard/index.html?window=3f2a-b&tabs=4,5')).toBe(true);
    expect(isTabWindowUrl('app://switchboard/index.html')).toBe(false);
    expect(isTabWindowUrl('app://switchboard/index.html?window=')).toBe(false);
    expect(isTabWindowUrl('app://switchboard/index.html?window=a%20b')).toBe(false);
    expect(isTabWindowUrl('app://switchboard/other.html?window=abc')).toBe(false);
    expect(isTabWindowUrl('app://switchboard/index.html?window=abc#x')).toBe(false);
    expect(isTabWindowUrl('app://elsewhere/index.html?window=abc')).toBe(false);
    expect(isTabWindowUrl('https://switchboard/index.html?window=abc')).toBe(false);
    expect(isTabWindowUrl('not a url')).toBe(false);
  });

  it('gives a tab window the main window\'s security settings', () => {
    createMainWindow('/app/preload.cjs');
    const main = created[0] as { webPreferences: unknown };
    expect(tabWindowOptions('/app/preload.cjs').webPreferences).toEqual(main.webPreferences);
    expect(tabWindowOptions('/app/preload.cjs').webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/preload.cjs' });
  });
});
