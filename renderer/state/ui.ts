/** Which dialog is open, and buddy-list view options. In a store so any view (or a test) can open a dialog. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LinkDestination } from '../content/links.js';
import type { BridgeError, ContactView, MemberView, MessageView } from '../../electron/bridge/schemas.js';
import { NO_READ_MARKERS, type ReadMarkers } from './readMarker.js';
import type { LogTarget } from './logViewer.js';
import type { LinkResolution } from '../../electron/bridge/linkSchemas.js';

export type CertificateView = NonNullable<BridgeError['certificate']>;

/** A dialog opened from the Accounts dialog goes back to it when it closes. */
export interface ReturnTo {
  readonly returnTo?: 'accounts';
}

export type DialogState =
  /** `prefill`: "Add account" from a link (linkActions.ts), with what the link tells of the server. */
  | ({ readonly kind: 'account'; readonly accountId?: string; readonly prefill?: NonNullable<LinkResolution['newAccount']> } & ReturnTo)
  /** A link that opens Switchboard (xmpp:, irc:, matrix:, …): what it asks, to confirm. */
  | { readonly kind: 'link'; readonly resolution: LinkResolution }
  /** The Accounts dialog (Pidgin's Accounts window): every account, its state, add, edit, remove, enable, reorder. */
  | { readonly kind: 'accounts' }
  /** Settings: the user's preferences (auto-away, the buddy list, the desktop app's own). */
  | { readonly kind: 'settings' }
  /** Plugins: every plugin's state and resource use; install, enable, disable, restart, remove. */
  | { readonly kind: 'plugins' }
  | { readonly kind: 'join-room' }
  /** A space's rooms the user is not in, to join (spaces as buddy-list groups). */
  | { readonly kind: 'space-rooms'; readonly conversationId: number }
  | { readonly kind: 'new-message' }
  | { readonly kind: 'add-contact' }
  /** "Merge with…": pick another buddy to make one person with this one. */
  | { readonly kind: 'merge-contact'; readonly contact: ContactView }
  | { readonly kind: 'open-link'; readonly link: LinkDestination; readonly text: string }
  | { readonly kind: 'delete-message'; readonly message: MessageView }
  /** The certificate is the one the error showed when the user asked: trusting is for exactly that one. */
  /** "Your profile": the display name and picture the user shows on this account (ownProfile.ts). */
  | ({ readonly kind: 'own-profile'; readonly accountId: string } & ReturnTo)
  | ({ readonly kind: 'trust-certificate'; readonly accountId: string; readonly certificate: CertificateView } & ReturnTo)
  | { readonly kind: 'kick-member'; readonly conversationId: number; readonly member: MemberView }
  /** A member's roles and affiliations (voice, moderator, member, admin, owner, ban), as their `roleChanges` allow. */
  | { readonly kind: 'member-role'; readonly conversationId: number; readonly memberId: string }
  /** "Destroy room…" asks first, with an optional reason. */
  | { readonly kind: 'destroy-room'; readonly conversationId: number }
  /** A room's settings for its owner: members-only, persistent, moderated, password. */
  | { readonly kind: 'room-settings'; readonly conversationId: number }
  /** A room's members, banned, admins and owners by address ("Members and bans…"). */
  | { readonly kind: 'room-affiliations'; readonly conversationId: number }
  | { readonly kind: 'invite'; readonly conversationId: number }
  /** "Leave room" asks first: the others in the room see the leave. */
  | { readonly kind: 'leave-room'; readonly conversationId: number }
  /** "Switch to" (Ctrl+K): find any buddy, person, room or conversation by name. */
  | { readonly kind: 'switch-to' }
  /** "View log": the days with messages of a room, buddy or person, one day read (state/logViewer.ts). */
  | { readonly kind: 'view-log'; readonly target: LogTarget };

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
  /** Where the "New messages" line of the shown conversation is (readMarker.ts). */
  readonly readMarkers: ReadMarkers;
  /** The shown conversation's log is scrolled up: what arrives is not seen, so not marked read. */
  readonly logScrolledUp: boolean;
}

export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()(() => ({ dialog: null, expandedPersons: new Set(), serverConsole: null, focusedMessage: null,
    readMarkers: NO_READ_MARKERS, logScrolledUp: false }));
}
