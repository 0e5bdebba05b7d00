/**
 * Room administration (XEP-0045): which roles and affiliations the user may change for an
 * occupant (the privilege tables of §5.1.2 and §5.2.1, with the limits of §5.1.3 and §9),
 * the muc#admin requests that change them (§8.3–§8.6, §9.1–§9.8, §10.3–§10.7), and
 * accepting a new room's default configuration (§10.1.2), destroying a room (§10.9).
 */
import { ProtocolError, type MemberRoleChange } from '../api/index.js';
import type { XmppCore } from './core.js';
import type { Occupant, OccupantPresence, Room } from './mucState.js';
import { StanzaError } from './stanzaErrors.js';
import { NS, xml, type Element } from './xml.js';

/** Affiliations that a moderator by role alone cannot touch (§5.1.3: nor revoke their voice). */
const HIGH = new Set(['admin', 'owner']);

/**
 * What `self` may do to `target` now. Roles (§5.1.2): a moderator gives and takes voice
 * (not from an admin or owner, §5.1.3); an admin or owner makes and unmakes moderators
 * (§8.5–§8.6; admins and owners are moderators by affiliation, so not theirs). Affiliations
 * (§5.2.1): an owner grants any affiliation (§10.3–§10.7); an admin only member, none and
 * outcast, and only to someone who is no admin or owner (§9.3–§9.8). Affiliations are set by
 * bare JID (§9), so they are offered only when the room shows the occupant's real JID.
 */
export function roleChangesFor(self: Occupant | undefined, target: Occupant): MemberRoleChange[] {
  if (!self || self.nick === target.nick) return [];
  const changes: MemberRoleChange[] = [];
  const targetHigh = HIGH.has(target.affiliation);
  if (self.role === 'moderator' && !targetHigh) {
    if (target.role === 'visitor') changes.push('grant-voice');
    if (target.role === 'participant') changes.push('revoke-voice');
  }
  if (HIGH.has(self.affiliation) && !targetHigh) changes.push(target.role === 'moderator' ? 'revoke-moderator' : 'grant-moderator');
  if (target.realJid === undefined) return changes;
  if (self.affiliation === 'owner') {
    if (target.affiliation !== 'member') changes.push('make-member');
    if (target.affiliation !== 'admin') changes.push('make-admin');
    if (target.affiliation !== 'owner') changes.push('make-owner');
    if (target.affiliation !== 'none') changes.push('remove-affiliation');
    changes.push('ban');
  } else if (self.affiliation === 'admin' && !targetHigh) {
    changes.push(target.affiliation === 'member' ? 'remove-affiliation' : 'make-member');
    changes.push('ban');
  }
  return changes;
}

const ROLE_OF: Partial<Record<MemberRoleChange, string>> = {
  'grant-voice': 'participant', 'revoke-voice': 'visitor', 'grant-moderator': 'moderator', 'revoke-moderator': 'participant',
};
const AFFILIATION_OF: Partial<Record<MemberRoleChange, string>> = {
  'make-member': 'member', 'make-admin': 'admin', 'make-owner': 'owner', 'remove-affiliation': 'none', 'ban': 'outcast',
};
/** For error messages: what the change was meant to do. */
const DOING: Record<MemberRoleChange, string> = {
  'grant-voice': 'Giving voice to', 'revoke-voice': 'Taking voice from', 'grant-moderator': 'Making a moderator of',
  'revoke-moderator': 'Taking moderator rights from', 'make-member': 'Making a member of', 'make-admin': 'Making an admin of',
  'make-owner': 'Making an owner of', 'remove-affiliation': 'Removing the membership of', 'ban': 'Banning',
};

/** The muc#admin item for a change: roles by nick (§8), affiliations by bare JID (§9). */
function changeItem(change: MemberRoleChange, occupant: Occupant, reason: string | undefined): Element {
  const because = reason ? [xml('reason', {}, reason.slice(0, 500))] : [];
  const role = ROLE_OF[change];
  if (role) return xml('item', { nick: occupant.nick, role }, ...because);
  const affiliation = AFFILIATION_OF[change] ?? 'none';
  if (!occupant.realJid) throw new ProtocolError('protocol', `The room does not show ${occupant.nick}'s address, which is needed to change their affiliation.`);
  return xml('item', { jid: occupant.realJid, affiliation }, ...because);
}

/** The room's refusals in words (§8–§10: forbidden, not-allowed, conflict for the last owner). */
export function refusal(error: unknown, doing: string): unknown {
  if (!(error instanceof StanzaError)) return error;
  const words: Record<string, string> = {
    'forbidden': `${doing} failed: your role or affiliation in the room does not allow it.`,
    'not-allowed': `${doing} failed: the room does not allow that change.`,
    'conflict': `${doing} failed: a room must keep at least one owner.`,
    'not-acceptable': `${doing} failed: the room did not accept that change.`,
    'item-not-found': `${doing} failed: they are no longer in the room.`,
  };
  const sentence = words[error.condition];
  return sentence ? new ProtocolError('protocol', sentence) : error;
}

/** §8.2: kick (role none). */
export async function kickMember(core: XmppCore, room: Room, memberId: string, reason?: string): Promise<void> {
  const nick = room.nickOf(memberId, core.selfBare);
  if (!nick) throw new ProtocolError('protocol', `${memberId} is not in ${room.jid}.`);
  await core.iq(xml('iq', { type: 'set', to: room.jid },
    xml('query', { xmlns: NS.mucAdmin }, xml('item', { nick, role: 'none' }, ...(reason ? [xml('reason', {}, reason)] : [])))), `Kicking ${nick} from ${room.jid}`);
}

/** Change a member's role or affiliation; the room's presence updates bring the result. */
export async function setMemberRole(core: XmppCore, room: Room, memberId: string, change: MemberRoleChange, reason?: string): Promise<void> {
  const nick = room.nickOf(memberId, core.selfBare);
  const occupant = nick === undefined ? undefined : room.occupants.get(nick);
  if (!occupant) throw new ProtocolError('protocol', `${memberId} is not in ${room.jid}.`);
  const doing = `${DOING[change]} ${occupant.nick} in ${room.jid}`;
  if (!roleChangesFor(room.occupants.get(room.nick), occupant).includes(change)) {
    throw new ProtocolError('protocol', `${doing} is not possible: your role or affiliation in the room does not allow it.`);
  }
  try {
    await core.iq(xml('iq', { type: 'set', to: room.jid }, xml('query', { xmlns: NS.mucAdmin }, changeItem(change, occupant, reason))), doing);
  } catch (error: unknown) {
    throw refusal(error, doing);
  }
}

/** §10.1.2: accept the server's default configuration for a room we just created (an instant room). */
export async function acceptInstantRoom(core: XmppCore, jid: string): Promise<void> {
  await core.iq(xml('iq', { type: 'set', to: jid }, xml('query', { xmlns: NS.mucOwner }, xml('x', { xmlns: NS.dataForms, type: 'submit' }))), `Opening the new room ${jid}`);
}

/** §10.9: destroy the room; everyone in it gets an unavailable presence with `<destroy/>`. */
export async function destroyRoom(core: XmppCore, room: Room, reason?: string): Promise<void> {
  const doing = `Destroying ${room.jid}`;
  try {
    await core.iq(xml('iq', { type: 'set', to: room.jid },
      xml('query', { xmlns: NS.mucOwner }, xml('destroy', {}, ...(reason ? [xml('reason', {}, reason.slice(0, 500))] : [])))), doing);
  } catch (error: unknown) {
    throw refusal(error, doing);
  }
}

const ARTICLE: Record<string, string> = { owner: 'an owner', admin: 'an admin', member: 'a member' };

/**
 * The line the room's log shows when an occupant's standing changed (§9–§10: a new
 * affiliation, told in presence; §8: a role), as Gajim says it; `nick` undefined for the
 * user's own. Undefined when nothing a user cares about changed. An affiliation change
 * usually brings a role with it (an admin is a moderator): then only the affiliation is told.
 */
export function standingLine(nick: string | undefined, before: Occupant, after: Occupant): string | undefined {
  const [who, is, has] = nick === undefined ? ['You', 'are', 'have'] : [nick, 'is', 'has'];
  if (before.affiliation !== after.affiliation) {
    const now = ARTICLE[after.affiliation];
    if (now) return `${who} ${is} now ${now}`;
    const was = ARTICLE[before.affiliation];
    return was ? `${who} ${is} no longer ${was}` : undefined;
  }
  if (before.role === after.role) return undefined;
  if (after.role === 'moderator') return `${who} ${is} now a moderator`;
  if (before.role === 'moderator') return `${who} ${is} no longer a moderator`;
  if (after.role === 'visitor') return `${who} no longer ${has} voice`;
  if (before.role === 'visitor' && after.role === 'participant') return `${who} now ${has} voice`;
  return undefined;
}

/** §10.9: what the user reads when the room they are in is destroyed. */
export function destroyedLine(update: OccupantPresence): string {
  const why = update.destroyedReason ?? update.reason;
  return `The room was destroyed by its owner${why ? ` (${why})` : ''}${update.destroyedVenue ? `; it continues at ${update.destroyedVenue}` : ''}. You are no longer in it.`;
}
