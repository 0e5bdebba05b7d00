/**
 * Saving and previewing received Matrix files through the whole core (bridge requests, real
 * plugin worker, Synapse): bob, a matrix-js-sdk client with its own crypto, sends images
 * and files into a plain room and an encrypted room; alice's Switchboard saves them with
 * the same bytes, previews images only when they are images, and refuses expired, oversized,
 * tampered and lying files with a clear error while the messages stay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { sniffImageType } from '../../electron/core/files/imageSniff.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { createPublicRoom, registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { sendFile, untilJoined, type OutgoingFile } from '../servers/synapse/sendFile.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { makePng } from '../support/testImage.js';

const KB = 1024;
const LIMITS = { saveBytes: 2048 * KB, previewBytes: 512 * KB };

let synapse: RunningSynapse;
let alice: MatrixTestUser;
let bob: MatrixTestUser;
let peer: SdkPeer;
let ui: InProcessCore;
let plainRoomId = '';
let encryptedRoomId = '';

function isAdded(name: string) {
  return (event: BridgeEvent): event is Extract<BridgeEvent, { type: 'message.added' }> =>
    event.type === 'message.added' && event.payload.message.attachments?.[0]?.name === name;
}

async function received(roomId: string, encrypted: boolean, file: OutgoingFile): Promise<MessageView> {
  await sendFile(peer.client, roomId, encrypted, file);
  const event = await ui.waitForEvent(isAdded(file.name), 30_000);
  return event.payload.message;
}

const downloads = (): string[] => readdirSync(join(ui.profileDir, 'downloads'));

beforeAll(async () => {
  synapse = await startSynapse();
  [alice, bob] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
  peer = await startSdkPeer(synapse.baseUrl, bob);
  ui = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')], undefined, undefined, { attachmentLimits: LIMITS });
  const account = await ui.client.request('accounts.add', { pluginId: 'matrix', settings: { ...alice.settings } });
  await ui.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 60_000);

  const plain = await createPublicRoom(synapse, bob, `media${process.pid}`);
  plainRoomId = plain.roomId;
  await ui.client.request('conversations.joinRoom', { accountId: account.id, room: plain.alias });

  // An encrypted direct room from bob: alice's plugin accepts direct invites by itself.
  const created = await synapse.request('POST', '/_matrix/client/v3/createRoom', bob.accessToken, {
    preset: 'trusted_private_chat', is_direct: true, invite: [alice.userId],
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
  }) as { room_id: string };
  encryptedRoomId = created.room_id;
  await ui.waitForEvent((e): e is Extract<BridgeEvent, { type: 'conversation.changed' }> =>
    e.type === 'conversation.changed' && e.payload.conversation.encrypted === true && e.payload.conversation.joined, 30_000);
  // Bob's client must see alice joined before it shares the room key with her devices.
  await untilJoined(peer.client, encryptedRoomId, alice.userId);
}, 180_000);

afterAll(async () => {
  peer.stop();
  await ui.close();
  await synapse.stop();
});

describe('Matrix attachments through the core', () => {
  it('an image and a file in a plain room: saved with identical bytes, the image previews as an image', async () => {
    const image = makePng(40, 30);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(600 * KB, 0x41)]);
    const imageMessage = await received(plainRoomId, false, { name: 'plain.png', mimeType: 'image/png', bytes: image });
    const fileMessage = await received(plainRoomId, false, { name: 'report.pdf', mimeType: 'application/pdf', bytes: pdf });

    const savedImage = await ui.client.request('attachments.save', { messageId: imageMessage.id, index: 0 });
    expect(savedImage).toMatchObject({ name: 'plain.png', size: image.length, executable: false });
    expect(readFileSync(savedImage.path).equals(image)).toBe(true);
    const savedFile = await ui.client.request('attachments.save', { messageId: fileMessage.id, index: 0 });
    expect(savedFile.path).toBe(join(ui.profileDir, 'downloads', 'report.pdf'));
    expect(readFileSync(savedFile.path).equals(pdf)).toBe(true);
    // The plugin reports every 256 KiB: the UI hears about the 600 KiB file on its way.
    const progress = await ui.waitForEvent((e): e is Extract<BridgeEvent, { type: 'attachment.progress' }> =>
      e.type === 'attachment.progress' && e.payload.messageId === fileMessage.id);
    expect(progress.payload.totalBytes).toBe(pdf.length);
    expect(progress.payload.receivedBytes).toBeGreaterThan(0);
    console.log(`plain room: saved ${savedImage.size} + ${savedFile.size} bytes; progress seen at ${progress.payload.receivedBytes} of ${pdf.length}`);

    const preview = await ui.client.request('attachments.preview', { messageId: imageMessage.id, index: 0 });
    const previewBytes = Buffer.from(preview.dataBase64, 'base64');
    // Synapse may answer with its own thumbnail (PNG or JPEG): what matters is that it is one.
    expect(sniffImageType(previewBytes)).toBe(preview.mimeType);
    console.log(`plain room preview: ${preview.mimeType}, ${previewBytes.length} bytes`);
  });

  it('an image and a file in an encrypted room: decrypted, verified, saved with identical bytes', async () => {
    const image = makePng(64, 48, [20, 120, 220]);
    const text = Buffer.from('encrypted notes\n'.repeat(2000));
    const imageMessage = await received(encryptedRoomId, true, { name: 'secret.png', mimeType: 'image/png', bytes: image });
    const fileMessage = await received(encryptedRoomId, true, { name: 'secret.txt', mimeType: 'text/plain', bytes: text });
    expect(imageMessage.encrypted).toBe(true);
    // The decryption key stays in the core: the UI's copy of the attachment has no reference.
    expect(imageMessage.attachments?.[0]).not.toHaveProperty('reference');
    expect(JSON.stringify(ui.events)).not.toContain('"hashes"');

    const savedImage = await ui.client.request('attachments.save', { messageId: imageMessage.id, index: 0 });
    expect(readFileSync(savedImage.path).equals(image)).toBe(true);
    const savedFile = await ui.client.request('attachments.save', { messageId: fileMessage.id, index: 0 });
    expect(readFileSync(savedFile.path).equals(text)).toBe(true);
    const preview = await ui.client.request('attachments.preview', { messageId: imageMessage.id, index: 0 });
    expect(preview.mimeType).toBe('image/png');
    expect(Buffer.from(preview.dataBase64, 'base64').equals(image)).toBe(true);
  });

  it('hostile files: expired, too big (announced or not), tampered, lying about being an image; each refused clearly, nothing lost', async () => {
    const before = downloads();
    const expired = await received(plainRoomId, false, { name: 'gone.png', mimeType: 'image/png', bytes: makePng(2, 2), url: `mxc://${synapse.serverName}/doesnotexist${process.pid}` });
    await expect(ui.client.request('attachments.save', { messageId: expired.id, index: 0 })).rejects.toThrow(/no longer has this file/);

    const big = Buffer.alloc(LIMITS.saveBytes + 100 * KB, 1);
    const announced = await received(plainRoomId, false, { name: 'big.bin', mimeType: 'application/octet-stream', bytes: big });
    await expect(ui.client.request('attachments.save', { messageId: announced.id, index: 0 })).rejects.toThrow(/bigger than the 2 MB limit/);
    const understated = await received(plainRoomId, false, { name: 'small-really-not.bin', mimeType: 'application/octet-stream', bytes: big, claimedSize: 10 });
    await expect(ui.client.request('attachments.save', { messageId: understated.id, index: 0 })).rejects.toThrow(/bigger than the 2 MB limit/);

    const tampered = await received(encryptedRoomId, true, { name: 'tampered.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.4 secret'), tamper: true });
    await expect(ui.client.request('attachments.save', { messageId: tampered.id, index: 0 })).rejects.toThrow(/does not match its checksum/);

    const html = Buffer.from('<!doctype html><html><body><script>alert("owned")</script></body></html>');
    const lying = await received(plainRoomId, false, { name: 'cat.png', mimeType: 'image/png', bytes: html });
    await expect(ui.client.request('attachments.preview', { messageId: lying.id, index: 0 })).rejects.toThrow(/not a PNG, JPEG, GIF or WebP image although it says image\/png/);

    // Nothing half-written was left, and every message is still there to try again.
    expect(downloads()).toEqual(before);
    const conversations = await ui.client.request('conversations.list', {});
    const ids = new Set<number>();
    for (const conversation of conversations) {
      for (const message of await ui.client.request('messages.list', { conversationId: conversation.id, limit: 100 })) ids.add(message.id);
    }
    for (const message of [expired, announced, understated, tampered, lying]) expect(ids.has(message.id)).toBe(true);
    // The lying file can still be saved as what it is (a file), just not shown.
    const savedLying = await ui.client.request('attachments.save', { messageId: lying.id, index: 0 });
    expect(readFileSync(savedLying.path).equals(html)).toBe(true);
  });

  it('a program file is saved (never run) and flagged for a warning; a second copy gets its own name', async () => {
    const program = Buffer.from('MZ fake program');
    const first = await received(plainRoomId, false, { name: 'setup.exe', mimeType: 'application/octet-stream', bytes: program });
    const saved = await ui.client.request('attachments.save', { messageId: first.id, index: 0 });
    expect(saved).toMatchObject({ name: 'setup.exe', executable: true });
    const again = await ui.client.request('attachments.save', { messageId: first.id, index: 0 });
    expect(again.name).toBe('setup (2).exe');
    expect(readFileSync(again.path).equals(program)).toBe(true);
  });
});
