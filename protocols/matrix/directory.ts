/**
 * Which rooms are direct chats, and the mapping between rooms and conversations
 * (spec §Direct Messaging: the `m.direct` account data maps user ids to room ids).
 *
 * A direct conversation's id is the other user's id (model.ts, Conversation.id), so every
 * DM room with the same person is one conversation; sending goes to the best of them.
 * Other rooms are conversations under their room id.
 */
import { EventTimeline, EventType, type MatrixClient, type Room } from 'matrix-js-sdk';
import { isUserId } from './displayText.js';
import { memberMembership, membershipOf } from './names.js';

export class Directory {
  /** roomId → the other user, from m.direct and from DMs we created or accepted. */
  private readonly directRooms = new Map<string, string>();
  /** DMs being created now: until createRoom answers, a new room of ours may be one of them. */
  private creating = 0;

  constructor(private readonly client: MatrixClient, private readonly selfId: string) {}

  /** Re-read m.direct (after sync delivered it or it changed). */
  refresh(): void {
    const content = this.client.getAccountData(EventType.Direct)?.getContent<Record<string, unknown>>() ?? {};
    for (const [userId, rooms] of Object.entries(content)) {
      // A key that is no user id would become a direct conversation's id (the core refuses "").
      if (!Array.isArray(rooms) || !isUserId(userId) || userId === this.selfId) continue;
      for (const roomId of rooms) if (typeof roomId === 'string') this.directRooms.set(roomId, userId);
    }
  }

  /** Run the creation of a DM; rooms we create meanwhile are held back (see {@link mayBePendingDirect}). */
  async creatingDirect<T>(work: () => Promise<T>): Promise<T> {
    this.creating++;
    try {
      return await work();
    } finally {
      this.creating--;
    }
  }

  /**
   * True for a room we just created, alone in it, while a DM creation is under way: sync can
   * show it before its invite (with is_direct) and before createRoom answers, and it must
   * not be announced as a group room.
   */
  mayBePendingDirect(room: Room): boolean {
    if (this.creating === 0 || this.directPartner(room.roomId) !== undefined) return false;
    const create = room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(EventType.RoomCreate, '');
    return create?.getSender() === this.selfId && room.getInvitedAndJoinedMemberCount() <= 1;
  }

  /** Remember a DM before the m.direct update comes back from the server. */
  markDirect(roomId: string, userId: string): void {
    this.directRooms.set(roomId, userId);
  }

  /** The other user of a direct room, else undefined (a group room). */
  directPartner(roomId: string): string | undefined {
    const known = this.directRooms.get(roomId);
    if (known !== undefined) return known;
    const room = this.client.getRoom(roomId);
    const partner = room ? this.partnerFromState(room) : undefined;
    if (partner !== undefined) this.directRooms.set(roomId, partner);
    return partner;
  }

  /**
   * A DM not (yet) in m.direct, recognised by `is_direct` on the invite (§Direct Messaging):
   * one we sent (we created it; sync may show it before the m.direct update) or one we got.
   */
  private partnerFromState(room: Room): string | undefined {
    const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
    const members = state?.getStateEvents(EventType.RoomMember) ?? [];
    const sent = members.filter((event) => event.getSender() === this.selfId && event.getStateKey() !== this.selfId
      && event.getContent()['is_direct'] === true);
    // State keys and senders are what the server sent: only a user id can be the partner.
    const invitee: unknown = sent.length === 1 ? sent[0]?.getStateKey() : undefined;
    if (isUserId(invitee)) return invitee;
    const inviter: unknown = membershipOf(room) === 'invite' ? room.getDMInviter() : undefined;
    return isUserId(inviter) && inviter !== this.selfId ? inviter : undefined;
  }

  conversationIdOf(roomId: string): string {
    return this.directPartner(roomId) ?? roomId;
  }

  isDirectConversation(conversationId: string): boolean {
    return conversationId.startsWith('@');
  }

  /** DM rooms with a user, best first: both of us in it, then the most recent activity. */
  directRoomsWith(userId: string): Room[] {
    const rooms: Room[] = [];
    for (const [roomId, partner] of this.directRooms) {
      if (partner !== userId) continue;
      const room = this.client.getRoom(roomId);
      if (room && membershipOf(room) === 'join') rooms.push(room);
    }
    const score = (room: Room): number => {
      const membership = memberMembership(room, userId);
      const present = membership === 'join' || membership === 'invite' ? 1 : 0;
      return present * 1e15 + room.getLastActiveTimestamp();
    };
    return rooms.sort((a, b) => score(b) - score(a));
  }

  /** The room to use for a conversation id, if there is one the user is in. */
  roomFor(conversationId: string): Room | undefined {
    if (this.isDirectConversation(conversationId)) return this.directRoomsWith(conversationId)[0];
    const room = this.client.getRoom(conversationId);
    return room ?? undefined;
  }

  /** Add a DM to our m.direct account data (§Direct Messaging). */
  async addToAccountData(roomId: string, userId: string): Promise<void> {
    this.markDirect(roomId, userId);
    const current = this.client.getAccountData(EventType.Direct)?.getContent<Record<string, unknown>>() ?? {};
    const existing = Array.isArray(current[userId]) ? (current[userId] as unknown[]).filter((id): id is string => typeof id === 'string') : [];
    if (existing.includes(roomId)) return;
    await this.client.setAccountData(EventType.Direct, { ...current, [userId]: [...existing, roomId] } as Record<string, string[]>);
  }
}
