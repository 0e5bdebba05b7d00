/** The edge between the core's conversations and the UI's view of them. */
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../model/conversation.js';
import { toConversationView } from './conversationViews.js';

const room: Conversation = {
  id: 7, accountId: 'a1', networkId: '#chat', kind: 'room', title: '#chat', topic: 'welcome', joined: true, open: true,
  unread: 2, lastActivity: 1_000, capabilityOverrides: { typing: false },
};

describe('the view of a conversation', () => {
  it('merges the plugin\'s capabilities with the conversation\'s own and leaves out what only the core keeps', () => {
    expect(toConversationView(room, { rooms: true, typing: true, topics: true })).toEqual({
      id: 7, accountId: 'a1', networkId: '#chat', kind: 'room', title: '#chat', topic: 'welcome', joined: true,
      unread: 2, lastActivity: 1_000, capabilities: { rooms: true, typing: false, topics: true },
    });
  });

  it('of a conversation whose plugin is missing has only its own capabilities', () => {
    const { capabilityOverrides: _none, topic: _topic, ...plain } = room;
    expect(toConversationView({ ...plain, encrypted: true }, undefined)).toEqual({
      id: 7, accountId: 'a1', networkId: '#chat', kind: 'room', title: '#chat', joined: true, unread: 2, lastActivity: 1_000,
      capabilities: {}, encrypted: true,
    });
  });
});
