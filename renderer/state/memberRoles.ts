/**
 * Room administration as the UI offers it: the changes of a member's standing the network
 * allows the user now (the plugin decides, XEP-0045 §5 for XMPP, and says so in each
 * member's `roleChanges`), in the order a menu shows them, each with its catalogue key; and
 * whether the user may change the room's settings or destroy it (they own it).
 */
import type { ConversationView, MemberRoleChangeView, MemberView, RoomSettingsView } from '../../electron/bridge/schemas.js';
import type { Capabilities } from './capabilities.js';

/** The order of the choices: roles first (voice, moderator), then affiliations, the ban last. */
const ORDER: readonly MemberRoleChangeView[] = [
  'grant-voice', 'revoke-voice', 'grant-moderator', 'revoke-moderator',
  'make-member', 'make-admin', 'make-owner', 'remove-affiliation', 'ban',
];

/** The catalogue key (`roomAdmin.*`) of each change. */
export const ROLE_CHANGE_TEXT = {
  'grant-voice': 'roomAdmin.grantVoice',
  'revoke-voice': 'roomAdmin.revokeVoice',
  'grant-moderator': 'roomAdmin.grantModerator',
  'revoke-moderator': 'roomAdmin.revokeModerator',
  'make-member': 'roomAdmin.makeMember',
  'make-admin': 'roomAdmin.makeAdmin',
  'make-owner': 'roomAdmin.makeOwner',
  'remove-affiliation': 'roomAdmin.removeAffiliation',
  'ban': 'roomAdmin.ban',
} as const satisfies Record<MemberRoleChangeView, string>;

/** What the user may change for this member, in menu order; empty where the room cannot change roles. */
export function offeredRoleChanges(member: MemberView | undefined, capabilities: Capabilities): MemberRoleChangeView[] {
  if (capabilities.memberRoles !== true || !member?.roleChanges) return [];
  const allowed = new Set(member.roleChanges);
  return ORDER.filter((change) => allowed.has(change));
}

/** "Room settings…" is offered to an owner of a joined room whose network has room settings. */
export function canChangeRoomSettings(conversation: ConversationView, capabilities: Capabilities, self: MemberView | undefined): boolean {
  return conversation.kind === 'room' && conversation.joined && capabilities.roomSettings === true && self?.role === 'owner';
}

/** "Destroy room…" is offered to an owner of a joined room whose network can destroy rooms. */
export function canDestroyRoom(conversation: ConversationView, capabilities: Capabilities, self: MemberView | undefined): boolean {
  return conversation.kind === 'room' && conversation.joined && capabilities.destroyRooms === true && self?.role === 'owner';
}

type Flag = 'membersOnly' | 'persistent' | 'moderated' | 'publicListing';
export const ROOM_SETTING_FLAGS: readonly Flag[] = ['membersOnly', 'persistent', 'moderated', 'publicListing'];
type Text = 'name' | 'description' | 'password';
/** The settings typed in, in the order the dialog shows them. */
export const ROOM_SETTING_TEXTS: readonly Text[] = ['name', 'description', 'password'];

/** The settings that differ from what the room had: only those are sent. */
export function changedSettings(before: RoomSettingsView, after: RoomSettingsView): RoomSettingsView {
  const changed: { -readonly [K in keyof RoomSettingsView]: RoomSettingsView[K] } = {};
  for (const flag of ROOM_SETTING_FLAGS) if (after[flag] !== undefined && after[flag] !== before[flag]) changed[flag] = after[flag];
  for (const text of ROOM_SETTING_TEXTS) if (after[text] !== undefined && after[text] !== before[text]) changed[text] = after[text];
  return changed;
}
