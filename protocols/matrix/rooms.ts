/**
 * Rooms as conversations, their members, and joining, leaving and starting DMs (spec
 * §Room Membership, §Joining rooms, §Leaving rooms, §Direct Messaging, §Room aliases).
 */
import { offerKnock, refusedEntry } from './knocking.js';
import { ProtocolError, type Conversation, type JoinRoomRequest, type Member } from '../api/index.js';
import {
  ClientEvent, EventTimeline, Preset, RoomEvent, RoomNameType, type Room, type RoomMember, type RoomNameState,
} from 'matrix-js-sdk';
import { isUserId, oneLine } from './displayText.js';
import { EV, membershipOf } from './names.js';
import { presenceOfUser } from './presence.js';
import { matrixErrorOf, toProtocolError } from './errors.js';
import { encryptionOf } from './roomEncryption.js';
import { isSpace, spaceGroupsOf } from './spaces.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';
import { untilClientEvent } from './untilClientEvent.js';

/**
 * Rooms up to this many joined members have their whole member list (/members) loaded before
 * a join or connect completes. Larger ones load it in the background: the sync stays lazy
 * (§Lazy-loading room members) and the room's messages never wait for its member list.
 */
const INLINE_MEMBER_LIST_LIMIT = 200;
/** Rooms with more members than this keep the lazily loaded member list (senders seen so far). */
const FULL_MEMBER_LIST_LIMIT = 20_000;

function localpart(userId: string): string {
  return userId.slice(1).split(':')[0] ?? userId;
}

/**
 * The name to show for a user, from a room they share with us, else their localpart; one
 * plain line (displayText.ts), never empty.
 */
export function displayNameOf(state: AccountState, userId: string, room?: Room): string {
  const member = room?.getMember(userId);
  const inRoom = member?.rawDisplayName !== userId ? oneLine(member?.rawDisplayName) : '';
  if (inRoom !== '') return inRoom;
  const user = state.client.getUser(userId);
  const global = user?.displayName !== userId ? oneLine(user?.displayName) : '';
  if (global !== '') return global;
  return oneLine(localpart(userId)) || oneLine(userId);
}

/**
 * The client's `roomNameGenerator`: null (the SDK's own name) unless that would be no string.
 * The SDK takes an m.room.name or alias that is no string (`"name": {}`), or a member whose
 * state key is none, as the room's name, then throws on it (normalize: toLowerCase) in that
 * sync and in every later one of the room, each time dropping the rest of the sync answer:
 * anyone could do it with the stripped state of an invite (found by the membership fuzzer).
 */
export function safeRoomName(roomId: string, state: RoomNameState): string | null {
  if (state.type === RoomNameType.Actual) {
    const name: unknown = state.name;
    return typeof name === 'string' ? null : roomId;
  }
  if (state.type === RoomNameType.Generated) {
    const names: unknown[] = state.names;
    return names.every((name) => typeof name === 'string') ? null : roomId;
  }
  const oldName: unknown = state.oldName;
  return oldName === undefined || typeof oldName === 'string' ? null : 'Empty room';
}

/**
 * §Calculating the display name for a room: its name, else its alias, else what the SDK
 * computed (from its members' names), as one plain line. The SDK passes a name that is no
 * string on to `room.name`.
 */
export function roomTitle(room: Room): string {
  const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
  const name = oneLine(state?.getStateEvents(EV.name, '')?.getContent()['name']);
  if (name !== '') return name;
  const alias = oneLine(state?.getStateEvents(EV.canonicalAlias, '')?.getContent()['alias']);
  if (alias !== '') return alias;
  return oneLine(room.name) || room.roomId;
}

export function conversationFor(state: AccountState, room: Room): Conversation {
  const partner = state.directory.directPartner(room.roomId);
  const joined = membershipOf(room) === 'join';
  const encrypted = encryptionOf(state, room);
  const names = spaceGroupsOf(state.client.getRooms(), room.roomId, roomTitle);
  // Announced without groups, a conversation leaves the groups it was in (the core clears them).
  const groups = names.length > 0 ? { groups: names } : {};
  if (partner !== undefined) {
    return { id: partner, kind: 'direct', title: displayNameOf(state, partner, room), joined, ...encrypted, ...groups };
  }
  const topic = room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(EV.topic, '')?.getContent<{ topic?: unknown }>().topic;
  return {
    id: room.roomId, kind: 'room', title: roomTitle(room), joined, ...encrypted,
    ...(typeof topic === 'string' && topic !== '' ? { topic } : {}),
    // §Spaces: a space is a group of rooms, shown as a buddy-list group rather than a chat.
    ...(isSpace(room) ? { space: true } : {}), ...groups,
  };
}

/** Emit conversation.upserted (and the DM partner as a contact) when anything shown changed. */
export function announceConversation(state: AccountState, room: Room): Conversation {
  const conversation = conversationFor(state, room);
  if (state.directory.mayBePendingDirect(room)) return conversation;
  const key = JSON.stringify(conversation);
  if (state.announced.get(conversation.id) !== key) {
    state.announced.set(conversation.id, key);
    if (conversation.kind === 'direct') {
      state.emit({
        type: 'contact.upserted',
        contact: { id: conversation.id, displayName: conversation.title, presence: presenceOfUser(state, conversation.id), groups: ['Matrix'] },
      });
    }
    state.emit({ type: 'conversation.upserted', conversation });
  }
  return conversation;
}

/**
 * Room creators: from room version 12 on they outrank every power level and are not listed
 * in m.room.power_levels (§Room version 12: `additional_creators`).
 */
function creatorsOf(room: Room): ReadonlySet<string> {
  const create = room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(EV.create, '');
  // A string by the spec; String() of an object whose toString is no function would throw.
  const declared: unknown = create?.getContent()['room_version'];
  const version = typeof declared === 'string' || typeof declared === 'number' ? Number.parseInt(String(declared), 10) : 1;
  if (!create || !(version >= 12)) return new Set();
  const additional: unknown = create.getContent()['additional_creators'];
  const sender = create.getSender();
  return new Set([
    ...(sender !== undefined ? [sender] : []),
    ...(Array.isArray(additional) ? additional.filter((id): id is string => typeof id === 'string') : []),
  ]);
}

/**
 * §Room power levels mapped onto the common ranks: creators owner, 100 admin, 50 moderator.
 * Undefined for a member whose state key is no user id (the SDK keeps whatever the server
 * sent as `userId`: a number, "", a 2,000-character string), which the core would refuse
 * along with everyone listed beside it.
 */
export function memberOf(room: Room, member: RoomMember): Member | undefined {
  const id: unknown = member.userId;
  if (!isUserId(id)) return undefined;
  const level = member.powerLevel;
  const role = creatorsOf(room).has(id) ? 'owner' : level >= 100 ? 'admin' : level >= 50 ? 'operator' : undefined;
  return { id, displayName: oneLine(member.name) || id, ...(role ? { role } : {}) };
}

function emitAllMembers(state: AccountState, room: Room): void {
  state.emit({
    type: 'members.changed', conversationId: room.roomId, reset: true,
    added: room.getJoinedMembers().map((member) => memberOf(room, member)).filter((member) => member !== undefined),
  });
}

/**
 * The whole member list of a group room (members.changed with reset): at once for a small
 * room, once /members has answered for a large one (see {@link INLINE_MEMBER_LIST_LIMIT}).
 */
export async function announceMembers(state: AccountState, room: Room): Promise<void> {
  if (state.directory.directPartner(room.roomId) !== undefined) return;
  const count = room.getJoinedMemberCount();
  if (count > FULL_MEMBER_LIST_LIMIT) {
    emitAllMembers(state, room);
    return;
  }
  const loaded = state.guard(`members of ${room.roomId}`, async () => {
    await room.loadMembersIfNeeded().catch((error: unknown) => state.context.log.warn(`Could not load the members of ${room.roomId}: ${String(error)}`));
    emitAllMembers(state, room);
  });
  if (count <= INLINE_MEMBER_LIST_LIMIT) await loaded;
}

/** One member's membership changed (RoomStateEvent.Members). */
export function memberChanged(state: AccountState, room: Room, member: RoomMember): void {
  // Members loaded by /members come one by one here too: they are announced as a whole (reset) once all are in.
  if (state.directory.directPartner(room.roomId) !== undefined || membershipOf(room) !== 'join' || member.isOutOfBand()) return;
  const listed = memberOf(room, member);
  if (!listed) return;
  // Compared as it is: String() of a membership that is an object could throw.
  if (member.membership === 'join') {
    state.emit({ type: 'members.changed', conversationId: room.roomId, added: [listed] });
  } else {
    state.emit({ type: 'members.changed', conversationId: room.roomId, removed: [listed.id] });
  }
}

/** Resolves once sync shows the user in the room (a join or create is not usable before). */
export function waitForJoinedRoom(state: AccountState, roomId: string, timeoutMs = 30_000): Promise<Room> {
  const ready = (): Room | undefined => {
    const room = state.client.getRoom(roomId);
    return room && membershipOf(room) === 'join' ? room : undefined;
  };
  return untilClientEvent(state.client, [ClientEvent.Room, RoomEvent.MyMembership], ready, timeoutMs,
    () => new ProtocolError('network', 'The homeserver did not confirm the room in time.'));
}

/**
 * §Room aliases: an alias nobody has is told apart before the join. Resolving a missing alias
 * answers 404 on every homeserver, whereas a join to it answers 404 on Synapse but 500
 * (`{"Err":""}`) on Dendrite 0.13, which looks like a passing fault: it was retried for ~30 s
 * and then shown as a homeserver error instead of "not found". One attempt: any other answer
 * leaves the verdict to the join itself, which retries passing faults.
 */
async function rejectMissingAlias(state: AccountState, alias: string): Promise<void> {
  try {
    await state.client.getRoomIdForAlias(alias);
  } catch (error: unknown) {
    const matrix = matrixErrorOf(error);
    if (matrix?.status === 404 || matrix?.errcode === 'M_NOT_FOUND') throw toProtocolError(error, `join ${alias}`);
  }
}

/** §Joining rooms: by `#alias:server` or `!room-id`. */
export async function joinRoom(state: AccountState, request: JoinRoomRequest): Promise<{ conversationId: string }> {
  const target = request.room.trim();
  // Room ids have no server part from room version 12 on (`!opaque`).
  if (!/^(#[^:\s]+:\S+|![^\s]+)$/.test(target)) {
    throw new ProtocolError('protocol', `"${target}" is not a Matrix room: use #alias:server or a !room-id.`);
  }
  let roomId: string;
  const viaServers = request.via?.filter((server) => /^[A-Za-z0-9.:[\]-]{1,255}$/.test(server)).slice(0, 20) ?? [];
  if (target.startsWith('#')) await rejectMissingAlias(state, target);
  try {
    const room = await withRetry(() => state.client.joinRoom(target, viaServers.length > 0 ? { viaServers } : {}), state.isStopped);
    roomId = room.roomId;
  } catch (error: unknown) {
    // §Knocking: a room that lets in only whom it invites may still be asked.
    if (refusedEntry(error)) throw offerKnock(state, target, viaServers);
    throw toProtocolError(error, `join ${target}`);
  }
  const room = await waitForJoinedRoom(state, roomId);
  announceConversation(state, room);
  await announceMembers(state, room);
  return { conversationId: state.directory.conversationIdOf(roomId) };
}

/** §Leaving rooms. For a direct conversation: every DM room with that person. */
export async function leaveRoom(state: AccountState, conversationId: string): Promise<void> {
  const rooms = state.directory.isDirectConversation(conversationId)
    ? state.directory.directRoomsWith(conversationId)
    : [state.client.getRoom(conversationId)].filter((room): room is Room => room !== null);
  if (rooms.length === 0) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  for (const room of rooms) {
    try {
      await withRetry(() => state.client.leave(room.roomId), state.isStopped);
    } catch (error: unknown) {
      throw toProtocolError(error, `leave ${room.name || room.roomId}`);
    }
  }
}

/** §Direct Messaging: reuse a DM room with the user, else create one and record it in m.direct. */
export async function openDirect(state: AccountState, userId: string, encrypted: boolean): Promise<{ conversationId: string }> {
  const target = userId.trim();
  if (!/^@[^:\s]+:\S+$/.test(target)) throw new ProtocolError('protocol', `"${target}" is not a Matrix user ID (@name:server).`);
  if (target === state.selfId) throw new ProtocolError('protocol', 'You cannot open a direct chat with yourself.');
  const existing = state.directory.directRoomsWith(target)[0];
  if (existing) {
    announceConversation(state, existing);
    return { conversationId: target };
  }
  let roomId: string;
  try {
    ({ room_id: roomId } = await state.directory.creatingDirect(async () => {
      const created = await withRetry(() => state.client.createRoom({
        is_direct: true,
        invite: [target],
        preset: Preset.TrustedPrivateChat,
        ...(encrypted ? { initial_state: [{ type: EV.encryption, state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] } : {}),
      }), state.isStopped);
      // createRoom applies initial_state or fails: the room is encrypted, whatever sync showed so far.
      if (encrypted) state.createdEncrypted.add(created.room_id);
      state.directory.markDirect(created.room_id, target);
      return created;
    }));
    await state.directory.addToAccountData(roomId, target);
  } catch (error: unknown) {
    throw toProtocolError(error, `start a direct chat with ${target}`);
  }
  const room = await waitForJoinedRoom(state, roomId);
  announceConversation(state, room);
  return { conversationId: target };
}

export async function setTopic(state: AccountState, conversationId: string, topic: string): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  try {
    await withRetry(() => state.client.setRoomTopic(room.roomId, topic), state.isStopped);
  } catch (error: unknown) {
    throw toProtocolError(error, 'change the topic');
  }
}

export async function inviteToRoom(state: AccountState, conversationId: string, userId: string, reason?: string): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  try {
    await withRetry(() => state.client.invite(room.roomId, userId, reason), state.isStopped);
  } catch (error: unknown) {
    throw toProtocolError(error, `invite ${userId}`);
  }
}

export async function kickMember(state: AccountState, conversationId: string, userId: string, reason?: string): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  try {
    await withRetry(() => state.client.kick(room.roomId, userId, reason), state.isStopped);
  } catch (error: unknown) {
    throw toProtocolError(error, `remove ${userId}`);
  }
}
