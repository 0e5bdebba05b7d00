/**
 * Spaces as buddy-list groups (spec §Spaces). A space is a room whose `m.room.create` has
 * `type: "m.space"`; its children are named by its `m.space.child` state events (state
 * key: the child's room id; a child event without a `via` list is no child, §Spaces
 * "Relationship between rooms and spaces"). Only the space's own child events are read:
 * a room's `m.space.parent` is a claim the space does not have to agree with, and a space
 * the user is in lists its children itself.
 */
import { EventTimeline, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { membershipOf } from './names.js';

export const SPACE_TYPE = 'm.space';
export const SPACE_CHILD = 'm.space.child';

export function isSpace(room: Room): boolean {
  return room.getType() === SPACE_TYPE;
}

/** A child event that still names a child: `via` a non-empty list (an emptied one removes it). */
export function isChildLink(event: MatrixEvent): boolean {
  const via: unknown = event.getContent()['via'];
  return Array.isArray(via) && via.length > 0;
}

/** The room ids a space lists as its children. */
export function childrenOf(space: Room): Set<string> {
  const state = space.getLiveTimeline().getState(EventTimeline.FORWARDS);
  const children = new Set<string>();
  for (const event of state?.getStateEvents(SPACE_CHILD) ?? []) {
    const key = event.getStateKey();
    if (key !== undefined && key !== '' && isChildLink(event)) children.add(key);
  }
  return children;
}

/** Whether the space lists the room as a child (its child event with the room's id as state key). */
function listsChild(space: Room, roomId: string): boolean {
  const event = space.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(SPACE_CHILD, roomId);
  return event !== null && event !== undefined && isChildLink(event);
}

/** The names of the joined spaces that list the room as a child, in name order, each once. */
export function spaceGroupsOf(rooms: readonly Room[], roomId: string, title: (room: Room) => string): string[] {
  const names = new Set<string>();
  for (const space of rooms) {
    if (space.roomId === roomId || !isSpace(space) || membershipOf(space) !== 'join') continue;
    if (listsChild(space, roomId)) names.add(title(space));
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
