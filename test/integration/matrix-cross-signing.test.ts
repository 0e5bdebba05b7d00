/**
 * Matrix cross-signing between two Switchboards against Synapse (spec §Cross-signing). Alice
 * and Bob each set up recovery (their cross-signing identities); Alice verifies Bob's
 * identity by emoji in their DM, and the shield of Bob's message already on screen turns
 * verified. A new device of Bob, cross-signed by his recovery key, is verified for Alice
 * without its own verification. When Bob's identity is reset by another client (an
 * independent matrix-js-sdk script), Alice is told in words and the shields change again.
 */
import { decodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { MessageView, RequestView } from '../../electron/bridge/schemas.js';
import { createMemoryPersistence } from '../conformance/index.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { MatrixAccounts, type OnlineAccount } from '../servers/synapse/accounts.js';
import { registerTestUser } from '../servers/synapse/fixtures.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let synapse: RunningSynapse;
const accounts = new MatrixAccounts(30_000);
let peer: SdkPeer | undefined;
let core: InProcessCore | undefined;

beforeAll(async () => {
  synapse = await startSynapse();
});
afterAll(async () => {
  peer?.stop();
  await core?.close();
  await accounts.closeAll();
  await synapse.stop();
});

/** `/recovery setup` on `account`; resolves with the recovery key it showed. */
async function setUpRecovery(account: OnlineAccount): Promise<string> {
  if (!account.connection.runCommand || !account.connection.answerRequest) throw new Error('missing methods');
  await account.connection.runCommand('recovery', 'setup', undefined);
  const shown = await account.waitForEvent('request.raised', (e) => e.request.id === 'recovery-key');
  await account.connection.answerRequest('recovery-key', 'saved');
  return shown.request.detail ?? '';
}

describe('Matrix cross-signing', () => {
  it('verifying a user marks their cross-signed devices and the shields on screen; an identity change is flagged', async () => {
    const [aliceUser, bobUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
    const alice = await accounts.online(aliceUser.settings);
    const bob = await accounts.online(bobUser.settings);
    if (!alice.connection.openDirect || !alice.connection.runCommand || !bob.connection.answerRequest) throw new Error('missing methods');
    const { conversationId } = await alice.connection.openDirect(bob.id);
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === bob.id && e.conversation.encrypted === true);
    await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === alice.id && e.conversation.encrypted === true);
    await setUpRecovery(alice);
    const bobKey = await setUpRecovery(bob);

    await bob.connection.sendMessage({ conversationId: alice.id, localId: 'b1', kind: 'text', body: 'before verifying' });
    const before = await alice.waitForMessage('bob\'s message before verifying', (m) => m.body === 'before verifying');
    expect(before.senderTrust).not.toBe('verified');

    // /verify with a user and no device: his identity, by emoji, in the DM.
    await alice.connection.runCommand('verify', bob.id, undefined);
    const asked = await bob.waitForEvent('request.raised', (e) => e.request.kind === 'verification' && e.request.id.startsWith('verify:'));
    expect(asked.request.fromId).toBe(alice.id);
    await bob.connection.answerRequest(asked.request.id, 'accept');
    const atAlice = await alice.waitForEvent('request.raised', (e) => e.request.id.startsWith('sas:'));
    const atBob = await bob.waitForEvent('request.raised', (e) => e.request.id.startsWith('sas:'));
    expect(atAlice.request.detail?.split('   ')).toHaveLength(7);
    expect(atAlice.request.detail).toBe(atBob.request.detail);
    if (!alice.connection.answerRequest) throw new Error('missing methods');
    await Promise.all([alice.connection.answerRequest(atAlice.request.id, 'match'), bob.connection.answerRequest(atBob.request.id, 'match')]);
    await alice.waitForEvent('server.notice', (e) => e.text.startsWith('✅ Verified'));

    // The message already on screen: its shield turns verified.
    await alice.waitForEvent('message.trust', (e) => e.conversationId === conversationId && e.targetNetworkId === before.networkId
      && e.senderTrust === 'verified');

    // Bob's new device, cross-signed with his recovery key: verified for Alice without its own verification.
    const bobSecond = await accounts.online({ ...bobUser.settings, deviceName: 'Bob\'s laptop' }, createMemoryPersistence());
    if (!bobSecond.connection.runCommand) throw new Error('missing methods');
    await bobSecond.connection.runCommand('recovery', bobKey, undefined);
    await bobSecond.waitForEvent('server.notice', (e) => e.text.startsWith('🔐 Recovery key accepted'));
    const listed = await pollDevices(alice, bob.id, /Bob's laptop — ✅ verified/);
    expect(listed).toMatch(/Bob's laptop — ✅ verified/);
    await bobSecond.connection.sendMessage({ conversationId: alice.id, localId: 'b2', kind: 'text', body: 'from my laptop' });
    const fromLaptop = await alice.waitForMessage('the message from bob\'s new device', (m) => m.body === 'from my laptop');
    expect(fromLaptop.senderTrust).toBe('verified');

    // Another client of Bob (knowing his recovery key, as Element's "reset identity" asks)
    // resets his cross-signing identity: Alice is told, and the shields change.
    const other = await startSdkPeer(synapse.baseUrl, bobUser, { cryptoCallbacks: {
      getSecretStorageKey: ({ keys }) => Promise.resolve([Object.keys(keys)[0] ?? '', decodeRecoveryKey(bobKey.replace(/\s+/g, ''))]),
    } });
    peer = other;
    const crypto = other.client.getCrypto();
    if (!crypto) throw new Error('no crypto');
    await crypto.bootstrapCrossSigning({
      setupNewCrossSigning: true,
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: bob.id }, password: bobUser.password });
      },
    });
    const warned = await alice.waitForEvent('server.notice', (e) => e.text.includes('identity changed'));
    expect(warned.text).toMatch(/identity changed since you verified them/);
    await alice.waitForEvent('message.trust', (e) => e.targetNetworkId === fromLaptop.networkId && e.senderTrust !== 'verified');
  });
});

describe('Matrix cross-signing, through the core', () => {
  it('the stored message\'s shield turns verified when its sender\'s identity is verified', async () => {
    const [aliceUser, bobUser] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
    const bob = await accounts.online(bobUser.settings);
    if (!bob.connection.answerRequest) throw new Error('missing methods');
    const running = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')]);
    core = running;
    const account = await running.client.request('accounts.add', { pluginId: 'matrix', settings: aliceUser.settings });
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 60_000);
    const conversation = await running.client.request('conversations.openDirect', { accountId: account.id, contactId: bob.id });
    await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === aliceUser.userId && e.conversation.encrypted === true);

    await running.client.request('commands.run', { accountId: account.id, command: 'recovery', args: 'setup' });
    const shown = requestOf(await running.waitForEvent((e) => e.type === 'request.raised' && requestOf(e).id === 'recovery-key', 30_000));
    await running.client.request('requests.answer', { accountId: account.id, requestId: shown.id, choiceId: 'saved' });
    await setUpRecovery(bob);

    await bob.connection.sendMessage({ conversationId: aliceUser.userId, localId: 'b1', kind: 'text', body: 'shown before verifying' });
    const before = messageOf(await running.waitForEvent((e) => e.type === 'message.added' && messageOf(e).body === 'shown before verifying', 30_000));
    expect(before.senderTrust).not.toBe('verified');

    const mark = running.events.length;
    await running.client.request('commands.run', { accountId: account.id, command: 'verify', args: bob.id, conversationId: conversation.id });
    const asked = await bob.waitForEvent('request.raised', (e) => e.request.id.startsWith('verify:'));
    await bob.connection.answerRequest(asked.request.id, 'accept');
    const atAlice = requestOf(await running.waitForEvent((e) => e.type === 'request.raised' && requestOf(e).id.startsWith('sas:'), 30_000, mark));
    const atBob = await bob.waitForEvent('request.raised', (e) => e.request.id.startsWith('sas:'));
    expect(atAlice.detail).toBe(atBob.request.detail);
    await Promise.all([
      running.client.request('requests.answer', { accountId: account.id, requestId: atAlice.id, choiceId: 'match' }),
      bob.connection.answerRequest(atBob.request.id, 'match'),
    ]);

    // What the open conversation gets, and what it loads again from the store.
    await running.waitForEvent((e) => e.type === 'message.updated' && messageOf(e).id === before.id && messageOf(e).senderTrust === 'verified', 30_000);
    const stored = await running.client.request('messages.list', { conversationId: conversation.id, limit: 50 });
    expect(stored.find((m) => m.id === before.id)?.senderTrust).toBe('verified');
    // The verification request travelled in the DM as a message: it is no line in the chat.
    expect(stored.map((m) => m.body)).toEqual(['shown before verifying']);
  });
});

function messageOf(event: BridgeEvent): MessageView {
  return (event.payload as { message: MessageView }).message;
}

function requestOf(event: BridgeEvent): RequestView {
  return (event.payload as { request: RequestView }).request;
}

/** Run `/devices user` until its notice matches (the device list reaches Alice through her sync). */
async function pollDevices(account: OnlineAccount, userId: string, match: RegExp, timeoutMs = 30_000): Promise<string> {
  if (!account.connection.runCommand) throw new Error('missing methods');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = account.events.length;
    await account.connection.runCommand('devices', userId, undefined);
    const listed = await account.waitForEvent('server.notice', (e) => e.text.startsWith(`Devices of ${userId}`) && account.events.indexOf(e) >= before);
    if (match.test(listed.text)) return listed.text;
    if (Date.now() > deadline) throw new Error(`${userId}'s devices never matched ${String(match)}: ${listed.text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
