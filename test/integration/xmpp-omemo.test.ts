/**
 * OMEMO (XEP-0384 v0.3, `eu.siacs.conversations.axolotl`) against an independent
 * implementation: slixmpp + slixmpp-omemo (python-omemo with oldmemo) from PyPI, on a real
 * Prosody. Both directions; after Switchboard restarts (sessions and identity persisted
 * through plugin storage and the secret store); to and from a device that was offline when
 * the message was sent (the first message builds the session: a pre-key message).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    // Rooms show members' addresses (XEP-0045 non-anonymous), as OMEMO in rooms needs.
    kit = await startXmppKit({ extraConfig: ['muc_room_default_public_jids = true'] });
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
    // Delivered while offline and again by the archive catch-up: read once, never "could not be decrypted".
    if (!erin.connection.fetchHistory) throw new Error('no fetchHistory');
    const page = await erin.connection.fetchHistory({ conversationId: 'carol@localhost', limit: 10 });
    expect(page.messages.map((m) => [m.body, m.encrypted])).toEqual([['for erin, sent while she was away', true]]);
    expect(erin.received().filter((m) => m.undecryptable === true)).toEqual([]);
  });

  it('carbons and MAM: both devices of one account read what the contact sends, each other\'s sent messages, and the archive of what came while one was off', { timeout: 180_000 }, async () => {
    const laptopStorage = createMemoryPersistence();
    const laptop = await kit.online('gina', { ...OMEMO_ON, resource: 'laptop' }, laptopStorage);
    await laptop.xmpp.omemoReady();
    const phone = await kit.online('gina', { ...OMEMO_ON, resource: 'phone' });
    await phone.xmpp.omemoReady();
    const hank = await peer('hank');

    await hank.send('gina@localhost', 'to both of your devices');
    for (const device of [laptop, phone]) {
      const got = await device.waitForMessage('hank\'s message on each device', (m) => m.body === 'to both of your devices');
      expect(got).toMatchObject({ encrypted: true, senderId: 'hank@localhost' });
    }
    await laptop.connection.sendMessage({ conversationId: 'hank@localhost', localId: '5', kind: 'text', body: 'sent from the laptop' });
    await hank.waitForMessage('the laptop\'s message at slixmpp', (m) => m.body === 'sent from the laptop' && m.encrypted);
    const carbon = await phone.waitForMessage('the laptop\'s message on the phone', (m) => m.body === 'sent from the laptop');
    expect(carbon).toMatchObject({ conversationId: 'hank@localhost', fromSelf: true, encrypted: true });
    for (const device of [laptop, phone]) expect(device.received().filter((m) => m.undecryptable === true)).toEqual([]);

    // The laptop is off; the phone gets the message live, the laptop from the archive (XEP-0313) when it is back.
    await laptop.connection.disconnect();
    await hank.send('gina@localhost', 'while the laptop was off');
    await phone.waitForMessage('the message on the phone', (m) => m.body === 'while the laptop was off');
    const back = kit.account('gina', { ...OMEMO_ON, resource: 'laptop' }, laptopStorage);
    await back.connection.connect();
    const archived = await back.waitForMessage('the archived message on the laptop', (m) => m.body === 'while the laptop was off');
    expect(archived).toMatchObject({ encrypted: true, catchUp: true, senderId: 'hank@localhost' });
    expect(back.received().filter((m) => m.undecryptable === true)).toEqual([]);
  });

  it('says in words when a message cannot be decrypted', async () => {
    const ivan = await kit.online('ivan', OMEMO_ON);
    await ivan.xmpp.omemoReady();
    const noOmemo = await kit.online('judy');
    const raw = await kit.raw('kate');
    const encrypted = "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='4242'><key rid='17'>MwohBQ==</key><iv>AAAAAAAAAAAAAAAA</iv></header><payload>AAAA</payload></encrypted>";
    raw.send(`<message type='chat' to='ivan@localhost' id='e1'>${encrypted}<body>I sent you an OMEMO encrypted message</body></message>`);
    const atIvan = await ivan.waitForMessage('the message for another device', (m) => m.senderId === 'kate@localhost');
    expect(atIvan).toMatchObject({
      undecryptable: true, body: 'This message could not be decrypted: it was not encrypted for this device. The sender\'s app may not know this device yet.',
    });
    raw.send(`<message type='chat' to='judy@localhost' id='e2'>${encrypted}<body>I sent you an OMEMO encrypted message</body></message>`);
    const atJudy = await noOmemo.waitForMessage('the message at an account without OMEMO', (m) => m.senderId === 'kate@localhost');
    expect(atJudy).toMatchObject({ undecryptable: true });
    expect(atJudy.body).toMatch(/^This message could not be decrypted: OMEMO is off for this account/);

    // In a room: said in words too, not the sender's fallback shown as the message.
    const room = 'omemo-lounge@conference.localhost';
    if (!ivan.connection.joinRoom) throw new Error('no joinRoom');
    await ivan.connection.joinRoom({ room });
    raw.send(`<presence to='${room}/kate'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await ivan.waitFor('kate in the room', () => ivan.members.get(room)?.get('kate@localhost'));
    raw.send(`<message type='groupchat' to='${room}' id='e3'>${encrypted}<body>I sent you an OMEMO encrypted message</body></message>`);
    const inRoom = await ivan.waitForMessage('the encrypted room message', (m) => m.conversationId === room && m.senderName === 'kate');
    expect(inRoom).toMatchObject({ undecryptable: true, senderId: 'kate@localhost' });
    expect(inRoom.body).toMatch(/^This message could not be decrypted: it was not encrypted for this device/);
  });

  it('fingerprints to compare, and a verified device\'s messages marked verified', { timeout: 180_000 }, async () => {
    const leo = await peer('leo');
    const mia = await kit.online('mia', OMEMO_ON);
    await mia.xmpp.omemoReady();
    await leo.send('mia@localhost', 'before verification');
    const before = await mia.waitForMessage('leo\'s first message', (m) => m.body === 'before verification');
    expect(before.senderTrust).toBe('unverified-identity'); // blind trust: no warning
    if (!mia.connection.runCommand) throw new Error('no runCommand');
    await mia.connection.runCommand('omemo', 'fingerprints', 'leo@localhost');
    const listed = await mia.waitForEvent('server.notice', (e) => e.text.startsWith('OMEMO devices of leo@localhost'));
    const line = listed.text.split('\n').find((text) => text.startsWith(`${leo.device}:`));
    const fingerprint = /: ((?:[0-9a-f]{8} ){7}[0-9a-f]{8}) /.exec(line ?? '')?.[1];
    expect(fingerprint, listed.text).toBeDefined();
    await mia.connection.runCommand('omemo', `verify ${fingerprint ?? ''}`, 'leo@localhost');
    await mia.waitForEvent('server.notice', (e) => e.text.startsWith(`Device ${leo.device} of leo@localhost is verified`));
    await leo.send('mia@localhost', 'after verification');
    const after = await mia.waitForMessage('leo\'s message after verification', (m) => m.body === 'after verification');
    expect(after.senderTrust).toBe('verified');
  });

  it('encrypted files (XEP-0454 aesgcm:// links) both ways', { timeout: 180_000 }, async () => {
    const nina = await peer('nina');
    const olaf = await kit.online('olaf', OMEMO_ON);
    await olaf.xmpp.omemoReady();
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_value, index) => index % 251));
    const file = join(dataDir, 'secret.bin');
    writeFileSync(file, bytes);
    if (!olaf.connection.uploadFile || !olaf.connection.downloadAttachment) throw new Error('no files');
    await olaf.connection.uploadFile({ conversationId: 'nina@localhost', localId: '9', path: file, name: 'secret.bin', mimeType: 'application/octet-stream', size: bytes.length });
    await olaf.waitForEvent('message.confirmed', (e) => e.localId === '9');
    // slixmpp's side fetched and decrypted it (Python's cryptography), and got the same bytes.
    expect(await nina.waitForFile('olaf\'s file at slixmpp')).toBe(createHash('sha256').update(bytes).digest('hex'));

    await nina.sendFile('olaf@localhost', Buffer.from('a file from slixmpp'), 'note.txt');
    const shared = await olaf.waitForMessage('nina\'s file at Switchboard', (m) => m.attachments?.[0]?.url.startsWith('aesgcm://') === true);
    expect(shared).toMatchObject({ encrypted: true, attachments: [{ name: 'note.txt', kind: 'file' }] });
    const target = join(dataDir, 'downloaded.txt');
    const attachment = shared.attachments?.[0];
    if (!attachment) throw new Error('no attachment');
    const result = await olaf.connection.downloadAttachment({ attachment, variant: 'file', path: target, maxBytes: 1_000_000, downloadId: 'd1' });
    expect(result.size).toBe(19);
    expect(readFileSync(target, 'utf8')).toBe('a file from slixmpp');
  });

  it('a private room (members see each other\'s addresses): both ways once the user turns OMEMO on there', { timeout: 180_000 }, async () => {
    const room = 'secret-club@conference.localhost';
    const pia = await kit.online('pia', OMEMO_ON);
    await pia.xmpp.omemoReady();
    if (!pia.connection.joinRoom || !pia.connection.runCommand) throw new Error('no rooms');
    await pia.connection.joinRoom({ room: `${room}/Pia` });
    const quinn = await peer('quinn');
    await quinn.join(room, 'Quinn');
    await pia.waitFor('quinn in the room', () => pia.members.get(room)?.get('quinn@localhost'));

    await pia.connection.runCommand('omemo', 'on', room);
    await pia.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.encrypted === true);
    await pia.connection.sendMessage({ conversationId: room, localId: '20', kind: 'text', body: 'only members can read this' });
    await pia.waitForEvent('message.confirmed', (e) => e.localId === '20');
    const atQuinn = await quinn.waitForMessage('pia\'s room message at slixmpp', (m) => m.body === 'only members can read this');
    expect(atQuinn).toMatchObject({ from: 'pia@localhost', room, encrypted: true });

    await quinn.sendToRoom(room, 'and a secret back');
    const atPia = await pia.waitForMessage('quinn\'s room message at Switchboard', (m) => m.body === 'and a secret back');
    expect(atPia).toMatchObject({ conversationId: room, senderId: 'quinn@localhost', encrypted: true });
    expect(pia.received().filter((m) => m.undecryptable === true)).toEqual([]);
    expect(quinn.errors).toEqual([]);
  });
});
