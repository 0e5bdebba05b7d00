/**
 * OMEMO (XEP-0384 v0.3, `eu.siacs.conversations.axolotl`) against an independent
 * implementation: slixmpp + slixmpp-omemo (python-omemo with oldmemo) from PyPI, on a real
 * Prosody. Both directions; after Switchboard restarts (sessions and identity persisted
 * through plugin storage and the secret store); to and from a device that was offline when
 * the message was sent (the first message builds the session: a pre-key message).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../conformance/index.js';
import { startOmemoPeer, type OmemoPeer } from '../servers/omemo/slixmppPeer.js';
import { PASSWORD, startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const OMEMO_ON = { omemo: true };

describe('OMEMO with slixmpp-omemo on Prosody', () => {
  let kit: XmppKit;
  let dataDir: string;
  const peers: OmemoPeer[] = [];
  beforeAll(async () => {
    kit = await startXmppKit();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-omemo-peer-'));
  }, 120_000);
  afterEach(async () => {
    for (const peer of peers.splice(0)) await peer.stop();
    await kit.closeAll();
  });
  afterAll(async () => {
    await kit.stop();
  });

  async function peer(user: string): Promise<OmemoPeer> {
    await kit.user(user);
    const started = await startOmemoPeer({
      jid: `${user}@localhost`, password: PASSWORD, port: kit.server.c2sPort, certificatePem: kit.server.certificatePem, dataFile: join(dataDir, `${user}.json`),
    }, 30_000);
    peers.push(started);
    return started;
  }

  it('both ways, and again after Switchboard restarts', { timeout: 180_000 }, async () => {
    const bob = await peer('bob');
    const persistence = createMemoryPersistence();
    const alice = await kit.online('alice', OMEMO_ON, persistence);
    await alice.xmpp.omemoReady();
    if (!alice.connection.openDirect) throw new Error('no openDirect');
    await alice.connection.openDirect('bob@localhost');

    await alice.connection.sendMessage({ conversationId: 'bob@localhost', localId: '1', kind: 'text', body: 'hello from Switchboard' });
    await alice.waitForEvent('message.confirmed', (e) => e.localId === '1');
    const atBob = await bob.waitForMessage('alice\'s message at slixmpp', (m) => m.body === 'hello from Switchboard');
    expect(atBob).toMatchObject({ from: 'alice@localhost', encrypted: true });
    // The conversation shows its padlock.
    await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === 'bob@localhost' && e.conversation.encrypted === true);

    await bob.send('alice@localhost', 'hello from slixmpp');
    const atAlice = await alice.waitForMessage('bob\'s message at Switchboard', (m) => m.body === 'hello from slixmpp');
    expect(atAlice).toMatchObject({ conversationId: 'bob@localhost', senderId: 'bob@localhost', encrypted: true, senderTrust: 'unverified-identity' });
    expect(atAlice.undecryptable).toBeUndefined();

    // Switchboard restarts: the same storage and secrets, the same device and sessions.
    await alice.connection.disconnect();
    const again = kit.account('alice', OMEMO_ON, persistence);
    await again.connection.connect();
    await again.waitForEvent('connection.state', (e) => e.state === 'online');
    await bob.send('alice@localhost', 'after your restart');
    const afterRestart = await again.waitForMessage('bob\'s message after the restart', (m) => m.body === 'after your restart');
    expect(afterRestart).toMatchObject({ encrypted: true, senderId: 'bob@localhost' });
    await again.connection.sendMessage({ conversationId: 'bob@localhost', localId: '2', kind: 'text', body: 'still me, after a restart' });
    const atBobAgain = await bob.waitForMessage('alice\'s message after her restart', (m) => m.body === 'still me, after a restart');
    expect(atBobAgain.encrypted).toBe(true);
    expect(bob.errors).toEqual([]);
    expect(again.received().filter((m) => m.undecryptable === true)).toEqual([]);
  });

  it('to and from a device that was offline when the message was sent (pre-key messages)', { timeout: 180_000 }, async () => {
    // carol (slixmpp) publishes her keys once, then goes offline; Switchboard's first message builds a session from her bundle.
    const carolFirst = await peer('carol');
    await carolFirst.stop();
    const dave = await kit.online('dave', OMEMO_ON);
    await dave.connection.sendMessage({ conversationId: 'carol@localhost', localId: '3', kind: 'text', body: 'while you were offline' });
    await dave.waitForEvent('message.confirmed', (e) => e.localId === '3');
    const carol = await peer('carol');
    const atCarol = await carol.waitForMessage('dave\'s message after carol came online', (m) => m.body === 'while you were offline');
    expect(atCarol.encrypted).toBe(true);
    expect(carol.errors).toEqual([]);

    // erin (Switchboard) is online once (her keys are published), then offline; slixmpp writes to her.
    const erinStorage = createMemoryPersistence();
    const erinFirst = await kit.online('erin', OMEMO_ON, erinStorage);
    await erinFirst.xmpp.omemoReady();
    await erinFirst.connection.disconnect();
    await carol.send('erin@localhost', 'for erin, sent while she was away');
    const erin = kit.account('erin', OMEMO_ON, erinStorage);
    await erin.connection.connect();
    const atErin = await erin.waitForMessage('carol\'s message after erin came back', (m) => m.body === 'for erin, sent while she was away');
    expect(atErin).toMatchObject({ encrypted: true, senderId: 'carol@localhost' });
  });
});
