/**
 * One-to-one chat against a real Prosody and a real ejabberd: chat states (XEP-0085), receipts (XEP-0184) and
 * displayed markers (XEP-0333), carbons with two resources of one account (XEP-0280),
 * corrections (XEP-0308), replies (XEP-0461), reactions (XEP-0444), MAM catch-up after
 * being offline and scroll-back (XEP-0313), HTTP upload (XEP-0363), and refusals.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../conformance/index.js';
import { startXmppKitOn, type XmppServerKit } from '../servers/prosody/xmppTestKit.js';
import { XMPP_SERVERS } from '../servers/xmppServers.js';

const BOB = 'bob@localhost';
const ALICE = 'alice@localhost';

describe.each(XMPP_SERVERS)('XMPP one-to-one chat on %s', (kind) => {
  let kit: XmppServerKit;
  beforeAll(async () => {
    kit = await startXmppKitOn(kind, { uploadSizeLimit: 64 * 1024 });
  });
  afterEach(async () => {
    await kit.closeAll();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('typing, delivery receipt, displayed marker, correction, reply and reactions, both ways', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    if (!alice.connection.openDirect || !bob.connection.openDirect) throw new Error('no openDirect');
    await alice.connection.openDirect(BOB);
    await bob.connection.openDirect(ALICE); // bob has the chat open: receipts may go to alice

    if (!alice.connection.sendTyping) throw new Error('no sendTyping');
    await alice.connection.sendTyping(BOB, 'active');
    await bob.waitForEvent('typing', (e) => e.conversationId === ALICE && e.participantId === ALICE && e.state === 'active');
    await alice.connection.sendTyping(BOB, 'paused');
    await bob.waitForEvent('typing', (e) => e.state === 'paused');

    await alice.connection.sendMessage({ conversationId: BOB, localId: '10', kind: 'text', body: 'hello bob' });
    const confirmed = await alice.waitForEvent('message.confirmed', (e) => e.localId === '10');
    const atBob = await bob.waitForMessage('hello at bob', (m) => m.body === 'hello bob');
    expect(atBob.networkId).toBeTruthy();
    expect(atBob.networkId).toBe(confirmed.networkId);
    const delivered = await alice.waitForEvent('receipt', (e) => e.kind === 'delivered');
    expect(delivered).toMatchObject({ conversationId: BOB, participantId: BOB, networkId: confirmed.networkId });

    if (!bob.connection.markRead) throw new Error('no markRead');
    await bob.connection.markRead(ALICE, atBob.networkId ?? '');
    await alice.waitForEvent('receipt', (e) => e.kind === 'read' && e.networkId === confirmed.networkId && e.participantId === BOB);

    if (!alice.connection.editMessage) throw new Error('no editMessage');
    await alice.connection.editMessage({ conversationId: BOB, targetNetworkId: confirmed.networkId ?? '', localId: '11', body: 'hello bob, corrected' });
    const edited = await bob.waitForEvent('message.edited', (e) => e.body === 'hello bob, corrected');
    expect(edited).toMatchObject({ conversationId: ALICE, targetNetworkId: atBob.networkId, senderId: ALICE });
    await alice.waitForEvent('message.edited', (e) => e.senderId === ALICE && e.targetNetworkId === confirmed.networkId);
    expect(bob.received().filter((m) => m.body.includes('corrected'))).toHaveLength(0); // an edit, not a new message

    await bob.connection.sendMessage({
      conversationId: ALICE, localId: '20', kind: 'text', body: 'hi! replying',
      replyTo: { networkId: atBob.networkId ?? '', senderId: ALICE, excerpt: 'hello bob' },
    });
    const reply = await alice.waitForMessage('the reply', (m) => m.body === 'hi! replying');
    expect(reply.replyTo).toEqual({ networkId: confirmed.networkId, senderId: ALICE });

    if (!bob.connection.react) throw new Error('no react');
    await bob.connection.react(ALICE, atBob.networkId ?? '', ['👍', '🎉']);
    const reacted = await alice.waitForEvent('reactions.changed', (e) => e.senderId === BOB && e.reactions.length === 2);
    expect(reacted).toMatchObject({ conversationId: BOB, targetNetworkId: confirmed.networkId, reactions: ['👍', '🎉'] });
    await bob.connection.react(ALICE, atBob.networkId ?? '', []);
    await alice.waitForEvent('reactions.changed', (e) => e.senderId === BOB && e.reactions.length === 0);

    await alice.connection.sendMessage({ conversationId: BOB, localId: '12', kind: 'action', body: 'waves' });
    const action = await bob.waitForMessage('the action', (m) => m.body === 'waves');
    expect(action.kind).toBe('action');
  });

  it('carbons: the other device of the same account sees messages both ways', async () => {
    const laptop = await kit.online('alice', { resource: 'laptop' });
    const phone = await kit.online('alice', { resource: 'phone' });
    const bob = await kit.raw('bob');

    bob.send(`<message to='${ALICE}' type='chat' id='from-bob-1'><body>to all of alice's devices</body></message>`);
    const atLaptop = await laptop.waitForMessage('bob\'s message at the laptop', (m) => m.body === 'to all of alice\'s devices');
    const atPhone = await phone.waitForMessage('bob\'s message at the phone', (m) => m.body === 'to all of alice\'s devices');
    expect(atLaptop.networkId).toBe(atPhone.networkId);
    expect(atPhone.fromSelf).toBeFalsy();

    await laptop.connection.sendMessage({ conversationId: BOB, localId: '30', kind: 'text', body: 'sent from the laptop' });
    await bob.waitFor(/sent from the laptop/);
    const carbon = await phone.waitForMessage('the laptop\'s message at the phone', (m) => m.body === 'sent from the laptop');
    expect(carbon).toMatchObject({ conversationId: BOB, senderId: ALICE, fromSelf: true });
    const confirmed = await laptop.waitForEvent('message.confirmed', (e) => e.localId === '30');
    expect(carbon.networkId).toBe(confirmed.networkId);
    // The phone's conversation list learned about bob before any message of that conversation.
    const upsert = phone.events.findIndex((e) => e.type === 'conversation.upserted' && e.conversation.id === BOB);
    const firstMessage = phone.events.findIndex((e) => e.type === 'message.received' && e.message.conversationId === BOB);
    expect(upsert, 'the conversation with bob is announced').toBeGreaterThanOrEqual(0);
    expect(firstMessage, 'bob\'s message arrived').toBeGreaterThanOrEqual(0);
    expect(upsert, 'the conversation is announced before its first message').toBeLessThan(firstMessage);
  });

  it('MAM: messages sent while offline arrive after login, once per network id; scroll-back pages', async () => {
    const persistence = createMemoryPersistence();
    const first = await kit.online('carol', {}, persistence);
    const dave = await kit.online('dave');
    await first.connection.sendMessage({ conversationId: 'dave@localhost', localId: '40', kind: 'text', body: 'carol was here' });
    await dave.waitForMessage('carol\'s message', (m) => m.body === 'carol was here');
    await first.connection.disconnect();

    for (let i = 1; i <= 3; i++) {
      await dave.connection.sendMessage({ conversationId: 'carol@localhost', localId: `5${i}`, kind: 'text', body: `while you were away ${i}` });
      await dave.waitForEvent('message.confirmed', (e) => e.localId === `5${i}`);
    }
    const again = kit.account('carol', {}, persistence); // the app restarted: same plugin storage
    await again.connection.connect();
    for (let i = 1; i <= 3; i++) {
      const got = await again.waitForMessage(`offline message ${i}`, (m) => m.body === `while you were away ${i}` && m.networkId !== undefined);
      expect(got).toMatchObject({ conversationId: 'dave@localhost', senderId: 'dave@localhost' });
      // Offline delivery and the archive may both bring it: always with the same network id.
      const ids = new Set(again.received().filter((m) => m.body === got.body).map((m) => m.networkId));
      expect(ids.size).toBe(1);
    }
    // The archive's copies are marked caught up (API 0.4): the core places them by the archive's time.
    const caughtUp = await again.waitFor('the archive catch-up', () => {
      const copies = again.received().filter((m) => m.catchUp === true);
      return copies.length >= 3 ? copies : undefined;
    });
    expect(caughtUp.map((m) => m.body)).toEqual(['while you were away 1', 'while you were away 2', 'while you were away 3']);

    if (!again.connection.fetchHistory) throw new Error('no fetchHistory');
    const newest = await again.connection.fetchHistory({ conversationId: 'dave@localhost', limit: 2 });
    expect(newest.messages.map((m) => m.body)).toEqual(['while you were away 2', 'while you were away 3']);
    expect(newest.complete).toBe(false);
    const oldest = newest.messages[0];
    if (!oldest) throw new Error('empty page');
    const older = await again.connection.fetchHistory({
      conversationId: 'dave@localhost', limit: 10,
      before: { timestamp: oldest.timestamp, ...(oldest.networkId !== undefined ? { networkId: oldest.networkId } : {}) },
    });
    expect(older.messages.map((m) => m.body)).toEqual(['carol was here', 'while you were away 1']);
    expect(older.complete).toBe(true);
    const own = older.messages[0];
    expect(own).toMatchObject({ fromSelf: true, senderId: 'carol@localhost', localId: '40' });
  });

  it('refuses a 20 MB message clearly and keeps working; a message to nobody fails with a reason', async () => {
    const alice = await kit.online('alice');
    await kit.user('bob');
    const huge = 'x'.repeat(20 * 1024 * 1024);
    await expect(alice.connection.sendMessage({ conversationId: BOB, localId: '60', kind: 'text', body: huge }))
      .rejects.toThrow(/too long to send over XMPP \(21\.0 MB/);
    await alice.connection.sendMessage({ conversationId: 'ghost@localhost', localId: '61', kind: 'text', body: 'anyone?' });
    const failed = await alice.waitForEvent('message.failed', (e) => e.localId === '61');
    expect(failed.error.message).toMatch(/Sending the message failed at ghost@localhost: the service is not available there/);
    await alice.connection.sendMessage({ conversationId: BOB, localId: '62', kind: 'text', body: 'still fine' });
    await alice.waitForEvent('message.confirmed', (e) => e.localId === '62');
  });

  it('uploads a file (XEP-0363) as a link the other side gets as an attachment; too large is refused with the limit', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');
    const limits = await alice.waitForEvent('account.limits', (e) => e.maxUploadBytes !== undefined);
    expect(limits.maxUploadBytes).toBe(64 * 1024); // XEP-0363 §3 max-file-size
    const dir = mkdtempSync(join(tmpdir(), 'xmpp-upload-'));
    const picture = join(dir, 'cat picture.png');
    writeFileSync(picture, Buffer.from('89504e470d0a1a0a0000', 'hex'));
    if (!alice.connection.uploadFile) throw new Error('no uploadFile');
    await alice.connection.uploadFile({ conversationId: BOB, localId: '70', path: picture, name: 'cat picture.png', mimeType: 'image/png', size: 10 });
    const got = await bob.waitForMessage('the upload link', (m) => (m.attachments?.length ?? 0) > 0);
    const attachment = got.attachments?.[0];
    // The name is the URL's last segment: ejabberd's mod_http_upload replaces characters
    // other than letters, digits, `.`, `-` and `_` in the slot's file name with `_`.
    expect(attachment).toMatchObject({ name: kind === 'ejabberd' ? 'cat_picture.png' : 'cat picture.png', kind: 'image' });
    expect(got.body).toBe(attachment?.url);
    const response = await fetch(attachment?.url ?? '');
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString('hex')).toBe('89504e470d0a1a0a0000');
    await alice.waitForEvent('message.confirmed', (e) => e.localId === '70');
    const progress = alice.events.flatMap((e) => (e.type === 'upload.progress' && e.localId === '70' ? [e] : []));
    expect(progress.at(-1)).toMatchObject({ sentBytes: 10, totalBytes: 10 });

    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(100 * 1024));
    await expect(alice.connection.uploadFile({ conversationId: BOB, localId: '71', path: big, name: 'big.bin', mimeType: 'application/octet-stream', size: 100 * 1024 }))
      .rejects.toThrow(/big\.bin is 100 kB; localhost accepts files up to 64 kB/);
  });
});
