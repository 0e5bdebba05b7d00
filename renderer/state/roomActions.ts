/** What can be done to a room besides talking in it: its topic, inviting someone, kicking a member. */
import type { ActionContext } from './actionContext.js';

export interface RoomActions {
  setTopic(conversationId: number, topic: string): Promise<void>;
  inviteToRoom(conversationId: number, contactId: string): Promise<void>;
  kickMember(conversationId: number, memberId: string, reason: string): Promise<void>;
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
  };
}
