import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { rootAppearance, shownTheme, startAppearance, type AppearanceRoot, type ColourSchemeQuery } from './appearance.js';
import { createPreferencesStore } from './preferences.js';

function fakeRoot(): AppearanceRoot {
  return { dataset: {}, style: { colorScheme: '', fontSize: '' } };
}

/** A stand-in for matchMedia('(prefers-color-scheme: dark)') whose answer the test flips. */
function fakeQuery(dark: boolean): ColourSchemeQuery & { flip(dark: boolean): void } {
  const listeners = new Set<() => void>();
  const query = {
    matches: dark,
    addEventListener: (_type: 'change', listener: () => void) => { listeners.add(listener); },
    removeEventListener: (_type: 'change', listener: () => void) => { listeners.delete(listener); },
    flip: (next: boolean) => {
      query.matches = next;
      for (const listener of listeners) listener();
    },
  };
  return query;
}

describe('the Appearance settings on the page', () => {
  it('shows the chosen theme, or the system’s for System', () => {
    expect(shownTheme('dark', false)).toBe('dark');
    expect(shownTheme('light', true)).toBe('light');
    expect(shownTheme('system', true)).toBe('dark');
    expect(shownTheme('system', false)).toBe('light');
  });

  it('sizes the root text by the Text size, Normal being the size the stylesheet was drawn at', () => {
    expect(rootAppearance({ theme: 'light', fontSize: 'normal' }, false).fontSize).toBe('14px');
    expect(rootAppearance({ theme: 'light', fontSize: 'large' }, false).fontSize).toBe('17px');
    expect(rootAppearance({ theme: 'light', fontSize: 'small' }, false).fontSize).toBe('12px');
  });

  it('applies the preferences at once, on each change, and follows the system live under System', () => {
    const root = fakeRoot();
    const query = fakeQuery(false);
    const store = createPreferencesStore();
    const stop = startAppearance(root, query, store);
    expect(root.dataset['theme']).toBe('light');
    expect(root.style.colorScheme).toBe('light');
    expect(root.style.fontSize).toBe('14px');

    query.flip(true);
    expect(root.dataset['theme']).toBe('dark');
    expect(root.style.colorScheme).toBe('dark');

    store.setState({ preferences: { ...DEFAULT_PREFERENCES, theme: 'light', fontSize: 'large' } });
    expect(root.dataset['theme']).toBe('light');
    expect(root.style.fontSize).toBe('17px');

    stop();
    store.setState({ preferences: { ...DEFAULT_PREFERENCES, theme: 'dark' } });
    query.flip(false);
    expect(root.dataset['theme']).toBe('light');
  });
});
