/**
 * The user's own presence per account. The core reports the presence the user set on the
 * account view (`AccountView.presence`); this store only holds a choice made in this
 * window while the core has not confirmed it yet, so that the select shows it at once.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PresenceView } from '../../electron/bridge/schemas.js';

export interface OwnPresenceState {
  readonly byAccount: ReadonlyMap<string, PresenceView>;
}

export type OwnPresenceStatus = 'available' | 'away' | 'busy';

export const PRESENCE_CHOICES: readonly { readonly value: OwnPresenceStatus; readonly label: string }[] = [
  { value: 'available', label: 'Available' },
  { value: 'away', label: 'Away' },
  { value: 'busy', label: 'Busy' },
];

export function isOwnPresenceStatus(value: string): value is OwnPresenceStatus {
  return PRESENCE_CHOICES.some((choice) => choice.value === value);
}

const AVAILABLE: PresenceView = { status: 'available' };

export function createOwnPresenceStore(): StoreApi<OwnPresenceState> {
  return createStore<OwnPresenceState>()(() => ({ byAccount: new Map() }));
}

/** The choice being sent, else what the core reports for the account, else available. */
export function ownPresence(state: OwnPresenceState, accountId: string, reported?: PresenceView): PresenceView {
  return state.byAccount.get(accountId) ?? reported ?? AVAILABLE;
}

export function withOwnPresence(state: OwnPresenceState, accountId: string, presence: PresenceView | undefined): OwnPresenceState {
  const byAccount = new Map(state.byAccount);
  if (presence) byAccount.set(accountId, presence);
  else byAccount.delete(accountId);
  return { byAccount };
}

/** The presence to send: a blank status message is left out. */
export function presenceToSend(status: OwnPresenceStatus, message: string): PresenceView {
  const text = message.trim();
  return text === '' ? { status } : { status, message: text };
}
