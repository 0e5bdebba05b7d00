/** What can be done to a room besides talking in it: its topic, inviting someone, kicking a member, members' roles, its settings, destroying it. */
import type { AffiliationEntryView, MemberRoleChangeView, RoomAffiliationView, RoomSettingsView } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';

export interface RoomActions {
  setTopic(conversationId: number, topic: string): Promise<void>;
  inviteToRoom(conversationId: number, contactId: string): Promise<void>;
  kickMember(conversationId: number, memberId: string, reason: string): Promise<void>;
  /** One of the member's `roleChanges`; the new standing arrives as members.changed. */
  setMemberRole(conversationId: number, memberId: string, change: MemberRoleChangeView, reason: string): Promise<void>;
  /** The room then shows as left, with the network's line saying it was destroyed. */
  destroyRoom(conversationId: number, reason: string): Promise<void>;
  /** The room's settings as its owner may change them. */
  roomSettings(conversationId: number): Promise<RoomSettingsView>;
  /** Only the settings given change. */
  setRoomSettings(conversationId: number, settings: RoomSettingsView): Promise<void>;
  /** One of the room's affiliation lists by address, present or not. */
  roomAffiliations(conversationId: number, affiliation: RoomAffiliationView): Promise<AffiliationEntryView[]>;
  /** Put an address on a list (`reason` goes with a ban), or take it off with `none`. */
  setRoomAffiliation(conversationId: number, address: string, affiliation: RoomAffiliationView | 'none', reason: string): Promise<void>;
}

export function createRoomActions(context: ActionContext): RoomActions {
  const { client } = context;
  return {
    // The new topic arrives as conversation.changed once the network has it.
    setTopic: async (conversationId, topic) => {
      await client().request('conversations.setTopic', { conversationId, topic: topic.trim() });
    },
    inviteToRoom: async (conversationId, contactId) => {
      await client().request('conversations.invite', { conversationId, contactId: contactId.trim() });
    },
    kickMember: async (conversationId, memberId, reason) => {
      const text = reason.trim();
      await client().request('members.kick', text === '' ? { conversationId, memberId } : { conversationId, memberId, reason: text });
    },
    setMemberRole: async (conversationId, memberId, change, reason) => {
      const text = reason.trim();
      await client().request('members.setRole', text === '' ? { conversationId, memberId, change } : { conversationId, memberId, change, reason: text });
    },
    destroyRoom: async (conversationId, reason) => {
      const text = reason.trim();
      await client().request('conversations.destroy', text === '' ? { conversationId } : { conversationId, reason: text });
    },
    roomSettings: (conversationId) => client().request('conversations.roomSettings', { conversationId }),
    setRoomSettings: async (conversationId, settings) => {
      await client().request('conversations.setRoomSettings', { conversationId, settings });
    },
    roomAffiliations: (conversationId, affiliation) => client().request('conversations.affiliations', { conversationId, affiliation }),
    setRoomAffiliation: async (conversationId, address, affiliation, reason) => {
      const text = reason.trim();
      await client().request('conversations.setAffiliation', { conversationId, address: address.trim(), affiliation, ...(text === '' ? {} : { reason: text }) });
    },
  };
}
