/**
 * Group chat against a real Prosody and a real ejabberd (XEP-0045): joining with a nickname, password rooms,
 * topics, occupants with roles, nick changes, kicks, invitations in and out, corrections
 * and reactions in rooms, bookmarks with autojoin (XEP-0402), and the room's archive after
 * being away (XEP-0313).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../conformance/index.js';
import { escapeXml, startXmppKitOn, type XmppServerKit } from '../servers/prosody/xmppTestKit.js';
import { XMPP_SERVERS } from '../servers/xmppServers.js';

describe.each(XMPP_SERVERS)('XMPP rooms on %s', (kind) => {
  let kit: XmppServerKit;
  let room: string;
  beforeAll(async () => {
    kit = await startXmppKitOn(kind);
    room = `lounge@${kit.server.mucDomain}`;
  });
  afterEach(async () => {
    await kit.closeAll();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('join with a nick, roles, topic, nick change, kick, corrections and reactions', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    if (!alice.connection.joinRoom || !bob.connection.joinRoom || !alice.connection.setTopic || !alice.connection.kickMember) throw new Error('missing room methods');
    const { conversationId } = await alice.connection.joinRoom({ room: `${room}/Ally` });
    expect(conversationId).toBe(room);
    await bob.connection.joinRoom({ room });
    await bob.waitFor('alice in bob\'s list', () => bob.members.get(room)?.get('alice@localhost'));
    expect(bob.members.get(room)?.get('alice@localhost')).toMatchObject({ displayName: 'Ally', role: 'owner' });
    expect(bob.members.get(room)?.get('bob@localhost')?.role).toBeUndefined();
    await alice.waitFor('bob in alice\'s list', () => alice.members.get(room)?.get('bob@localhost'));

    await alice.connection.setTopic(room, 'Welcome to the lounge');
    await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.topic === 'Welcome to the lounge');
    await bob.waitForMessage('the topic event', (m) => m.kind === 'event' && m.body === 'Ally set the topic to Welcome to the lounge');

    // An independent client joins and changes its nick (§7.6).
    const carol = await kit.raw('carol');
    carol.send(`<presence to='${room}/carol'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await alice.waitFor('carol in alice\'s list', () => alice.members.get(room)?.get('carol@localhost'));
    carol.send(`<presence to='${room}/caroline'/>`);
    await alice.waitFor('carol renamed', () => (alice.members.get(room)?.get('carol@localhost')?.displayName === 'caroline' ? true : undefined));
    await alice.waitForMessage('the nick change event', (m) => m.body === 'carol is now known as caroline');

    await alice.connection.kickMember(room, 'carol@localhost', 'bye');
    await carol.waitFor(/<presence [^>]*type=['"]unavailable['"][\s\S]*code=['"]307['"]/);
    await alice.waitFor('carol gone', () => (alice.members.get(room)?.has('carol@localhost') ? undefined : true));
    await bob.waitForMessage('the kick event', (m) => m.body === 'caroline was kicked by Ally (bye)');

    await alice.connection.sendMessage({ conversationId: room, localId: '1', kind: 'text', body: 'room mesage' });
    const confirmed = await alice.waitForEvent('message.confirmed', (e) => e.localId === '1');
    const atBob = await bob.waitForMessage('the room message', (m) => m.body === 'room mesage');
    expect(atBob.networkId).toBe(confirmed.networkId);
    expect(alice.received().some((m) => m.body === 'room mesage')).toBe(false); // confirmed, not received twice
    if (!alice.connection.editMessage || !bob.connection.react) throw new Error('no edit/react');
    await alice.connection.editMessage({ conversationId: room, targetNetworkId: confirmed.networkId ?? '', localId: '2', body: 'room message' });
    await bob.waitForEvent('message.edited', (e) => e.targetNetworkId === atBob.networkId && e.body === 'room message' && e.senderId === 'alice@localhost');
    await alice.waitForEvent('message.edited', (e) => e.targetNetworkId === confirmed.networkId);
    await bob.connection.react(room, atBob.networkId ?? '', ['❤️']);
    await alice.waitForEvent('reactions.changed', (e) => e.senderId === 'bob@localhost' && e.targetNetworkId === confirmed.networkId && e.reactions[0] === '❤️');

    if (!alice.connection.sendTyping) throw new Error('no sendTyping');
    await alice.connection.sendTyping(room, 'active');
    await bob.waitForEvent('typing', (e) => e.conversationId === room && e.participantId === 'alice@localhost' && e.state === 'active');
  });

  it('room nicks (XEP-0045 §7.6): join with a chosen nick, change it, a taken nick is refused', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    if (!alice.connection.joinRoom || !bob.connection.joinRoom || !alice.connection.setRoomNick) throw new Error('missing room methods');
    const nicks = `nicks@${kit.server.mucDomain}`;
    await alice.connection.joinRoom({ room: nicks, nick: 'Wonderland' });
    await bob.connection.joinRoom({ room: nicks, nick: 'Builder' });
    await bob.waitFor('alice as Wonderland', () => (bob.members.get(nicks)?.get('alice@localhost')?.displayName === 'Wonderland' ? true : undefined));
    await alice.waitFor('bob as Builder', () => (alice.members.get(nicks)?.get('bob@localhost')?.displayName === 'Builder' ? true : undefined));

    await alice.connection.setRoomNick(nicks, 'Alice in Chains');
    await bob.waitForEvent('members.changed', (e) => e.conversationId === nicks && (e.added ?? []).some((m) => m.id === 'alice@localhost' && m.displayName === 'Alice in Chains'));
    await bob.waitForMessage('the rename event', (m) => m.conversationId === nicks && m.body === 'Wonderland is now known as Alice in Chains');
    expect(alice.members.get(nicks)?.get('alice@localhost')?.displayName).toBe('Alice in Chains');

    await expect(alice.connection.setRoomNick(nicks, 'Builder')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/"Builder" is already in use .*still "Alice in Chains"/) as unknown });
    // Still usable after the refusal.
    await alice.connection.sendMessage({ conversationId: nicks, localId: 'n1', kind: 'text', body: 'still here' });
    const got = await bob.waitForMessage('alice after the refusal', (m) => m.body === 'still here');
    expect(got.senderName).toBe('Alice in Chains');
    await kit.closeAll();
  });

  it('invitations out and in, mediated and direct', async () => {
    const alice = await kit.online('alice');
    const dave = await kit.online('dave');
    if (!alice.connection.joinRoom || !alice.connection.inviteToRoom || !dave.connection.answerRequest) throw new Error('missing methods');
    await alice.connection.joinRoom({ room });
    await alice.connection.inviteToRoom(room, 'dave@localhost', 'join us');
    const invite = await dave.waitForEvent('request.raised', (e) => e.request.kind === 'room-invite');
    expect(invite.request).toMatchObject({ conversationId: room, fromId: 'alice@localhost', detail: 'join us' });
    await dave.connection.answerRequest(invite.request.id, 'accept');
    await dave.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === true);
    await dave.waitForEvent('request.closed', (e) => e.requestId === invite.request.id);

    const frank = await kit.raw('frank');
    const other = `other@${kit.server.mucDomain}`;
    frank.send(`<message to='dave@localhost'><x xmlns='jabber:x:conference' jid='${other}' reason='${escapeXml('a direct <invite>')}'/></message>`);
    const direct = await dave.waitForEvent('request.raised', (e) => e.request.conversationId === other);
    expect(direct.request).toMatchObject({ kind: 'room-invite', fromId: 'frank@localhost', detail: 'a direct <invite>' });
    await dave.connection.answerRequest(direct.request.id, 'decline');
    await dave.waitForEvent('request.closed', (e) => e.requestId === direct.request.id);
  });

  it('password rooms: refused without or with a wrong password, joined with the right one', async () => {
    const owner = await kit.raw('erin');
    const secret = `vault@${kit.server.mucDomain}`;
    owner.send(`<presence to='${secret}/erin'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await owner.waitFor(/code=['"]110['"]/);
    const configured = await owner.iq(`<iq type='set' to='${secret}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>`
      + '<field var=\'FORM_TYPE\'><value>http://jabber.org/protocol/muc#roomconfig</value></field>'
      + '<field var=\'muc#roomconfig_passwordprotectedroom\'><value>1</value></field>'
      + '<field var=\'muc#roomconfig_roomsecret\'><value>open sesame</value></field></x></query></iq>');
    expect(configured).toMatch(/type=['"]result['"]/);

    const bob = await kit.online('bob');
    if (!bob.connection.joinRoom) throw new Error('no joinRoom');
    await expect(bob.connection.joinRoom({ room: secret })).rejects.toThrow(/protected by a password/);
    await expect(bob.connection.joinRoom({ room: secret, password: 'wrong' })).rejects.toThrow(/needs a password/);
    await bob.connection.joinRoom({ room: secret, password: 'open sesame' });
    await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === secret && e.conversation.joined === true);
    await expect(bob.connection.joinRoom({ room: 'not a room' })).rejects.toThrow(/not a room address/);
  });

  it('rooms are rejoined on another login, the bookmarked ones listed as saved rooms; the room archive brings what was said meanwhile', async () => {
    const alice = await kit.online('alice');
    const persistence = createMemoryPersistence();
    const george = await kit.online('george', {}, persistence);
    const archived = `archive@${kit.server.mucDomain}`;
    if (!alice.connection.joinRoom || !george.connection.joinRoom) throw new Error('no joinRoom');
    await alice.connection.joinRoom({ room: archived });
    await george.connection.joinRoom({ room: archived });
    await george.connection.disconnect();

    await alice.connection.sendMessage({ conversationId: archived, localId: '80', kind: 'text', body: 'said while george was away' });
    await alice.waitForEvent('message.confirmed', (e) => e.localId === '80');

    // Same app profile: the core rejoins the room it has open (coreRejoinsRooms), and the room's archive follows.
    const back = kit.account('george', {}, persistence);
    await back.connection.connect();
    if (!back.connection.joinRoom) throw new Error('no joinRoom');
    await back.connection.joinRoom({ room: archived });
    await back.waitForEvent('conversation.upserted', (e) => e.conversation.id === archived && e.conversation.joined === true);
    const caught = await back.waitForMessage('the archived room message', (m) => m.body === 'said while george was away');
    expect(caught).toMatchObject({ conversationId: archived, senderId: 'alice@localhost' });
    expect(caught.networkId).toBeTruthy();

    // A new device (no local state): the XEP-0402 bookmark with autojoin is a saved room, which the core joins.
    const elsewhere = await kit.online('george', { resource: 'tablet' });
    if (!elsewhere.connection.savedRooms || !elsewhere.connection.joinRoom) throw new Error('no savedRooms');
    const saved = await elsewhere.connection.savedRooms();
    expect(saved).toContainEqual({ room: archived });
    for (const { room: savedRoom } of saved) await elsewhere.connection.joinRoom({ room: savedRoom });
    await elsewhere.waitForEvent('conversation.upserted', (e) => e.conversation.id === archived && e.conversation.joined === true);
    await elsewhere.waitForMessage('the newest room history', (m) => m.body === 'said while george was away');

    if (!elsewhere.connection.leaveRoom) throw new Error('no leaveRoom');
    await elsewhere.connection.leaveRoom(archived);
    await elsewhere.waitForEvent('conversation.upserted', (e) => e.conversation.id === archived && e.conversation.joined === false);
  });
});
