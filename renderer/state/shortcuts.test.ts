import { describe, expect, it } from 'vitest';
import { movedTabs, shortcutFor, targetTab, type KeyPress } from './shortcuts.js';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps the tab, switcher, search and region keys on Linux and Windows', () => {
    expect(shortcutFor(press('Tab', { ctrlKey: true }), false)).toEqual({ kind: 'next-tab' });
    expect(shortcutFor(press('Tab', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'previous-tab' });
    expect(shortcutFor(press('PageDown', { ctrlKey: true }), false)).toEqual({ kind: 'next-tab' });
    expect(shortcutFor(press('PageUp', { ctrlKey: true }), false)).toEqual({ kind: 'previous-tab' });
    expect(shortcutFor(press('PageUp', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'move-tab', by: -1 });
    expect(shortcutFor(press('1', { altKey: true }), false)).toEqual({ kind: 'tab', index: 0 });
    expect(shortcutFor(press('9', { altKey: true }), false)).toEqual({ kind: 'tab', index: -1 });
    expect(shortcutFor(press('w', { ctrlKey: true }), false)).toEqual({ kind: 'close-tab' });
    expect(shortcutFor(press('K', { ctrlKey: true }), false)).toEqual({ kind: 'switch-to' });
    expect(shortcutFor(press('f', { ctrlKey: true }), false)).toEqual({ kind: 'search' });
    expect(shortcutFor(press('F6'), false)).toEqual({ kind: 'region', by: 1 });
    expect(shortcutFor(press('F6', { shiftKey: true }), false)).toEqual({ kind: 'region', by: -1 });
  });

  it('leaves typing alone: plain keys, AltGr (Ctrl+Alt), Shift+Ctrl+W, Option+digit on macOS', () => {
    expect(shortcutFor(press('k'), false)).toBeUndefined();
    expect(shortcutFor(press('1', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('f', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('W', { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('1', { altKey: true }), true)).toBeUndefined();
    expect(shortcutFor(press('k', { metaKey: true }), false)).toBeUndefined();
  });

  it('uses Cmd on macOS, and Ctrl+Tab there too', () => {
    expect(shortcutFor(press('k', { metaKey: true }), true)).toEqual({ kind: 'switch-to' });
    expect(shortcutFor(press('w', { metaKey: true }), true)).toEqual({ kind: 'close-tab' });
    expect(shortcutFor(press('2', { metaKey: true }), true)).toEqual({ kind: 'tab', index: 1 });
    expect(shortcutFor(press('k', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutFor(press('Tab', { ctrlKey: true }), true)).toEqual({ kind: 'next-tab' });
  });
});

describe('which tab', () => {
  it('wraps around, numbers from the left, and 9 is the last', () => {
    const tabs = [10, 20, 30];
    expect(targetTab(tabs, 30, { kind: 'next-tab' })).toBe(10);
    expect(targetTab(tabs, 10, { kind: 'previous-tab' })).toBe(30);
    expect(targetTab(tabs, null, { kind: 'next-tab' })).toBe(10);
    expect(targetTab(tabs, 10, { kind: 'tab', index: 1 })).toBe(20);
    expect(targetTab(tabs, 10, { kind: 'tab', index: 5 })).toBeUndefined();
    expect(targetTab(tabs, 10, { kind: 'tab', index: -1 })).toBe(30);
    expect(targetTab([], null, { kind: 'next-tab' })).toBeUndefined();
  });

  it('moves a tab one place, not past either end', () => {
    expect(movedTabs([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(movedTabs([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    const tabs = [1, 2, 3];
    expect(movedTabs(tabs, 3, 1)).toBe(tabs);
    expect(movedTabs(tabs, 9, 1)).toBe(tabs);
  });
});
