/** Which dialog is open. Kept in a store so the welcome screen, the side bar and tests can open one. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type DialogState =
  | { readonly kind: 'account'; readonly accountId?: string }
  | { readonly kind: 'join-room' }
  | { readonly kind: 'new-message' };

export interface UiState {
  readonly dialog: DialogState | null;
}

export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()(() => ({ dialog: null }));
}
