/**
 * Buddy-list group names: the one default group and how a name the user types is cleaned.
 * Shared by the core (which stores groups) and the UI (which shows buddies without a group
 * in the default one).
 */

/** The group buddies without any group are shown in (Pidgin calls it "Buddies" too). */
export const DEFAULT_GROUP = 'Buddies';

/** The longest group name kept (XMPP servers commonly cap roster group names near this). */
export const MAX_GROUP_NAME = 100;

/** The name trimmed, control characters removed, capped; '' when nothing is left. */
export function cleanGroupName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return raw.replace(/[\u0000-\u001f\u007f-\u009f]/gu, '').replace(/\s+/gu, ' ').trim().slice(0, MAX_GROUP_NAME).trim();
}

/** The groups a buddy is shown in: its own, else the default group. */
export function shownGroups(groups: readonly string[]): readonly string[] {
  return groups.length > 0 ? groups : [DEFAULT_GROUP];
}
