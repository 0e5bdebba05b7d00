/**
 * Matrix end-to-end encryption against Synapse: an encrypted DM that round-trips, then again
 * after both clients restart (keys kept in the account's data folder), old messages still
 * readable from history, and an undecryptable message that says so. A room shows as
 * encrypted as soon as it is, even when its encryption state is synced late.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPersistence, type AccountPersistence } from '../conformance/index.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { MatrixAccounts, type OnlineAccount } from '../servers/synapse/accounts.js';
import { createPublicRoom, registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';
import { withholdEncryptionState } from '../servers/synapse/withheldEncryption.js';
import { verifyBySas } from '../servers/synapse/verification.js';

let synapse: RunningSynapse;
let aliceUser: MatrixTestUser;
let bobUser: MatrixTestUser;
const accounts = new MatrixAccounts(30_000);
const alicePersistence: AccountPersistence = createMemoryPersistence();
const bobPersistence: AccountPersistence = createMemoryPersistence();
let roomId = '';

beforeAll(async () => {
  synapse = await startSynapse();
  [aliceUser, bobUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
});
afterAll(async () => {
  await accounts.closeAll();
  await synapse.stop();
});

async function roundTrip(alice: OnlineAccount, bob: OnlineAccount, tag: string): Promise<void> {
  await alice.connection.sendMessage({ conversationId: bob.id, localId: `${tag}-a`, kind: 'text', body: `${tag} from alice 🔐` });
  const atBob = await bob.waitForMessage(`alice's ${tag}`, (m) => m.body === `${tag} from alice 🔐`);
  expect(atBob.encrypted).toBe(true);
  expect(atBob.undecryptable).toBeFalsy();
  expect(atBob.conversationId).toBe(alice.id);
  await bob.connection.sendMessage({ conversationId: alice.id, localId: `${tag}-b`, kind: 'text', body: `${tag} from bob` });
  const atAlice = await alice.waitForMessage(`bob's ${tag}`, (m) => m.body === `${tag} from bob`);
  expect(atAlice.encrypted).toBe(true);
}

describe('Matrix end-to-end encryption', () => {
  it('a new DM is encrypted and messages round-trip; the server sees only ciphertext', async () => {
    const alice = await accounts.online(aliceUser.settings, alicePersistence);
    const bob = await accounts.online(bobUser.settings, bobPersistence);
    if (!alice.connection.openDirect) throw new Error('no openDirect');
    await alice.connection.openDirect(bob.id);
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === bob.id && e.conversation.encrypted === true);
    await roundTrip(alice, bob, 'first');
    await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === alice.id && e.conversation.encrypted === true);

    const direct = await synapse.request('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.id)}/account_data/m.direct`, aliceUser.accessToken) as Record<string, string[]>;
    roomId = direct[bob.id]?.[0] ?? '';
    const raw = await synapse.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=20`, bobUser.accessToken) as { chunk: { type: string; content: Record<string, unknown> }[] };
    expect(raw.chunk.some((event) => event.type === 'm.room.encrypted')).toBe(true);
    expect(JSON.stringify(raw.chunk)).not.toContain('first from alice');
  });

  it('after both clients restart: same devices, messages round-trip, old messages decrypt from history', async () => {
    await accounts.closeAll();
    const alice = await accounts.online({ userId: aliceUser.userId, homeserver: synapse.baseUrl }, alicePersistence);
    const bob = await accounts.online({ userId: bobUser.userId, homeserver: synapse.baseUrl }, bobPersistence);
    await roundTrip(alice, bob, 'second');
    if (!bob.connection.fetchHistory) throw new Error('no fetchHistory');
    const history = await bob.connection.fetchHistory({ conversationId: alice.id, limit: 20 });
    const first = history.messages.find((m) => m.body === 'first from alice 🔐');
    expect(first?.encrypted).toBe(true);
    expect(history.messages.some((m) => m.undecryptable === true)).toBe(false);
  });

  it('a file sent in the encrypted DM is uploaded encrypted and arrives as an attachment', async () => {
    await accounts.closeAll();
    const alice = await accounts.online({ userId: aliceUser.userId, homeserver: synapse.baseUrl }, alicePersistence);
    const bob = await accounts.online({ userId: bobUser.userId, homeserver: synapse.baseUrl }, bobPersistence);
    if (!alice.connection.uploadFile) throw new Error('no uploadFile');
    const plain = Buffer.from('a secret document, not for the server\n'.repeat(100));
    const path = join(mkdtempSync(join(tmpdir(), 'switchboard-e2ee-upload-')), 'secret.txt');
    writeFileSync(path, plain);
    await alice.connection.uploadFile({ conversationId: bob.id, localId: 'file-1', path, name: 'secret.txt', mimeType: 'text/plain', size: plain.length });
    await alice.waitForEvent('message.confirmed', (e) => e.localId === 'file-1');
    const got = await bob.waitForMessage('the encrypted file', (m) => m.attachments?.[0]?.name === 'secret.txt');
    expect(got.encrypted).toBe(true);
    expect(got.attachments?.[0]).toMatchObject({ mimeType: 'text/plain', size: plain.length, kind: 'file' });
    const mediaId = got.attachments?.[0]?.url.slice('mxc://'.length) ?? '';
    const stored = await fetch(`${synapse.baseUrl}/_matrix/client/v1/media/download/${mediaId}`, { headers: { Authorization: `Bearer ${bobUser.accessToken}` } });
    const bytes = Buffer.from(await stored.arrayBuffer());
    expect(bytes.length).toBe(plain.length); // AES-CTR keeps the length
    expect(bytes.equals(plain)).toBe(false);
    expect(bytes.toString('latin1')).not.toContain('secret document');
  });

  it('a message that cannot be decrypted arrives marked, with a body that says so', async () => {
    await accounts.closeAll();
    const alice = await accounts.online({ userId: aliceUser.userId, homeserver: synapse.baseUrl }, alicePersistence);
    await synapse.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.encrypted/bogus-${Date.now()}`, bobUser.accessToken, {
      algorithm: 'm.megolm.v1.aes-sha2', sender_key: 'c2VuZGVyIGtleSB0aGF0IGRvZXMgbm90IGV4aXN0IGhlcmU', device_id: 'NOPE',
      session_id: 'c2Vzc2lvbiB0aGF0IG5ldmVyIGV4aXN0ZWQgYW55d2hlcmU', ciphertext: 'AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg',
    });
    const broken = await alice.waitForMessage('the undecryptable message', (m) => m.undecryptable === true);
    expect(broken.body).toMatch(/could not be decrypted/i);
    expect(broken.senderId).toBe(bobUser.userId);
    expect(broken.conversationId).toBe(bobUser.userId);
  });

  it('SAS verification: both sides compare the same emoji, confirm, and the device is then verified', async () => {
    await accounts.closeAll();
    const alice = await accounts.online({ userId: aliceUser.userId, homeserver: synapse.baseUrl }, alicePersistence);
    const bob = await accounts.online({ userId: bobUser.userId, homeserver: synapse.baseUrl }, bobPersistence);
    const { deviceId: bobDevice } = await bobPersistence.storage.get('session') as { deviceId: string };
    if (!alice.connection.runCommand) throw new Error('missing methods');

    await alice.connection.runCommand('devices', bob.id, undefined);
    const before = await alice.waitForEvent('server.notice', (e) => e.text.includes(bobDevice));
    expect(before.text).toMatch(new RegExp(`${bobDevice}.*unverified`));

    await verifyBySas(alice, bob, bobDevice);

    const mark = alice.events.length;
    await alice.connection.runCommand('devices', bob.id, undefined);
    const after = await alice.waitFor('the device list after verifying', () =>
      alice.events.slice(mark).find((e) => e.type === 'server.notice' && e.text.includes(bobDevice)));
    expect(after.type === 'server.notice' ? after.text : '').toMatch(new RegExp(`${bobDevice}.*✅ verified`));
  });
});

describe('Matrix room encryption state, when it is synced late', () => {
  it('a new DM shows as encrypted once opened, and a message waits for the encryption state, when that state is applied late', async () => {
    const [erinUser, frankUser] = await Promise.all([registerTestUser(synapse, 'erin'), registerTestUser(synapse, 'frank')]);
    const erin = await accounts.online(erinUser.settings);
    if (!erin.connection.openDirect) throw new Error('no openDirect');
    const creation = withholdEncryptionState();
    try {
      // Erin's client has not applied the room's m.room.encryption state when openDirect ends.
      await erin.connection.openDirect(frankUser.userId);
      const opened = erin.events.filter((e) => e.type === 'conversation.upserted' && e.conversation.id === frankUser.userId).at(-1);
      expect(opened?.type === 'conversation.upserted' && opened.conversation.encrypted).toBe(true);

      const sending = erin.connection.sendMessage({ conversationId: frankUser.userId, localId: 'early', kind: 'text', body: 'sent before the state synced' });
      creation.release();
      // Frank's join wakes erin's sync, which now hands over the encryption state.
      await synapse.request('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(creation.roomId() ?? '')}/join`, frankUser.accessToken, {});
      await sending;
      await erin.waitForEvent('message.confirmed', (e) => e.localId === 'early');
      const raw = await synapse.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(creation.roomId() ?? '')}/messages?dir=b&limit=50`, erinUser.accessToken) as { chunk: { type: string }[] };
      expect(raw.chunk.filter((event) => event.type === 'm.room.message')).toEqual([]);
      expect(raw.chunk.some((event) => event.type === 'm.room.encrypted')).toBe(true);
      const upserts = erin.events.filter((e) => e.type === 'conversation.upserted' && e.conversation.id === frankUser.userId);
      expect(upserts.map((e) => e.type === 'conversation.upserted' && e.conversation.encrypted)).not.toContain(false);
    } finally {
      creation.restore();
    }
  });

  it('a room whose encryption is enabled after it was shown is shown as encrypted', async () => {
    const [ownerUser, ginaUser] = await Promise.all([registerTestUser(synapse, 'owner'), registerTestUser(synapse, 'gina')]);
    const gina = await accounts.online(ginaUser.settings);
    if (!gina.connection.joinRoom) throw new Error('no joinRoom');
    const { alias, roomId: groupId } = await createPublicRoom(synapse, ownerUser, `later${process.pid}`);
    await gina.connection.joinRoom({ room: alias });
    const shown = await gina.waitForEvent('conversation.upserted', (e) => e.conversation.id === groupId);
    expect(shown.conversation.encrypted).toBeUndefined();

    await synapse.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(groupId)}/state/m.room.encryption/`, ownerUser.accessToken, { algorithm: 'm.megolm.v1.aes-sha2' });
    await gina.waitForEvent('conversation.upserted', (e) => e.conversation.id === groupId && e.conversation.encrypted === true);
  });
});
