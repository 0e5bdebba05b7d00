/**
 * Matrix cross-signing and key backup against Synapse (spec §Cross-signing, §Secret storage,
 * §Server-side key backups). Alice's Switchboard sets up recovery (cross-signing keys, a
 * recovery key shown once, a key backup) and chats in an encrypted DM with Bob, who runs an
 * independent matrix-js-sdk client. A new Switchboard device of Alice first shows the older
 * messages as undecryptable; once Alice types her recovery key there, they decrypt in place,
 * and Bob's client sees the new device signed by Alice's cross-signing identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../conformance/index.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { MatrixAccounts } from '../servers/synapse/accounts.js';
import { registerTestUser } from '../servers/synapse/fixtures.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { eventually } from '../support/wsBridgeClient.js';

let synapse: RunningSynapse;
const accounts = new MatrixAccounts(30_000);
let peer: SdkPeer | undefined;

beforeAll(async () => {
  synapse = await startSynapse();
});
afterAll(async () => {
  peer?.stop();
  await accounts.closeAll();
  await synapse.stop();
});

/** Poll `find` (it asks a server or a client's crypto) until it has an answer. */
async function pollFor<T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function deviceOf(persistence: ReturnType<typeof createMemoryPersistence>): Promise<string> {
  return (await persistence.storage.get('session') as { deviceId: string }).deviceId;
}

describe('Matrix recovery: cross-signing and key backup', () => {
  it('a new device enters the recovery key, is cross-signed, and reads the older encrypted history', async () => {
    const [aliceUser, bobUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
    const bob = await startSdkPeer(synapse.baseUrl, bobUser);
    peer = bob;
    const firstInstall = createMemoryPersistence();
    const alice = await accounts.online(aliceUser.settings, firstInstall);
    const firstDevice = await deviceOf(firstInstall);
    if (!alice.connection.openDirect || !alice.connection.runCommand || !alice.connection.answerRequest) throw new Error('missing methods');
    const { conversationId } = await alice.connection.openDirect(bob.userId);
    const roomId = await eventually('bob to be in the encrypted DM', () => bob.client.getRooms().find((room) =>
      room.getMyMembership() === 'join' && room.hasEncryptionStateEvent() && room.getMember(alice.id)?.membership === 'join')?.roomId);

    // Set up recovery: the key is shown once, as a request to close, not as a notice kept in the history.
    await alice.connection.runCommand('recovery', 'setup', undefined);
    const shown = await alice.waitForEvent('request.raised', (e) => e.request.id === 'recovery-key');
    const recoveryKey = shown.request.detail ?? '';
    expect(recoveryKey).toMatch(/^(\w{4} ){11}\w{4}$/);
    await alice.waitForEvent('server.notice', (e) => e.text.startsWith('🔐 Recovery is set up'));
    expect(alice.events.some((e) => e.type === 'server.notice' && e.text.includes(recoveryKey))).toBe(false);
    await alice.connection.answerRequest('recovery-key', 'saved');
    await alice.waitForEvent('request.closed', (e) => e.requestId === 'recovery-key');

    // Bob's own client sees Alice's cross-signing identity, and her device signed by it.
    const bobCrypto = bob.client.getCrypto();
    if (!bobCrypto) throw new Error('no crypto at bob');
    await pollFor('alice\'s cross-signing keys at bob', async () => await bobCrypto.userHasCrossSigningKeys(alice.id, true) ? true : undefined);
    await pollFor('alice\'s first device signed by her identity, at bob', async () => {
      await bobCrypto.getUserDeviceInfo([alice.id], true);
      return (await bobCrypto.getDeviceVerificationStatus(alice.id, firstDevice))?.signedByOwner === true ? true : undefined;
    });

    // History to restore: Bob's messages (their keys reach Alice's first device and go to the backup) and hers.
    await bob.sendText(roomId, 'older secret from bob');
    await alice.waitForMessage('bob\'s older message', (m) => m.body === 'older secret from bob');
    await alice.connection.sendMessage({ conversationId, localId: 'a1', kind: 'text', body: 'older secret from alice' });
    await bob.waitForMessage(/older secret from alice/);
    // The first device uploads its keys to the backup in the background: wait until both are there.
    const backup = await pollFor('the key backup version', async () => {
      const answer = await synapse.request('GET', '/_matrix/client/v3/room_keys/version', aliceUser.accessToken) as { version?: string };
      return answer.version;
    });
    await pollFor('both room keys in the backup', async () => {
      const keys = await synapse.request('GET', `/_matrix/client/v3/room_keys/keys?version=${backup}`, aliceUser.accessToken) as
        { rooms?: Record<string, { sessions?: Record<string, unknown> }> };
      return Object.keys(keys.rooms?.[roomId]?.sessions ?? {}).length >= 2 ? true : undefined;
    });

    // A new device of Alice: the older messages arrive undecryptable.
    const secondInstall = createMemoryPersistence();
    const second = await accounts.online({ ...aliceUser.settings, deviceName: 'Second Switchboard' }, secondInstall);
    const secondDevice = await deviceOf(secondInstall);
    expect(secondDevice).not.toBe(firstDevice);
    if (!second.connection.runCommand) throw new Error('missing methods');
    const placeholders = await eventually('the older messages, undecryptable, on the new device', () => {
      const found = second.received().filter((m) => m.conversationId === conversationId && m.undecryptable === true);
      return found.length >= 2 ? found : undefined;
    }, 30_000);
    expect(placeholders.map((m) => m.body).join(' ')).not.toMatch(/older secret/);

    // A wrong key is refused in words; then the right one, typed with its spaces.
    await expect(second.connection.runCommand('recovery', 'not a key', undefined)).rejects.toThrow(/not a recovery key/);
    await second.connection.runCommand('recovery', recoveryKey, undefined);
    const accepted = await second.waitForEvent('server.notice', (e) => e.text.startsWith('🔐 Recovery key accepted'));
    expect(accepted.text).toMatch(/this device is now cross-signed, and [1-9]\d* message keys? were restored/);
    const fromBob = await second.waitForEvent('message.decrypted', (e) => e.message.body === 'older secret from bob');
    expect(fromBob.message.networkId).toBe(placeholders.find((m) => m.senderId === bob.userId)?.networkId);
    await second.waitForEvent('message.decrypted', (e) => e.message.body === 'older secret from alice');

    // Bob's client sees the new device signed by Alice's identity, without verifying it.
    await pollFor('alice\'s new device signed by her identity, at bob', async () => {
      await bobCrypto.getUserDeviceInfo([alice.id], true);
      return (await bobCrypto.getDeviceVerificationStatus(alice.id, secondDevice))?.signedByOwner === true ? true : undefined;
    });
  });
});

describe('Matrix recovery with a passphrase', () => {
  it('a new device unlocks recovery with the passphrase instead of the key; a wrong one is refused in words', async () => {
    const aliceUser = await registerTestUser(synapse, 'alice');
    const alice = await accounts.online(aliceUser.settings);
    if (!alice.connection.runCommand) throw new Error('missing methods');
    await alice.connection.runCommand('recovery', 'setup correct horse battery staple', undefined);
    const shown = await alice.waitForEvent('request.raised', (e) => e.request.id === 'recovery-key');
    expect(shown.request.detail).toMatch(/^(\w{4} ){11}\w{4}$/);

    const second = await accounts.online({ ...aliceUser.settings, deviceName: 'Second Switchboard' }, createMemoryPersistence());
    if (!second.connection.runCommand) throw new Error('missing methods');
    await expect(second.connection.runCommand('recovery', 'correct horse battery', undefined)).rejects.toThrow(/recovery key or passphrase does not fit/);
    await second.connection.runCommand('recovery', 'correct horse battery staple', undefined);
    await second.waitForEvent('server.notice', (e) => e.text.startsWith('🔐 Recovery key accepted: this device is now cross-signed'));
  });
});
