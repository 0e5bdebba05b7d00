/** How views reach the stores and actions: one context, filled by the composition root or a test. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { WindowControls } from '../bridge/windowLink.js';
import type { Actions } from '../state/actions.js';
import type { Stores } from '../state/stores.js';

export interface AppServices {
  readonly stores: Stores;
  readonly actions: Actions;
  /** Moving tabs between windows; absent where there is one window only (tests). */
  readonly windows?: WindowControls;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('AppContext is missing: render views inside <AppContext value={…}>');
  return services;
}

export function useActions(): Actions {
  return useApp().actions;
}

export function useWindows(): WindowControls | undefined {
  return useApp().windows;
}

export type StateOf<K extends keyof Stores> = ReturnType<Stores[K]['getState']>;

/** Reads a slice of one store, re-rendering only when that slice changes (compared with Object.is). */
export function useAppStore<K extends keyof Stores, T>(key: K, selector: (state: StateOf<K>) => T): T {
  // TypeScript cannot narrow `Stores[K]` to `StoreApi<StateOf<K>>` for a generic K; it is that by construction.
  const store = useApp().stores[key] as unknown as StoreApi<StateOf<K>>;
  return useStore(store, selector);
}
