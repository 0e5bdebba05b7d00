/**
 * The seam between the desktop shell (the tray's and the menu's Status items) and the
 * global status, which the presence work builds in the core (issue 14). The shell only
 * shows the five choices and calls `set`; whoever owns the status passes an object of this
 * shape to startDesktop (electron/shell/desktop.ts). Without one the items are shown
 * disabled.
 */
export const GLOBAL_STATUSES = ['available', 'away', 'busy', 'invisible', 'offline'] as const;
export type GlobalStatus = (typeof GLOBAL_STATUSES)[number];

export const GLOBAL_STATUS_LABELS: Readonly<Record<GlobalStatus, string>> = {
  available: 'Available',
  away: 'Away',
  busy: 'Busy',
  invisible: 'Invisible',
  offline: 'Offline',
};

export interface GlobalStatusControl {
  /** The status every account is set to now. */
  get(): GlobalStatus;
  /** The user chose a status for every account; failures are the owner's to show. */
  set(status: GlobalStatus): void;
  /** Calls back when the status changes (from any window, the tray, auto-away); returns the unsubscribe. */
  onChange(listener: (status: GlobalStatus) => void): () => void;
}
