/**
 * Event types, memberships and sync states as plain strings (spec §Events). The SDK's enums
 * are compared through these so that a string from the wire and a constant share one type.
 */
import type { MatrixEvent, Room } from 'matrix-js-sdk';

export const EV = {
  message: 'm.room.message',
  sticker: 'm.sticker',
  reaction: 'm.reaction',
  redaction: 'm.room.redaction',
  member: 'm.room.member',
  name: 'm.room.name',
  topic: 'm.room.topic',
  create: 'm.room.create',
  canonicalAlias: 'm.room.canonical_alias',
  encryption: 'm.room.encryption',
  encrypted: 'm.room.encrypted',
  direct: 'm.direct',
  tombstone: 'm.room.tombstone',
} as const;

export const REL = {
  replace: 'm.replace',
  annotation: 'm.annotation',
  thread: 'm.thread',
} as const;

export function typeOf(event: MatrixEvent): string {
  return event.getType();
}

/** `join`, `invite`, `leave`, `ban` or `knock`. */
export function membershipOf(room: Room): string {
  return room.getMyMembership();
}

export function memberMembership(room: Room, userId: string): string | undefined {
  return room.getMember(userId)?.membership;
}
