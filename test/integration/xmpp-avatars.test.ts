/**
 * Contacts' avatars against a real Prosody: XEP-0084 (PEP with +notify) and a vCard photo
 * (XEP-0153 hash in presence; Prosody's mod_vcard_legacy also converts it, XEP-0398),
 * verified, cached by hash in the account's data folder (a second login downloads nothing),
 * a live change, and an oversized avatar skipped with a warning.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPersistence } from '../conformance/index.js';
import { startXmppKit, type RawXmppClient, type XmppKit } from '../servers/prosody/xmppTestKit.js';

// Two real 1×1 PNGs (red and blue).
const RED = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');
const BLUE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/5ncLrgAAAABJRU5ErkJggg==', 'base64');
const GREEN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg+M/wHwAEAQH/cetH5QAAAABJRU5ErkJggg==', 'base64');
const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** XEP-0084 §4.1: data first, then metadata. */
async function publishPep(client: RawXmppClient, bytes: Buffer, declaredBytes = bytes.length): Promise<void> {
  const hash = sha1(bytes);
  const data = await client.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:avatar:data'><item id='${hash}'><data xmlns='urn:xmpp:avatar:data'>${bytes.toString('base64')}</data></item></publish></pubsub></iq>`);
  expect(data).toMatch(/type=['"]result['"]/);
  const metadata = await client.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:avatar:metadata'><item id='${hash}'><metadata xmlns='urn:xmpp:avatar:metadata'><info bytes='${declaredBytes}' id='${hash}' height='1' width='1' type='image/png'/></metadata></item></publish></pubsub></iq>`);
  expect(metadata).toMatch(/type=['"]result['"]/);
}

/** `watcher` subscribes to `owner`'s presence (RFC 6121 §3.1), both as raw clients. */
async function subscribe(watcher: RawXmppClient, owner: RawXmppClient, ownerJid: string, watcherJid: string, expect: 'to' | 'both' = 'to'): Promise<void> {
  await watcher.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${ownerJid}'/></query></iq>`);
  watcher.send(`<presence to='${ownerJid}' type='subscribe'/>`);
  await owner.waitFor(new RegExp(`^<presence (?=[^>]*from=['"]${watcherJid})(?=[^>]*type=['"]subscribe['"])`));
  owner.send(`<presence to='${watcherJid}' type='subscribed'/>`);
  await watcher.waitFor(new RegExp(`<item (?=[^>]*jid=['"]${ownerJid}['"])(?=[^>]*subscription=['"]${expect}['"])`));
}

describe('XMPP avatars', () => {
  let kit: XmppKit;
  beforeAll(async () => {
    kit = await startXmppKit();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('PEP and vCard avatars arrive verified, are cached by hash, change live; oversized ones are skipped', async () => {
    const aliceSetup = await kit.raw('alice', 'setup');
    const bob = await kit.raw('bob');
    const carol = await kit.raw('carol');
    // XEP-0163 §4.3: PEP learns alice's +notify from her presence, so bob must see it too.
    await subscribe(aliceSetup, bob, 'bob@localhost', 'alice@localhost');
    await subscribe(bob, aliceSetup, 'alice@localhost', 'bob@localhost', 'both');
    await subscribe(aliceSetup, carol, 'carol@localhost', 'alice@localhost');

    await publishPep(bob, RED);
    // Carol sets a vCard photo (XEP-0054) and advertises its hash in presence (XEP-0153 §4.1).
    const vcard = await carol.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Carol</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>${BLUE.toString('base64')}</BINVAL></PHOTO></vCard></iq>`);
    expect(vcard).toMatch(/type=['"]result['"]/);
    carol.send(`<presence><x xmlns='vcard-temp:x:update'><photo>${sha1(BLUE)}</photo></x></presence>`);

    const persistence = createMemoryPersistence();
    const alice = await kit.online('alice', {}, persistence);
    const fromBob = await alice.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost' && e.contact.avatar !== undefined);
    expect(fromBob.contact.avatar).toEqual({ mimeType: 'image/png', dataBase64: RED.toString('base64') });
    expect(fromBob.contact.subscription).toBe('both');
    const fromCarol = await alice.waitForEvent('contact.upserted', (e) => e.contact.id === 'carol@localhost' && e.contact.avatar !== undefined);
    expect(fromCarol.contact.avatar).toEqual({ mimeType: 'image/png', dataBase64: BLUE.toString('base64') });
    expect(alice.xmpp.avatarDownloads()).toBeGreaterThanOrEqual(2);
    await alice.connection.disconnect();

    // A restart with the same data folder (and a core that forgot everything): from the cache.
    const again = await kit.online('alice', { resource: 'again' }, { ...createMemoryPersistence(), dataDir: persistence.dataDir });
    await again.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost' && e.contact.avatar?.dataBase64 === RED.toString('base64'));
    await again.waitForEvent('contact.upserted', (e) => e.contact.id === 'carol@localhost' && e.contact.avatar?.dataBase64 === BLUE.toString('base64'));
    expect(again.xmpp.avatarDownloads()).toBe(0);

    // A live change is fetched; an avatar declared over 64 KiB is not, and says why.
    await publishPep(bob, GREEN);
    await again.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost' && e.contact.avatar?.dataBase64 === GREEN.toString('base64'));
    expect(again.xmpp.avatarDownloads()).toBe(1);
    await publishPep(bob, RED, 70_000);
    await again.waitFor('the oversized avatar warning', () => again.warnings.find((line) => /avatar of bob@localhost is 70000 bytes/.test(line)));
    expect(again.xmpp.avatarDownloads()).toBe(1);
    await kit.closeAll();
  });
});
