/** Which dialog is open, and buddy-list view options. In a store so any view (or a test) can open a dialog. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LinkDestination } from '../content/links.js';
import type { MessageView } from '../../electron/bridge/schemas.js';

export type DialogState =
  | { readonly kind: 'account'; readonly accountId?: string }
  | { readonly kind: 'join-room' }
  | { readonly kind: 'new-message' }
  | { readonly kind: 'add-contact' }
  | { readonly kind: 'open-link'; readonly link: LinkDestination; readonly text: string }
  | { readonly kind: 'delete-message'; readonly message: MessageView };

export interface UiState {
  readonly dialog: DialogState | null;
  /** The buddy list shows offline contacts (sorted last). */
  readonly showOffline: boolean;
}

export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()(() => ({ dialog: null, showOffline: true }));
}
