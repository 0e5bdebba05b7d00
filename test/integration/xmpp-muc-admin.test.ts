/**
 * Room administration against a real Prosody and a real ejabberd (XEP-0045): the room
 * directory on the account's MUC service (§6), roles and affiliations offered only as the
 * user's own standing allows and changed through muc#admin (§5, §8–§10), a refusal in words,
 * creating a room (an instant room, §10.1.2, on a server that locks new rooms), its
 * settings (§10.2), the affiliation lists by address (§9.2, §9.5, §9.8, §10.5), and
 * destroying a room (§10.9) as the owner and as an occupant.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NS, xml } from '../../protocols/xmpp/xml.js';
import type { RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { startXmppKitOn, type XmppServerKit } from '../servers/prosody/xmppTestKit.js';
import { XMPP_SERVERS } from '../servers/xmppServers.js';

describe.each(XMPP_SERVERS)('XMPP room administration on %s', (kind) => {
  let kit: XmppServerKit;
  beforeAll(async () => {
    // Locked new rooms, as Prosody's default is: a new room opens only once its owner accepts a configuration (§10.1).
    kit = await startXmppKitOn(kind, { mucRoomLocking: true });
  });
  afterEach(async () => {
    await kit.closeAll();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('the room directory lists the service\'s rooms with description and occupants, filtered by the query', async () => {
    const described = `described@${kit.server.mucDomain}`;
    const carol = await kit.raw('carol');
    carol.send(`<presence to='${described}/carol'><x xmlns='${NS.muc}'/></presence>`);
    await carol.waitFor(/<presence [^>]*from=['"]described@[^>]*>[\s\S]*?code=['"]110['"]/);
    // §10.2: the owner gives the room a name and a description (and keeps it public).
    const configured = await carol.iq(`<iq type='set' to='${described}'><query xmlns='${NS.mucOwner}'><x xmlns='jabber:x:data' type='submit'>`
      + `<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>`
      + `<field var='muc#roomconfig_roomname'><value>Described Room</value></field>`
      + `<field var='muc#roomconfig_roomdesc'><value>Where things are described</value></field>`
      + `<field var='muc#roomconfig_publicroom'><value>1</value></field>`
      + `</x></query></iq>`);
    expect(configured).toMatch(/type=['"]result['"]/);

    const alice = await kit.online('alice');
    const listRooms = (query: string, limit: number) => alice.xmpp.listRooms(query, limit);

    const found = await listRooms('DESCRIB', 50);
    expect(found).toEqual([{ id: described, title: 'Described Room', topic: 'Where things are described', memberCount: 1 }]);
    const all = await listRooms('', 50);
    expect(all.map((entry) => entry.id)).toContain(described);
    expect(await listRooms('nothing-is-called-this', 50)).toEqual([]);
  });

  it('roles and affiliations from the member list, offered as the user\'s standing allows; a refusal in words', async () => {
    const room = `staff@${kit.server.mucDomain}`;
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    await alice.xmpp.joinRoom({ room });
    await bob.xmpp.joinRoom({ room });
    const carol = await kit.raw('carol');
    carol.send(`<presence to='${room}/carol'><x xmlns='${NS.muc}'/></presence>`);
    await alice.waitFor('carol at alice', () => alice.members.get(room)?.get('carol@localhost'));

    // The owner may do everything to a plain occupant (§5.2.1); a plain occupant nothing (§5.1.2).
    const bobAtAlice = await alice.waitFor('bob at alice', () => alice.members.get(room)?.get('bob@localhost'));
    expect(bobAtAlice.roleChanges).toEqual(['revoke-voice', 'grant-moderator', 'make-member', 'make-admin', 'make-owner', 'ban']);
    await bob.waitFor('carol at bob', () => bob.members.get(room)?.get('carol@localhost'));
    expect(bob.members.get(room)?.get('carol@localhost')?.roleChanges).toBeUndefined();
    expect(bob.members.get(room)?.get('alice@localhost')?.roleChanges).toBeUndefined();

    await alice.xmpp.setMemberRole(room, 'bob@localhost', 'grant-moderator');
    await alice.waitFor('bob a moderator at alice', () => (alice.members.get(room)?.get('bob@localhost')?.role === 'operator' ? true : undefined));
    await alice.waitForMessage('the moderator line', (m) => m.conversationId === room && m.kind === 'event' && m.body === 'bob is now a moderator');
    await bob.waitForMessage('bob\'s own moderator line', (m) => m.conversationId === room && m.kind === 'event' && m.body === 'You are now a moderator');
    // Bob's own role changed: what he may do to carol is announced again (voice, §8.3–§8.4), not to the owner.
    const carolAtBob = await bob.waitFor('voice offered to bob', () => {
      const carolMember = bob.members.get(room)?.get('carol@localhost');
      return carolMember?.roleChanges ? carolMember : undefined;
    });
    expect(carolAtBob.roleChanges).toEqual(['revoke-voice']);
    expect(bob.members.get(room)?.get('alice@localhost')?.roleChanges).toBeUndefined();
    await bob.xmpp.setMemberRole(room, 'carol@localhost', 'revoke-voice');
    await carol.waitFor(/<presence [^>]*from=['"]staff@[^/]*\/carol['"][\s\S]*?role=['"]visitor['"]/);
    await alice.waitForMessage('the voice line', (m) => m.kind === 'event' && m.body === 'carol no longer has voice');

    await alice.xmpp.setMemberRole(room, 'carol@localhost', 'make-member');
    await alice.waitFor('carol a member', () => (alice.members.get(room)?.get('carol@localhost')?.role === 'voice' ? true : undefined));
    await bob.waitForMessage('the member line', (m) => m.kind === 'event' && m.body === 'carol is now a member');

    // Not offered to bob: refused before anything is sent.
    await expect(bob.xmpp.setMemberRole(room, 'alice@localhost', 'ban')).rejects.toThrow(/your role or affiliation in the room does not allow it/);
    // A stale view (bob believes he is an owner): the room itself refuses, and bob reads why.
    bob.xmpp.injectStanza(xml('presence', { from: `${room}/bob`, to: 'bob@localhost/x' },
      xml('x', { xmlns: NS.mucUser }, xml('item', { affiliation: 'owner', role: 'moderator', jid: 'bob@localhost' }), xml('status', { code: '110' }))));
    await bob.waitFor('bob believes he owns the room', () => (bob.members.get(room)?.get('alice@localhost')?.roleChanges?.includes('ban') ? true : undefined));
    await expect(bob.xmpp.setMemberRole(room, 'alice@localhost', 'ban')).rejects.toThrow(/^Banning alice in staff@\S+ failed: (your role or affiliation in the room|the room) does not allow/);
  });

  it('a room the user creates is accepted as an instant room (§10.1.2): others can join it at once', async () => {
    const room = `fresh@${kit.server.mucDomain}`;
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    await alice.xmpp.joinRoom({ room });
    await bob.xmpp.joinRoom({ room });
    await bob.waitFor('alice, the owner, in bob\'s list', () => (bob.members.get(room)?.get('alice@localhost')?.role === 'owner' ? true : undefined));
  });

  it('the owner reads and changes a new room\'s settings (§10.2); others need the password then; a non-owner is told in words', async () => {
    const room = `settled@${kit.server.mucDomain}`;
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    await alice.xmpp.joinRoom({ room });
    // The server's defaults differ (ejabberd's new rooms are moderated, Prosody's are not): each setting is there.
    const before = await alice.xmpp.roomSettings(room);
    expect(before).toMatchObject({ membersOnly: false, password: '' });
    expect([typeof before.persistent, typeof before.moderated]).toEqual(['boolean', 'boolean']);

    await alice.xmpp.setRoomSettings(room, { persistent: true, moderated: true, password: 'sesame' });
    expect(await alice.xmpp.roomSettings(room)).toMatchObject({ membersOnly: false, persistent: true, moderated: true, password: 'sesame' });
    await expect(bob.xmpp.joinRoom({ room })).rejects.toThrow(/protected by a password|needs a password/);
    await bob.xmpp.joinRoom({ room, password: 'sesame' });
    await alice.waitFor('bob in the room', () => alice.members.get(room)?.get('bob@localhost'));
    await expect(bob.xmpp.roomSettings(room)).rejects.toThrow(/only an owner of the room may see and change them/);

    await alice.xmpp.setRoomSettings(room, { membersOnly: true, password: '' });
    expect(await alice.xmpp.roomSettings(room)).toMatchObject({ membersOnly: true, password: '' });
    // §10.2: bob is no member, so the room sends him out (status 322), and he reads why.
    await bob.waitForMessage('the members-only line', (m) => m.kind === 'event' && m.body === 'You were removed because the room is now members-only');
    await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === false);
  });

  it('the affiliation lists by address (§9.2, §9.5, §9.8, §10.5): an absent member gets in, an absent banned address does not, the last owner stays', async () => {
    const room = `guarded@${kit.server.mucDomain}`;
    const alice = await kit.online('alice');
    await alice.xmpp.joinRoom({ room });
    const knock = (client: RawXmppClient, nick: string): void => client.send(`<presence to='${room}/${nick}'><x xmlns='${NS.muc}'/></presence>`);
    const joined = new RegExp(`<presence [^>]*from=['"]${room}/[^>]*>[\\s\\S]*?code=['"]110['"]`);

    // Dave, absent, is banned with a reason (§9.1): the room refuses him (§7.2.7); lifted, he gets in.
    await alice.xmpp.setRoomAffiliation(room, 'dave@localhost', 'outcast', 'spam');
    expect((await alice.xmpp.roomAffiliations(room, 'outcast')).map((entry) => entry.address)).toEqual(['dave@localhost']);
    const dave = await kit.raw('dave');
    knock(dave, 'dave');
    await dave.waitFor(/<presence [^>]*type=['"]error['"][\s\S]*?<forbidden/);
    await alice.xmpp.setRoomAffiliation(room, 'dave@localhost', 'none');
    expect(await alice.xmpp.roomAffiliations(room, 'outcast')).toEqual([]);
    knock(dave, 'dave');
    await dave.waitFor(joined);

    await alice.xmpp.setRoomSettings(room, { membersOnly: true, name: 'Guarded', description: 'Members only', publicListing: false });
    expect(await alice.xmpp.roomSettings(room)).toMatchObject({ membersOnly: true, name: 'Guarded', description: 'Members only', publicListing: false });
    // Carol, absent and no member, is turned away (§7.2.6); admitted by address (§9.3), she gets in.
    const carol = await kit.raw('carol');
    knock(carol, 'carol');
    await carol.waitFor(/<presence [^>]*type=['"]error['"][\s\S]*?registration-required/);
    expect(await alice.xmpp.roomAffiliations(room, 'member')).toEqual([]);
    await alice.xmpp.setRoomAffiliation(room, 'Carol@localhost', 'member');
    expect(await alice.xmpp.roomAffiliations(room, 'member')).toEqual([{ address: 'carol@localhost' }]);
    knock(carol, 'carol');
    await carol.waitFor(joined);

    // Admins and owners by address (§10.5): bob, absent, becomes an admin and may then enter.
    await alice.xmpp.setRoomAffiliation(room, 'bob@localhost', 'admin');
    expect(await alice.xmpp.roomAffiliations(room, 'admin')).toEqual([{ address: 'bob@localhost' }]);
    expect(await alice.xmpp.roomAffiliations(room, 'owner')).toEqual([{ address: 'alice@localhost' }]);
    const bob = await kit.online('bob');
    await bob.xmpp.joinRoom({ room });
    // An admin may not make owners (§10.3): the room refuses, in words.
    await expect(bob.xmpp.setRoomAffiliation(room, 'erin@localhost', 'owner'))
      .rejects.toThrow(/^Making an owner of erin@localhost in guarded@\S+ failed: (your role or affiliation in the room|the room) does not allow/);
    // The last owner may not leave the room ownerless (§10.6), and an address is checked before anything is sent.
    await expect(alice.xmpp.setRoomAffiliation(room, 'alice@localhost', 'none')).rejects.toThrow(/failed: (a room must keep at least one owner|the room does not allow that change)\./);
    await expect(alice.xmpp.setRoomAffiliation(room, 'not an address', 'member')).rejects.toThrow(/"not an address" is not an XMPP address/);
  });

  it('the owner destroys a room: everyone in it reads that it was destroyed and why, and it leaves the directory', async () => {
    const room = `doomed@${kit.server.mucDomain}`;
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    await alice.xmpp.joinRoom({ room });
    await bob.xmpp.joinRoom({ room });
    await alice.waitFor('bob at alice', () => alice.members.get(room)?.get('bob@localhost'));
    const bookmarked = await kit.online('bob');
    expect(await bookmarked.xmpp.savedRooms()).toContainEqual({ room });

    await alice.xmpp.destroyRoom(room, 'moving elsewhere');
    for (const account of [alice, bob]) {
      await account.waitForMessage('the destroyed line', (m) => m.conversationId === room && m.kind === 'event'
        && m.body === 'The room was destroyed by its owner (moving elsewhere). You are no longer in it.');
      await account.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === false);
    }
    expect((await alice.xmpp.listRooms('doomed', 50)).map((entry) => entry.id)).not.toContain(room);
    // Gone for good: no autojoin bookmark of anyone's would create it anew at their next login.
    for (const user of ['alice', 'bob']) {
      const again = await kit.online(user);
      expect(await again.xmpp.savedRooms(), `${user}'s saved rooms`).not.toContainEqual({ room });
    }
  });
});
