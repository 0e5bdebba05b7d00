/**
 * A room's affiliation lists by address (XEP-0045): the members (§9.5), the banned (§9.1–§9.2,
 * "outcast"), the admins (§10.5–§10.7) and the owners (§10.3–§10.5), read with a muc#admin
 * get for one affiliation and changed with a set for one bare JID, whether or not anyone of
 * that address is in the room: so a members-only room admits someone before they arrive, and
 * a ban keeps someone out who is not there. The room decides who may do what (an admin the
 * member and ban lists, §9; an owner all four, §10) and its refusals are said in words.
 */
import { ProtocolError, type AffiliationEntry, type RoomAffiliation } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bareOf, parseJid } from './jid.js';
import { refusal } from './mucAdmin.js';
import { NS, attr, child, childText, children, xml } from './xml.js';

/** What each list is called in a sentence. */
const LIST_NAME: Record<RoomAffiliation, string> = { member: 'members', outcast: 'banned', admin: 'admins', owner: 'owners' };
const DOING: Record<RoomAffiliation | 'none', string> = {
  member: 'Making a member of', outcast: 'Banning', admin: 'Making an admin of', owner: 'Making an owner of', none: 'Removing the affiliation of',
};

/**
 * §9.5/§9.2/§10.5: who holds `affiliation` in the room, sorted by address. Items without a
 * valid JID are dropped (a server answers with bare JIDs; §9.1 allows a server ban, a domain).
 */
export async function roomAffiliations(core: XmppCore, room: string, affiliation: RoomAffiliation): Promise<AffiliationEntry[]> {
  const doing = `Reading the ${LIST_NAME[affiliation]} of ${room}`;
  let result;
  try {
    result = await core.iq(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { affiliation }))), doing);
  } catch (error: unknown) {
    throw refusal(error, doing);
  }
  const entries = new Map<string, AffiliationEntry>();
  for (const item of children(child(result, 'query', NS.mucAdmin), 'item', NS.mucAdmin)) {
    // A server may add items of other affiliations; only the asked-for list is shown.
    if ((attr(item, 'affiliation') ?? affiliation) !== affiliation) continue;
    const jid = parseJid(attr(item, 'jid'));
    if (!jid) continue;
    const address = bareOf(jid);
    const reason = childText(item, 'reason', NS.mucAdmin)?.trim();
    entries.set(address, { address, ...(reason ? { reason } : {}) });
  }
  return [...entries.values()].sort((a, b) => a.address.localeCompare(b.address));
}

/** The bare JID an affiliation is given to (§9: affiliations are by bare JID), or a refusal in words. */
export function affiliationAddress(text: string): string {
  const jid = parseJid(text.trim());
  if (!jid || jid.resource !== undefined) {
    throw new ProtocolError('protocol', `"${text.trim()}" is not an XMPP address: write it as name@example.org (or a server's name, example.org, for a whole server).`);
  }
  return bareOf(jid);
}

/**
 * §9.1 (ban), §9.3/§9.4 (member), §9.6/§9.7 (admin), §10.3–§10.7 (owner, admin, none): give
 * `address` the affiliation, or take it away with `none`. A reason goes with it (shown to
 * the banned, §9.1). Someone present sees the change in the room's presence; someone absent
 * finds it when they next join.
 */
export async function setRoomAffiliation(core: XmppCore, room: string, address: string, affiliation: RoomAffiliation | 'none', reason?: string): Promise<void> {
  const jid = affiliationAddress(address);
  const doing = `${DOING[affiliation]} ${jid} in ${room}`;
  const because = reason?.trim() ? [xml('reason', {}, reason.trim().slice(0, 500))] : [];
  try {
    await core.iq(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { jid, affiliation }, ...because))), doing);
  } catch (error: unknown) {
    throw refusal(error, doing);
  }
}
