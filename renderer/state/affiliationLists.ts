/**
 * A room's affiliation lists as the UI offers them (XEP-0045 for XMPP): which lists the
 * user may see and change from their own standing (an admin the members and the banned,
 * §9; an owner also the admins and owners, §10), and whether an address typed to add is one.
 */
import type { ConversationView, MemberView, RoomAffiliationView } from '../../electron/bridge/schemas.js';
import type { Capabilities } from './capabilities.js';

/** The lists in the order the dialog shows them. */
export const AFFILIATION_LISTS: readonly RoomAffiliationView[] = ['member', 'outcast', 'admin', 'owner'];
const ADMIN_LISTS: readonly RoomAffiliationView[] = ['member', 'outcast'];

/** The lists the user may manage in this room now; empty when none (then "Members and bans…" is not offered). */
export function offeredAffiliationLists(conversation: ConversationView, capabilities: Capabilities, self: MemberView | undefined): readonly RoomAffiliationView[] {
  if (conversation.kind !== 'room' || !conversation.joined || capabilities.affiliationLists !== true) return [];
  if (self?.role === 'owner') return AFFILIATION_LISTS;
  if (self?.role === 'admin') return ADMIN_LISTS;
  return [];
}

/**
 * Why `text` cannot be added, before anything is sent: empty, or not a bare address (a
 * name@server or a server, without spaces or a resource). The network checks it again.
 */
export function addressProblem(text: string): 'empty' | 'form' | undefined {
  const address = text.trim();
  if (address === '') return 'empty';
  return /^(?:[^\s@/"&'<>:]+@)?[^\s@/]+$/.test(address) && !address.endsWith('.') ? undefined : 'form';
}
