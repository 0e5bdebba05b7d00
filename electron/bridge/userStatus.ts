/**
 * The user's own status, as the Status control offers it (Pidgin's primitives): one global
 * status for every account, an optional per-account override, and saved statuses. Stored
 * in the preferences (electron/bridge/preferences.ts), sent to the UI as a StatusView.
 */
import { z } from 'zod';

export const userStatusSchema = z.enum(['available', 'away', 'busy', 'invisible', 'offline']);
export type UserStatus = z.output<typeof userStatusSchema>;

export const USER_STATUS_LABELS: Readonly<Record<UserStatus, string>> = {
  available: 'Available', away: 'Away', busy: 'Busy', invisible: 'Invisible', offline: 'Offline',
};

/** A status with its message (blank: none). */
export const statusChoiceSchema = z.object({
  status: userStatusSchema,
  message: z.string().max(1024).optional(),
});
export type StatusChoice = z.output<typeof statusChoiceSchema>;

/** A status the user saved under a name, with when it was last used (recent first). */
export const savedStatusSchema = statusChoiceSchema.extend({
  name: z.string().min(1).max(100),
  lastUsed: z.number(),
});
export type SavedStatus = z.output<typeof savedStatusSchema>;

/** At most this many saved statuses are kept; the least recently used goes first. */
export const MAX_SAVED_STATUSES = 20;

/** What the Status control shows. */
export const statusViewSchema = z.object({
  /** The status the user chose for every account. */
  global: statusChoiceSchema,
  /** Auto-away is in effect: the user is idle and the accounts following the global status show Away. */
  autoAway: z.boolean(),
  /** The message auto-away shows (the autoAwayMessage preference). */
  autoAwayMessage: z.string().optional(),
  /** Saved statuses, most recently used first. */
  saved: z.array(savedStatusSchema),
  /** Accounts with a status of their own, by account id. */
  overrides: z.record(z.string(), statusChoiceSchema),
  /**
   * What each connected account shows when it is not what the user chose (IRC cannot be
   * invisible; an XMPP server without XEP-0186), in words, by account id.
   */
  notes: z.record(z.string(), z.string()),
});
export type StatusView = z.output<typeof statusViewSchema>;
