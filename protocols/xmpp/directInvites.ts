/**
 * Inviting someone into a room: a direct invitation (XEP-0249 §2, from us to the invitee,
 * with the room's password when we know it) where the room lets anyone in, and a mediated
 * one (XEP-0045 §7.8.2, through the room) in a members-only room, where only the room's
 * invitation can make the invitee a member (XEP-0249 §1: "a mediated invitation … is
 * necessary in members-only rooms"; Conversations and Gajim choose the same way).
 */
import { ProtocolError } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import type { Rooms } from './muc.js';
import { NS, attr, child, children, randomId, xml } from './xml.js';

const DISCO_TIMEOUT_MS = 10_000;

/** XEP-0045 §6.4: the room says `muc_membersonly`; a room that does not answer counts as open. */
async function membersOnly(core: XmppCore, room: string): Promise<boolean> {
  try {
    const result = await core.iq(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.discoInfo })), `Looking up ${room}`, DISCO_TIMEOUT_MS);
    return children(child(result, 'query', NS.discoInfo), 'feature', NS.discoInfo).some((node) => attr(node, 'var') === 'muc_membersonly');
  } catch {
    return false;
  }
}

export async function inviteToRoom(core: XmppCore, rooms: Rooms, conversationId: string, contactId: string, reason?: string): Promise<void> {
  const room = rooms.requireJoined(conversationId);
  const invitee = bare(contactId.trim().replace(/^xmpp:/, ''));
  if (!invitee || !invitee.includes('@')) throw new ProtocolError('protocol', `"${contactId}" is not an XMPP address.`);
  if (await membersOnly(core, room.jid)) {
    await rooms.invite(room.jid, invitee, reason);
    return;
  }
  const text = reason?.trim().slice(0, 500);
  await core.send(xml('message', { to: invitee, id: randomId() }, xml('x', {
    xmlns: NS.conference, jid: room.jid,
    ...(text ? { reason: text } : {}),
    ...(room.password !== undefined ? { password: room.password } : {}),
  })));
}
