/**
 * XEP-0424 message retraction against a real Prosody: the user's deletion reaches the
 * contact (live and through the archive to a device that was offline) and the room; the
 * fallback body (XEP-0428) is never shown as a message; nobody retracts someone else's.
 */
import { describe, expect, it } from 'vitest';
import { xmppKitPerFile } from '../servers/prosody/xmppKitPerFile.js';

const BOB = 'bob@localhost';
const ALICE = 'alice@localhost';

describe('XMPP message retraction (XEP-0424)', () => {
  const kit = xmppKitPerFile();

  it('one-to-one: a deleted message is deleted at the contact, and a contact cannot delete ours', async () => {
    const alice = await kit().online('alice');
    const bob = await kit().online('bob');
    if (!alice.connection.openDirect || !alice.connection.deleteMessage) throw new Error('no deleteMessage');
    await alice.connection.openDirect(BOB);

    await alice.connection.sendMessage({ conversationId: BOB, localId: '1', kind: 'text', body: 'oops, wrong chat' });
    const confirmed = await alice.waitForEvent('message.confirmed', (e) => e.localId === '1');
    const atBob = await bob.waitForMessage('the message', (m) => m.body === 'oops, wrong chat');
    await alice.connection.deleteMessage(BOB, confirmed.networkId ?? '');
    await alice.waitForEvent('message.deleted', (e) => e.conversationId === BOB && e.targetNetworkId === confirmed.networkId);
    const deleted = await bob.waitForEvent('message.deleted', (e) => e.targetNetworkId === atBob.networkId);
    expect(deleted).toMatchObject({ conversationId: ALICE, senderId: ALICE });
    expect(bob.received().filter((m) => m.body.includes('retract'))).toHaveLength(0);

    // Bob, on another client, tries to retract alice's next message: alice keeps it.
    await alice.connection.sendMessage({ conversationId: BOB, localId: '2', kind: 'text', body: 'stays' });
    const stays = await alice.waitForEvent('message.confirmed', (e) => e.localId === '2');
    const raw = await kit().raw('bob', 'other');
    raw.send(`<message to='${ALICE}' type='chat' id='r1'><retract xmlns='urn:xmpp:message-retract:1' id='${stays.networkId ?? ''}'/><body>fallback</body></message>`);
    raw.send(`<message to='${ALICE}' type='chat' id='r2'><body>after the attempt</body></message>`);
    await alice.waitForMessage('the message after', (m) => m.body === 'after the attempt');
    expect(alice.events.filter((e) => e.type === 'message.deleted' && e.targetNetworkId === stays.networkId)).toHaveLength(0);
    expect(alice.received().filter((m) => m.body === 'fallback')).toHaveLength(0);
  });

  it('a device that was offline applies the retraction from the archive', async () => {
    const alice = await kit().online('alice');
    await kit().user('bob');
    if (!alice.connection.openDirect || !alice.connection.deleteMessage) throw new Error('no deleteMessage');
    await alice.connection.openDirect(BOB);
    await alice.connection.sendMessage({ conversationId: BOB, localId: '5', kind: 'text', body: 'sent while bob was away' });
    const confirmed = await alice.waitForEvent('message.confirmed', (e) => e.localId === '5');
    await alice.connection.deleteMessage(BOB, confirmed.networkId ?? '');
    await alice.waitForEvent('message.deleted', (e) => e.targetNetworkId === confirmed.networkId);

    const bob = await kit().online('bob');
    const caught = await bob.waitForMessage('the archived message', (m) => m.body === 'sent while bob was away');
    await bob.waitForEvent('message.deleted', (e) => e.conversationId === ALICE && e.targetNetworkId === caught.networkId);
    expect(bob.received().filter((m) => m.body.includes('retract'))).toHaveLength(0);
  });

  it('rooms: an occupant deletes their message for everyone, not someone else\'s', async () => {
    const room = `retract@${kit().server.mucDomain}`;
    const alice = await kit().online('alice');
    const bob = await kit().online('bob');
    if (!alice.connection.joinRoom || !bob.connection.joinRoom || !bob.connection.deleteMessage) throw new Error('missing room methods');
    await alice.connection.joinRoom({ room });
    await bob.connection.joinRoom({ room });
    await alice.waitFor('bob in the room', () => alice.members.get(room)?.get(BOB));

    await bob.connection.sendMessage({ conversationId: room, localId: '7', kind: 'text', body: 'to be retracted' });
    const confirmed = await bob.waitForEvent('message.confirmed', (e) => e.localId === '7');
    const atAlice = await alice.waitForMessage('bob\'s room message', (m) => m.body === 'to be retracted');
    expect(atAlice.networkId).toBe(confirmed.networkId);
    await bob.connection.deleteMessage(room, confirmed.networkId ?? '');
    await alice.waitForEvent('message.deleted', (e) => e.conversationId === room && e.targetNetworkId === atAlice.networkId && e.senderId === BOB);
    expect(alice.received().filter((m) => m.body.includes('retract') && m.senderId === BOB && m.body !== 'to be retracted')).toHaveLength(0);

    // Carol retracts alice's message: nobody deletes it.
    await alice.connection.sendMessage({ conversationId: room, localId: '8', kind: 'text', body: 'alice says' });
    const mine = await alice.waitForEvent('message.confirmed', (e) => e.localId === '8');
    const atBob = await bob.waitForMessage('alice\'s room message', (m) => m.body === 'alice says');
    const carol = await kit().raw('carol');
    carol.send(`<presence to='${room}/carol'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await bob.waitFor('carol in the room', () => bob.members.get(room)?.get('carol@localhost'));
    carol.send(`<message to='${room}' type='groupchat' id='c1'><retract xmlns='urn:xmpp:message-retract:1' id='${mine.networkId ?? ''}'/><body>fallback</body></message>`);
    carol.send(`<message to='${room}' type='groupchat' id='c2'><body>carol was here</body></message>`);
    await bob.waitForMessage('carol\'s message', (m) => m.body === 'carol was here');
    expect(bob.events.filter((e) => e.type === 'message.deleted' && e.targetNetworkId === atBob.networkId)).toHaveLength(0);
    expect(bob.received().filter((m) => m.body === 'fallback')).toHaveLength(0);
  });
});
