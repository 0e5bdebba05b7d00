/**
 * Matrix device trust and late decryption against Synapse. Messages in an encrypted DM say
 * how far the sending device is trusted: a device nobody verified is marked, and after an SAS
 * verification new messages are verified; a message sent in the clear is marked as such. A
 * message whose key arrives after it (held back by the sender's client, as federation may do)
 * is stored as undecryptable and then replaced in place by its text, not shown as edited.
 * A flood of verification requests from one person asks the user once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { createMemoryPersistence } from '../conformance/index.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { boundedTimelinePlugin, liveTimelineLength, MatrixAccounts } from '../servers/synapse/accounts.js';
import { registerTestUser } from '../servers/synapse/fixtures.js';
import { heldToDevice } from '../servers/synapse/heldToDevice.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { verifyBySas } from '../servers/synapse/verification.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

let synapse: RunningSynapse;
const accounts = new MatrixAccounts(30_000);
let core: InProcessCore | undefined;
let peer: SdkPeer | undefined;

beforeAll(async () => {
  synapse = await startSynapse();
});
afterAll(async () => {
  peer?.stop();
  await core?.close();
  await accounts.closeAll();
  await synapse.stop();
});

describe('Matrix sender-device trust', () => {
  it('marks messages from an unverified device, and new messages as verified after SAS verification', async () => {
    const [aliceUser, bobUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
    const bobPersistence = createMemoryPersistence();
    const alice = await accounts.online(aliceUser.settings);
    const bob = await accounts.online(bobUser.settings, bobPersistence);
    if (!alice.connection.openDirect) throw new Error('no openDirect');
    await alice.connection.openDirect(bob.id);
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === bob.id && e.conversation.encrypted === true);

    await bob.connection.sendMessage({ conversationId: alice.id, localId: 'b1', kind: 'text', body: 'before verifying' });
    const before = await alice.waitForMessage('bob\'s first message', (m) => m.body === 'before verifying');
    expect(before).toMatchObject({ encrypted: true, senderTrust: 'unverified-device' });

    const { deviceId: bobDevice } = await bobPersistence.storage.get('session') as { deviceId: string };
    await verifyBySas(alice, bob, bobDevice);

    await bob.connection.sendMessage({ conversationId: alice.id, localId: 'b2', kind: 'text', body: 'after verifying' });
    const after = await alice.waitForMessage('bob\'s message after verifying', (m) => m.body === 'after verifying');
    expect(after).toMatchObject({ encrypted: true, senderTrust: 'verified' });
    // SAS verifies both ways: bob now trusts alice's device too.
    await alice.connection.sendMessage({ conversationId: bob.id, localId: 'a1', kind: 'text', body: 'verified both ways' });
    const atBob = await bob.waitForMessage('alice\'s message after verifying', (m) => m.body === 'verified both ways');
    expect(atBob.senderTrust).toBe('verified');

    // A client that sends in the clear into the encrypted room: marked, whoever sends it.
    const direct = await synapse.request('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.id)}/account_data/m.direct`, aliceUser.accessToken) as Record<string, string[]>;
    const roomId = direct[bob.id]?.[0] ?? '';
    await synapse.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/clear-${Date.now()}`, bobUser.accessToken,
      { msgtype: 'm.text', body: 'sent in the clear' });
    const clear = await alice.waitForMessage('the message sent in the clear', (m) => m.body === 'sent in the clear');
    expect(clear.senderTrust).toBe('unencrypted');
    expect(clear.encrypted).toBeUndefined();
  });
});

describe('Matrix late decryption, through the core', () => {
  it('a message whose key arrives late replaces its placeholder in place, not as an edit', async () => {
    const [aliceUser, carolUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'carol')]);
    const keys = heldToDevice();
    const carol = await startSdkPeer(synapse.baseUrl, carolUser, { fetchFn: keys.fetchFn });
    peer = carol;
    const running = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')]);
    core = running;
    const account = await running.client.request('accounts.add', { pluginId: 'matrix', settings: aliceUser.settings });
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 60_000);
    const conversation = await running.client.request('conversations.openDirect', { accountId: account.id, contactId: carol.userId });
    expect(conversation.encrypted).toBe(true);

    // Carol's client joins (it accepts every invite); then it sends with its keys held back.
    const roomId = await eventually('carol to be in the encrypted DM', () => carol.client.getRooms().find((room) =>
      room.getMyMembership() === 'join' && room.hasEncryptionStateEvent() && room.getMember(aliceUser.userId)?.membership === 'join')?.roomId);
    keys.hold();
    await carol.sendText(roomId, 'sent before its key');
    const added = await running.waitForEvent((e) => e.type === 'message.added' && e.payload.message.conversationId === conversation.id && e.payload.message.undecryptable === true, 30_000);
    const placeholder = messageOf(added);
    expect(placeholder.body).toMatch(/could not be decrypted/i);

    expect(await keys.release()).toBeGreaterThan(0);
    const updated = messageOf(await running.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === placeholder.id
      && e.payload.message.body === 'sent before its key', 30_000));
    expect(updated.undecryptable).toBeUndefined();
    expect(updated.edited).toBeUndefined();
    expect(updated).toMatchObject({ encrypted: true, senderTrust: 'unverified-device', senderId: carol.userId });

    // What the UI loads from the store: the one message, with its text, in the placeholder's place.
    const stored = await running.client.request('messages.list', { conversationId: conversation.id, limit: 50 });
    expect(stored.filter((m) => m.senderId === carol.userId).map((m) => [m.id, m.body, m.edited ?? false])).toEqual([[placeholder.id, 'sent before its key', false]]);
    const hits = await running.client.request('search.query', { query: 'before its key', limit: 10 });
    expect(hits.map((hit) => hit.message.id)).toEqual([placeholder.id]);
  });
});

describe('Matrix late decryption, with a bounded live timeline', () => {
  it('a message whose key arrives after it left the live timeline is still decrypted in place', async () => {
    const KEEP = 5;
    const bounded = new MatrixAccounts(30_000, boundedTimelinePlugin(KEEP));
    const [aliceUser, daveUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'dave')]);
    const keys = heldToDevice();
    const dave = await startSdkPeer(synapse.baseUrl, daveUser, { fetchFn: keys.fetchFn });
    try {
      const alice = await bounded.online(aliceUser.settings);
      if (!alice.connection.openDirect) throw new Error('no openDirect');
      await alice.connection.openDirect(dave.userId);
      const roomId = await eventually('dave to be in the encrypted DM', () => dave.client.getRooms().find((room) =>
        room.getMyMembership() === 'join' && room.hasEncryptionStateEvent() && room.getMember(aliceUser.userId)?.membership === 'join')?.roomId);
      keys.hold();
      const COUNT = 2 * KEEP;
      for (let i = 0; i < COUNT; i++) await dave.sendText(roomId, `late ${i}`);
      await alice.waitFor(`${COUNT} undecryptable messages`, () => {
        const got = alice.received().filter((m) => m.senderId === dave.userId && m.undecryptable === true);
        return got.length >= COUNT ? got : undefined;
      });
      await eventually('the live timeline trimmed', () => ((liveTimelineLength(alice, roomId) ?? Infinity) <= KEEP ? true : undefined));

      expect(await keys.release()).toBeGreaterThan(0);
      const decrypted = await alice.waitFor('every message decrypted', () => {
        const got = alice.events.flatMap((e) => (e.type === 'message.decrypted' && e.message.senderId === dave.userId ? [e.message.body] : []));
        return got.length >= COUNT ? got : undefined;
      });
      expect([...decrypted].sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `late ${i}`).sort());
    } finally {
      dave.stop();
      await bounded.closeAll();
    }
  });
});

describe('Matrix verification requests, bounded', () => {
  it('a flood of verification requests from one person asks the user one at a time', async () => {
    const [aliceUser, malloryUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'mallory')]);
    const alicePersistence = createMemoryPersistence();
    const alice = await accounts.online(aliceUser.settings, alicePersistence);
    const { deviceId: aliceDevice } = await alicePersistence.storage.get('session') as { deviceId: string };
    const mallory = await startSdkPeer(synapse.baseUrl, malloryUser);
    try {
      const crypto = mallory.client.getCrypto();
      if (!crypto) throw new Error('no crypto');
      // Mallory's client must track alice's devices to ask one of them: they share a room.
      if (!alice.connection.openDirect) throw new Error('no openDirect');
      await alice.connection.openDirect(mallory.userId);
      const dm = await eventually('mallory in a room with alice', () => mallory.client.getRooms().find((room) =>
        room.getMyMembership() === 'join' && room.getMember(alice.id)?.membership === 'join'));
      expect((await crypto.getUserDeviceInfo([alice.id], true)).get(alice.id)?.has(aliceDevice)).toBe(true);
      for (let i = 0; i < 8; i++) await crypto.requestDeviceVerification(alice.id, aliceDevice);
      // A message sent after the flood: the sync that brings it has brought the requests (to-device first).
      await mallory.sendText(dm.roomId, 'after the flood');
      await alice.waitForMessage('mallory\'s message after the flood', (m) => m.body === 'after the flood');
      // Mallory's client may withdraw an older request when it makes a newer one: never more than one open.
      const open = new Set<string>();
      let most = 0;
      for (const e of alice.events) {
        if (e.type === 'request.raised' && e.request.kind === 'verification' && e.request.fromId === mallory.userId) open.add(e.request.id);
        if (e.type === 'request.closed') open.delete(e.requestId);
        most = Math.max(most, open.size);
      }
      expect(most).toBe(1);
    } finally {
      mallory.stop();
    }
  });
});

function messageOf(event: { type: string; payload: unknown }): MessageView {
  return (event.payload as { message: MessageView }).message;
}
