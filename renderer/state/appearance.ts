/**
 * The Appearance settings applied to the page: the theme as `data-theme` on <html> (the
 * stylesheet's palettes key on it, and `color-scheme` follows so native controls, scrollbars
 * and form fields match) and the text size as the root font size (the stylesheet sizes text
 * in rem). "System" follows `prefers-color-scheme` (Media Queries level 5 §11.5) live.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Preferences } from '../../electron/bridge/preferences.js';
import type { PreferencesState } from './preferences.js';

export type ShownTheme = 'light' | 'dark';

/** The root font size of each Text size, in CSS pixels (the stylesheet was drawn at 14). */
export const ROOT_FONT_PX: Readonly<Record<Preferences['fontSize'], number>> = { small: 12, normal: 14, large: 17 };

export function shownTheme(theme: Preferences['theme'], systemDark: boolean): ShownTheme {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

/** What is set on <html>. */
export interface RootAppearance {
  readonly theme: ShownTheme;
  readonly fontSize: string;
}

export function rootAppearance(preferences: Pick<Preferences, 'theme' | 'fontSize'>, systemDark: boolean): RootAppearance {
  return { theme: shownTheme(preferences.theme, systemDark), fontSize: `${ROOT_FONT_PX[preferences.fontSize]}px` };
}

/** The part of <html> this writes (an HTMLElement in the page). */
export interface AppearanceRoot {
  readonly dataset: DOMStringMap;
  readonly style: { colorScheme: string; fontSize: string };
}

/** The part of a MediaQueryList this reads. */
export interface ColourSchemeQuery {
  readonly matches: boolean;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Applies the preferences now and on every change of them or of the system's scheme; returns the stop. */
export function startAppearance(root: AppearanceRoot, systemScheme: ColourSchemeQuery, store: StoreApi<PreferencesState>): () => void {
  const apply = (): void => {
    const { theme, fontSize } = rootAppearance(store.getState().preferences, systemScheme.matches);
    root.dataset['theme'] = theme;
    root.style.colorScheme = theme;
    root.style.fontSize = fontSize;
  };
  apply();
  const unsubscribe = store.subscribe(apply);
  systemScheme.addEventListener('change', apply);
  return () => {
    unsubscribe();
    systemScheme.removeEventListener('change', apply);
  };
}
