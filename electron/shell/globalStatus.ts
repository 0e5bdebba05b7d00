/**
 * The seam between the desktop shell (the tray's and the menu's Status items) and the
 * global status the core keeps (`core.globalStatus`). The shell only shows the five choices
 * and calls `set`; main.ts passes the core's seam to startDesktop (electron/shell/desktop.ts).
 * Without one the items are shown disabled.
 */
import { USER_STATUS_LABELS, userStatusSchema, type UserStatus } from '../bridge/userStatus.js';

/** The five statuses and their words are the bridge's (electron/bridge/userStatus.ts): one list. */
export const GLOBAL_STATUSES = userStatusSchema.options;
export type GlobalStatus = UserStatus;
export const GLOBAL_STATUS_LABELS = USER_STATUS_LABELS;

export interface GlobalStatusControl {
  /** The status every account is set to now. */
  get(): GlobalStatus;
  /** The user chose a status for every account; failures are the owner's to show. */
  set(status: GlobalStatus): void;
  /** Calls back when the status changes (from any window, the tray, auto-away); returns the unsubscribe. */
  onChange(listener: (status: GlobalStatus) => void): () => void;
}
