/**
 * XEP-0490 displayed-marker synchronisation between two devices of one account, against a
 * real Prosody: reading a chat or a room on one device tells the other (a `read` receipt
 * from the account's own id, which the core shows as "read elsewhere"), live and after the
 * other device was offline.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../conformance/index.js';
import { xmppKitPerFile } from '../servers/prosody/xmppKitPerFile.js';

const ALICE = 'alice@localhost';
const BOB = 'bob@localhost';

describe('XMPP read markers across own devices (XEP-0490)', () => {
  const kit = xmppKitPerFile();

  it('a chat and a room read on the laptop are read on the phone', async () => {
    const room = `readers@${kit().server.mucDomain}`;
    const laptop = await kit().online('alice', { resource: 'laptop' });
    const phone = await kit().online('alice', { resource: 'phone' });
    const bob = await kit().online('bob');
    if (!laptop.connection.markRead || !laptop.connection.joinRoom || !phone.connection.joinRoom || !bob.connection.joinRoom) throw new Error('missing methods');

    await bob.connection.sendMessage({ conversationId: ALICE, localId: '1', kind: 'text', body: 'read me' });
    const onLaptop = await laptop.waitForMessage('on the laptop', (m) => m.body === 'read me');
    const onPhone = await phone.waitForMessage('on the phone', (m) => m.body === 'read me');
    await laptop.connection.markRead(BOB, onLaptop.networkId ?? '');
    const read = await phone.waitForEvent('receipt', (e) => e.participantId === ALICE && e.conversationId === BOB);
    expect(read).toMatchObject({ kind: 'read', networkId: onPhone.networkId });
    // The contact still gets the displayed marker (XEP-0333).
    await bob.waitForEvent('receipt', (e) => e.kind === 'read' && e.participantId === ALICE);

    await laptop.connection.joinRoom({ room, nick: 'alice-laptop' });
    await phone.connection.joinRoom({ room, nick: 'alice-phone' });
    await bob.connection.joinRoom({ room });
    await bob.connection.sendMessage({ conversationId: room, localId: '2', kind: 'text', body: 'room news' });
    const roomLaptop = await laptop.waitForMessage('room message on the laptop', (m) => m.body === 'room news');
    const roomPhone = await phone.waitForMessage('room message on the phone', (m) => m.body === 'room news');
    await laptop.connection.markRead(room, roomLaptop.networkId ?? '');
    const roomRead = await phone.waitForEvent('receipt', (e) => e.participantId === ALICE && e.conversationId === room);
    expect(roomRead).toMatchObject({ kind: 'read', networkId: roomPhone.networkId });
    // No marker in the room itself: bob hears nothing from alice's reading.
    expect(bob.events.filter((e) => e.type === 'receipt' && e.conversationId === room)).toHaveLength(0);
  });

  it('a phone that was offline learns after login what was read meanwhile', async () => {
    const persistence = createMemoryPersistence();
    const laptop = await kit().online('alice', { resource: 'laptop' });
    const phone = await kit().online('alice', { resource: 'phone' }, persistence);
    const bob = await kit().online('bob');
    if (!laptop.connection.markRead) throw new Error('no markRead');
    await bob.connection.sendMessage({ conversationId: ALICE, localId: '3', kind: 'text', body: 'first' });
    await phone.waitForMessage('first on the phone', (m) => m.body === 'first');
    await phone.connection.disconnect();

    await bob.connection.sendMessage({ conversationId: ALICE, localId: '4', kind: 'text', body: 'while the phone was off' });
    const onLaptop = await laptop.waitForMessage('on the laptop', (m) => m.body === 'while the phone was off');
    await laptop.connection.markRead(BOB, onLaptop.networkId ?? '');

    const again = kit().account('alice', { resource: 'phone' }, persistence);
    await again.connection.connect();
    const caught = await again.waitForMessage('the caught-up message', (m) => m.body === 'while the phone was off');
    const read = await again.waitForEvent('receipt', (e) => e.participantId === ALICE && e.conversationId === BOB);
    expect(read).toMatchObject({ kind: 'read', networkId: caught.networkId });
  });
});
