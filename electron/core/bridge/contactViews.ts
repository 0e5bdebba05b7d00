/**
 * The bridge's edge for buddies: the one place a core Buddy (model/buddy.ts) becomes the
 * ContactView the UI is sent.
 */
import type { ContactView } from '../../bridge/schemas.js';
import type { Buddy } from '../model/buddy.js';

export function contactView(buddy: Buddy): ContactView {
  return {
    accountId: buddy.accountId,
    id: buddy.id,
    displayName: buddy.displayName,
    groups: [...buddy.groups],
    presence: { status: buddy.presence.status, ...(buddy.presence.message !== undefined ? { message: buddy.presence.message } : {}) },
    ...(buddy.subscription !== undefined ? { subscription: buddy.subscription } : {}),
    ...(buddy.blocked ? { blocked: true } : {}),
    ...(buddy.avatarDataUrl !== undefined ? { avatarDataUrl: buddy.avatarDataUrl } : {}),
  };
}
