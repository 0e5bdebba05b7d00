/**
 * The user's status as the core reports it (StatusView): loaded when the window connects,
 * replaced by `status.changed`. Plus what the Status control and each account's own
 * status select offer, and how their values read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { USER_STATUS_LABELS, userStatusSchema, type SavedStatus, type StatusView, type UserStatus } from '../../electron/bridge/userStatus.js';
import { i18n } from '../i18n/index.js';

export interface StatusState {
  /** Null until the core answered (or when it has no status to offer: an older core). */
  readonly view: StatusView | null;
}

export function createStatusStore(): StoreApi<StatusState> {
  return createStore<StatusState>()(() => ({ view: null }));
}

/** The newest status of a batch; the same state when the batch has none. */
export function applyStatusEvents(state: StatusState, events: readonly BridgeEvent[]): StatusState {
  let view: StatusView | undefined;
  for (const event of events) if (event.type === 'status.changed') view = event.payload.status;
  return view === undefined ? state : { view };
}

export const STATUS_CHOICES: readonly { readonly value: UserStatus; readonly label: string }[] = userStatusSchema.options
  .map((value) => ({ value, label: USER_STATUS_LABELS[value] }));

export function isUserStatus(value: string): value is UserStatus {
  return userStatusSchema.safeParse(value).success;
}

/** The Status control's options: a status, or a saved status (by its place in the list). */
export type StatusOption = { readonly kind: 'status'; readonly status: UserStatus } | { readonly kind: 'saved'; readonly saved: SavedStatus };

const SAVED_PREFIX = 'saved:';

export function savedOptionValue(index: number): string {
  return `${SAVED_PREFIX}${String(index)}`;
}

export function readStatusOption(value: string, saved: readonly SavedStatus[]): StatusOption | undefined {
  if (isUserStatus(value)) return { kind: 'status', status: value };
  if (!value.startsWith(SAVED_PREFIX)) return undefined;
  const entry = saved[Number(value.slice(SAVED_PREFIX.length))];
  return entry ? { kind: 'saved', saved: entry } : undefined;
}

/** "Meeting — Busy: in a meeting": how a saved status reads in the list. */
export function savedStatusLabel(saved: SavedStatus): string {
  const status = USER_STATUS_LABELS[saved.status];
  return `${saved.name} — ${status}${saved.message !== undefined ? `: ${saved.message}` : ''}`;
}

/** The saved status the global status is now, if any (same status and message). */
export function currentSaved(view: StatusView): SavedStatus | undefined {
  return view.saved.find((saved) => saved.status === view.global.status && (saved.message ?? '') === (view.global.message ?? ''));
}

/** What the sidebar says while auto-away is in effect. */
export function autoAwayLine(view: StatusView): string | undefined {
  if (!view.autoAway) return undefined;
  return view.autoAwayMessage !== undefined ? i18n.t('autoAwayLine.withMessage', { message: view.autoAwayMessage }) : i18n.t('autoAwayLine.plain');
}

/** An account's own status select: "global" follows the Status control. */
export const FOLLOW_GLOBAL = 'global';
