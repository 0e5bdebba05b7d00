/**
 * Publishing one's own profile against a real Prosody: the nickname (XEP-0172) and the
 * picture (XEP-0084) reach a subscribed contact running Switchboard, the picture is in the
 * vCard (XEP-0153) for older clients, and pictures contacts could not accept are refused in words.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXmppKit, type RawXmppClient, type XmppKit } from '../servers/prosody/xmppTestKit.js';

// A real 1×1 PNG.
const RED = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');
const ALICE = 'alice@localhost';
const BOB = 'bob@localhost';

/** `watcher` subscribes to `owner`'s presence (RFC 6121 §3.1), both as raw clients. */
async function subscribe(watcher: RawXmppClient, owner: RawXmppClient, ownerJid: string, watcherJid: string, expect: 'to' | 'both' = 'to'): Promise<void> {
  await watcher.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${ownerJid}'/></query></iq>`);
  watcher.send(`<presence to='${ownerJid}' type='subscribe'/>`);
  await owner.waitFor(new RegExp(`^<presence (?=[^>]*from=['"]${watcherJid})(?=[^>]*type=['"]subscribe['"])`));
  owner.send(`<presence to='${watcherJid}' type='subscribed'/>`);
  await watcher.waitFor(new RegExp(`<item (?=[^>]*jid=['"]${ownerJid}['"])(?=[^>]*subscription=['"]${expect}['"])`));
}

describe('XMPP own profile (XEP-0172, XEP-0084, XEP-0153)', () => {
  let kit: XmppKit;
  beforeAll(async () => {
    kit = await startXmppKit();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('a nickname and picture set here reach a contact; too big or not a picture is refused', async () => {
    const aliceSetup = await kit.raw('alice', 'setup');
    const bobSetup = await kit.raw('bob', 'setup');
    await subscribe(aliceSetup, bobSetup, BOB, ALICE);
    await subscribe(bobSetup, aliceSetup, ALICE, BOB, 'both');
    const bob = await kit.online('bob');
    const alice = await kit.online('alice');
    if (!alice.connection.setProfile) throw new Error('no setProfile');

    const dir = mkdtempSync(join(tmpdir(), 'sb-profile-'));
    const picture = join(dir, 'me.png');
    writeFileSync(picture, RED);
    await alice.connection.setProfile({ displayName: 'Alice Liddell', avatar: { path: picture, mimeType: 'image/png' } });

    const seen = await bob.waitForEvent('contact.upserted', (e) => e.contact.id === ALICE && e.contact.avatar !== undefined);
    expect(seen.contact.avatar).toEqual({ mimeType: 'image/png', dataBase64: RED.toString('base64') });
    const nick = await bobSetup.iq(`<iq type='get' to='${ALICE}'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='http://jabber.org/protocol/nick'/></pubsub></iq>`);
    expect(nick).toContain('Alice Liddell');
    const vcard = await bobSetup.iq(`<iq type='get' to='${ALICE}'><vCard xmlns='vcard-temp'/></iq>`);
    expect(vcard.replace(/\s+/g, '')).toContain(RED.toString('base64'));
    if (!alice.connection.getProfile) throw new Error('no getProfile');
    expect(await alice.connection.getProfile()).toEqual({ displayName: 'Alice Liddell', avatar: { mimeType: 'image/png', dataBase64: RED.toString('base64') } });

    // XEP-0084 §4.5: removed, contacts get empty metadata and the vCard loses its PHOTO.
    await alice.connection.setProfile({ removeAvatar: true });
    const metadata = await bobSetup.iq(`<iq type='get' to='${ALICE}'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:avatar:metadata' max_items='1'/></pubsub></iq>`);
    expect(metadata).toMatch(/<metadata xmlns=['"]urn:xmpp:avatar:metadata['"]\s*\/>/);
    expect(await bobSetup.iq(`<iq type='get' to='${ALICE}'><vCard xmlns='vcard-temp'/></iq>`)).not.toContain('BINVAL');
    expect(await alice.connection.getProfile()).toEqual({ displayName: 'Alice Liddell' });

    const big = join(dir, 'big.png');
    writeFileSync(big, Buffer.concat([RED, Buffer.alloc(70_000)]));
    await expect(alice.connection.setProfile({ avatar: { path: big, mimeType: 'image/png' } })).rejects.toThrow(/at most 64 KB/);
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'not a picture');
    await expect(alice.connection.setProfile({ avatar: { path: text, mimeType: 'image/png' } })).rejects.toThrow(/not a PNG, JPEG, GIF or WebP/);
    await kit.closeAll();
  });
});

describe('XMPP own profile on a server that does not convert avatars to vCards (XEP-0398)', () => {
  let kit: XmppKit;
  beforeAll(async () => {
    // Plain vCard-temp storage (mod_vcard) instead of mod_vcard_legacy's conversion.
    kit = await startXmppKit({ extraConfig: [`modules_enabled = { ${[
      'roster', 'saslauth', 'tls', 'disco', 'carbons', 'pep', 'private', 'bookmarks', 'blocklist', 'vcard',
      'mam', 'smacks', 'csi_simple', 'ping', 'register', 'time', 'version', 'http',
    ].map((name) => `"${name}"`).join(', ')} }`] });
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('the picture goes into the vCard and its hash into presence (XEP-0153)', async () => {
    const aliceSetup = await kit.raw('alice', 'setup');
    const bobSetup = await kit.raw('bob', 'setup');
    await subscribe(aliceSetup, bobSetup, BOB, ALICE);
    await subscribe(bobSetup, aliceSetup, ALICE, BOB, 'both');
    const before = await bobSetup.iq(`<iq type='get' to='${ALICE}'><vCard xmlns='vcard-temp'/></iq>`);
    expect(before, 'no conversion: nothing in the vCard yet').not.toContain('BINVAL');
    const alice = await kit.online('alice');
    if (!alice.connection.setProfile) throw new Error('no setProfile');
    const picture = join(mkdtempSync(join(tmpdir(), 'sb-profile-')), 'me.png');
    writeFileSync(picture, RED);
    await alice.connection.setProfile({ displayName: 'Alice', avatar: { path: picture, mimeType: 'image/png' } });

    const hash = createHash('sha1').update(RED).digest('hex');
    await bobSetup.waitFor(new RegExp(`<photo>${hash}</photo>`));
    const vcard = await bobSetup.iq(`<iq type='get' to='${ALICE}'><vCard xmlns='vcard-temp'/></iq>`);
    expect(vcard.replace(/\s+/g, '')).toContain(RED.toString('base64'));
    expect(vcard).toContain('<NICKNAME>Alice</NICKNAME>');
    await kit.closeAll();
  });
});
