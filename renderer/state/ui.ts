/** Which dialog is open, and buddy-list view options. In a store so any view (or a test) can open a dialog. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LinkDestination } from '../content/links.js';
import type { BridgeError, ContactView, MemberView, MessageView } from '../../electron/bridge/schemas.js';

export type CertificateView = NonNullable<BridgeError['certificate']>;

export type DialogState =
  | { readonly kind: 'account'; readonly accountId?: string }
  | { readonly kind: 'join-room' }
  | { readonly kind: 'new-message' }
  | { readonly kind: 'add-contact' }
  /** "Merge with…": pick another buddy to make one person with this one. */
  | { readonly kind: 'merge-contact'; readonly contact: ContactView }
  | { readonly kind: 'open-link'; readonly link: LinkDestination; readonly text: string }
  | { readonly kind: 'delete-message'; readonly message: MessageView }
  /** The certificate is the one the error showed when the user asked: trusting is for exactly that one. */
  | { readonly kind: 'trust-certificate'; readonly accountId: string; readonly certificate: CertificateView }
  | { readonly kind: 'kick-member'; readonly conversationId: number; readonly member: MemberView }
  | { readonly kind: 'invite'; readonly conversationId: number }
  /** "Leave room" asks first: the others in the room see the leave. */
  | { readonly kind: 'leave-room'; readonly conversationId: number };

/** A message to bring into view (a search result): the log scrolls to it and focuses it. */
export interface FocusedMessage {
  readonly conversationId: number;
  readonly messageId: number;
}

export interface UiState {
  readonly dialog: DialogState | null;
  /** Persons shown with their buddies under them in this window's buddy list. */
  readonly expandedPersons: ReadonlySet<number>;
  /** The account whose "Server messages" view is shown in place of the active conversation. */
  readonly serverConsole: string | null;
  readonly focusedMessage: FocusedMessage | null;
}

export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()(() => ({ dialog: null, expandedPersons: new Set(), serverConsole: null, focusedMessage: null }));
}
