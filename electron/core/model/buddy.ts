/**
 * Someone on an account's buddy list, as the core keeps them: its own type, not the UI's
 * ContactView. Repositories return this; the view the bridge sends is made at the edge
 * (bridge/contactViews.ts).
 */
import type { Contact, Presence } from '../../../protocols/api/index.js';

export interface Buddy {
  readonly accountId: string;
  /** Network id (nick, JID, Matrix user id). */
  readonly id: string;
  readonly displayName: string;
  /** The user's groups for this buddy (groupService.ts decides them). */
  readonly groups: readonly string[];
  readonly presence: Presence;
  readonly subscription?: NonNullable<Contact['subscription']>;
  readonly blocked?: boolean;
  /** The picture as a data: URL (checked by the plugin host's validators). */
  readonly avatarDataUrl?: string;
}
