/**
 * Invitations sent, against a real Prosody: a direct invitation (XEP-0249) into a room
 * anyone may join, with its password; a mediated one (XEP-0045 §7.8.2) into a members-only
 * room, where only the room's invitation makes the invitee a member.
 */
import { describe, expect, it } from 'vitest';
import { xmppKitPerFile } from '../servers/prosody/xmppKitPerFile.js';

const ROOM_CONFIG = '<field var=\'FORM_TYPE\'><value>http://jabber.org/protocol/muc#roomconfig</value></field>';

describe('XMPP invitations out', () => {
  const kit = xmppKitPerFile();

  it('a room with a password: a direct invitation carrying the room, the reason and the password', async () => {
    const room = `vault@${kit().server.mucDomain}`;
    const owner = await kit().raw('erin');
    owner.send(`<presence to='${room}/erin'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await owner.waitFor(/code=['"]110['"]/);
    const configured = await owner.iq(`<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>${ROOM_CONFIG}`
      + '<field var=\'muc#roomconfig_passwordprotectedroom\'><value>1</value></field>'
      + '<field var=\'muc#roomconfig_roomsecret\'><value>open sesame</value></field></x></query></iq>');
    expect(configured).toMatch(/type=['"]result['"]/);

    const alice = await kit().online('alice');
    const dave = await kit().raw('dave');
    if (!alice.connection.joinRoom || !alice.connection.inviteToRoom) throw new Error('missing room methods');
    await alice.connection.joinRoom({ room, password: 'open sesame' });
    await alice.connection.inviteToRoom(room, 'dave@localhost', 'come in');
    const invitation = await dave.waitFor(/<x [^>]*xmlns=['"]jabber:x:conference['"][^>]*>/);
    expect(invitation).toMatch(/from=['"]alice@localhost\//);
    expect(invitation).toMatch(new RegExp(`jid=['"]${room}['"]`));
    expect(invitation).toMatch(/reason=['"]come in['"]/);
    expect(invitation).toMatch(/password=['"]open sesame['"]/);
  });

  it('a members-only room: the room invites, and the invitee becomes a member', async () => {
    const room = `club@${kit().server.mucDomain}`;
    const alice = await kit().online('alice');
    if (!alice.connection.joinRoom || !alice.connection.inviteToRoom) throw new Error('missing room methods');
    await alice.connection.joinRoom({ room });
    const aliceRaw = await kit().raw('alice', 'admin', false);
    const configured = await aliceRaw.iq(`<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>${ROOM_CONFIG}`
      + '<field var=\'muc#roomconfig_membersonly\'><value>1</value></field></x></query></iq>');
    expect(configured).toMatch(/type=['"]result['"]/);

    const dave = await kit().raw('dave');
    await alice.connection.inviteToRoom(room, 'dave@localhost', 'members only');
    const invitation = await dave.waitFor(/<invite [^>]*from=['"]alice@localhost/);
    expect(invitation).toMatch(new RegExp(`from=['"]${room}['"]`));
    expect(invitation).toContain('members only');
    dave.send(`<presence to='${room}/dave'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    // A non-member would be refused (registration-required, XEP-0045 §7.2.7).
    const joined = await dave.waitFor(/code=['"]110['"]|registration-required/);
    expect(joined).toMatch(/code=['"]110['"]/);
  });
});
