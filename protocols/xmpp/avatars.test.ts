/**
 * Avatars without a server: XEP-0084 metadata parsing, the XEP-0153 vCard path (no
 * XEP-0398 conversion), hash and size checks, and the cache by hash.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionContext, Contact, ProtocolEvent } from '../api/index.js';
import { checkAvatar, decodeBase64, sniffImageType } from './avatarCache.js';
import { Avatars, readAvatarMetadata } from './avatars.js';
import { WireIds, type XmppCore } from './core.js';
import { readVcardUpdate } from './vcardAvatar.js';
import { NS, Parser, attr, child, xml, type Element } from './xml.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');
const HASH = createHash('sha1').update(PNG).digest('hex');

function parse(text: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  parser.on('element', (element: Element) => { root = element; });
  parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  if (!root) throw new Error('no element');
  return root;
}

function fakeCore(dataDir: string, answer: (iq: Element) => Element): { core: XmppCore; events: ProtocolEvent[]; warnings: string[]; iqs: Element[] } {
  const events: ProtocolEvent[] = [];
  const warnings: string[] = [];
  const iqs: Element[] = [];
  const values = new Map<string, unknown>();
  const context: ConnectionContext = {
    accountId: 'test', settings: {}, emit: (event) => events.push(event),
    log: { debug: () => undefined, info: () => undefined, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
    storage: { get: (key) => Promise.resolve(values.get(key)), set: (key, value) => { values.set(key, value); return Promise.resolve(); }, delete: (key) => { values.delete(key); return Promise.resolve(); } },
    secrets: { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() },
    dataDir,
  };
  const core: XmppCore = {
    context, log: context.log, selfBare: 'me@example.org', selfFull: () => 'me@example.org/x', emit: (event) => events.push(event),
    send: () => Promise.resolve(),
    iq: (element) => {
      iqs.push(element);
      return Promise.resolve(answer(element));
    },
    wireIds: new WireIds('test'),
    ensureDirect: () => undefined,
    nameOf: (jid) => jid,
  };
  return { core, events, warnings, iqs };
}

const contact = (jid: string): Contact => ({ id: jid, displayName: jid, presence: { status: 'available' } });

/** A server without XEP-0398 that has `bytes` as bob's vCard photo. */
function vcardServer(bytes: Buffer) {
  return (iq: Element): Element => {
    if (child(iq, 'query', NS.discoInfo)) return xml('iq', { type: 'result' }, xml('query', { xmlns: NS.discoInfo }));
    if (child(iq, 'vCard', NS.vcard) && attr(iq, 'to') === 'bob@example.org') {
      return xml('iq', { type: 'result' }, xml('vCard', { xmlns: NS.vcard }, xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, bytes.toString('base64').replace(/(.{20})/g, '$1\n')))));
    }
    return xml('iq', { type: 'error' });
  };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('XMPP avatars', () => {
  it('reads XEP-0084 metadata: the announced image, a disabled avatar, other nodes', () => {
    const event = (inner: string): Element => parse(`<event xmlns='${NS.pubsubEvent}'>${inner}</event>`);
    expect(readAvatarMetadata(event(`<items node='${NS.avatarMetadata}'><item id='${HASH.toUpperCase()}'><metadata xmlns='${NS.avatarMetadata}'><info id='${'1'.repeat(40)}' url='https://x/y.png' bytes='9' type='image/png'/><info id='${HASH}' bytes='70' type='image/PNG'/></metadata></item></items>`)))
      .toEqual({ hash: HASH, source: 'pep', bytes: 70, type: 'image/png' });
    expect(readAvatarMetadata(event(`<items node='${NS.avatarMetadata}'><item id='x'><metadata xmlns='${NS.avatarMetadata}'/></item></items>`))).toBeNull();
    expect(readAvatarMetadata(event(`<items node='${NS.bookmarks2}'><item id='a'/></items>`))).toBeUndefined();
    expect(readAvatarMetadata(event(`<items node='${NS.avatarMetadata}'><item id='x'><metadata xmlns='${NS.avatarMetadata}'><info id='../../etc/passwd'/></metadata></item></items>`))).toBeUndefined();
  });

  it('reads XEP-0153 presence hashes', () => {
    const presence = (inner: string): Element => parse(`<presence>${inner}</presence>`);
    expect(readVcardUpdate(presence(`<x xmlns='${NS.vcardUpdate}'><photo> ${HASH} </photo></x>`))).toBe(HASH);
    expect(readVcardUpdate(presence(`<x xmlns='${NS.vcardUpdate}'><photo/></x>`))).toBeNull();
    expect(readVcardUpdate(presence(`<x xmlns='${NS.vcardUpdate}'/>`))).toBeUndefined();
    expect(readVcardUpdate(presence(`<x xmlns='${NS.vcardUpdate}'><photo>nothex</photo></x>`))).toBeUndefined();
  });

  it('checks the hash, the size and the type from the bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(checkAvatar(HASH, PNG)).toMatchObject({ ok: true, avatar: { mimeType: 'image/png' } });
    expect(checkAvatar('0'.repeat(40), PNG)).toMatchObject({ ok: false, reason: expect.stringMatching(/SHA-1/) as unknown });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(checkAvatar(createHash('sha1').update(svg).digest('hex'), svg)).toMatchObject({ ok: false });
    const big = Buffer.concat([PNG, Buffer.alloc(70_000)]);
    expect(checkAvatar(createHash('sha1').update(big).digest('hex'), big)).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 65536/) as unknown });
    expect(decodeBase64('not base64!')).toBeUndefined();
  });

  it('fetches a vCard photo once, emits it, and the next session takes it from the cache', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xmpp-avatars-'));
    const presence = parse(`<presence from='bob@example.org/phone'><x xmlns='${NS.vcardUpdate}'><photo>${HASH}</photo></x></presence>`);
    const first = fakeCore(dataDir, vcardServer(PNG));
    const avatars = new Avatars(first.core, contact);
    avatars.onPresence(presence);
    avatars.onPresence(presence); // the same hash again: nothing more
    await until(() => first.events.length > 0);
    expect(first.events).toEqual([{ type: 'contact.upserted', contact: { ...contact('bob@example.org'), avatar: { mimeType: 'image/png', dataBase64: PNG.toString('base64') } } }]);
    expect(first.iqs.filter((iq) => child(iq, 'vCard', NS.vcard))).toHaveLength(1);

    const second = fakeCore(dataDir, () => xml('iq', { type: 'error' }));
    const again = new Avatars(second.core, contact);
    again.onPresence(presence);
    await until(() => second.events.length > 0);
    expect(second.events).toHaveLength(1);
    expect(second.iqs).toHaveLength(0);
    expect(again.downloads).toBe(0);
  });

  it('refuses a photo whose bytes do not match the hash, and ignores strangers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xmpp-avatars-'));
    const wrong = fakeCore(dataDir, vcardServer(Buffer.concat([PNG, Buffer.from([0])])));
    const avatars = new Avatars(wrong.core, (jid) => (jid === 'bob@example.org' ? contact(jid) : undefined));
    const from = (jid: string): Element => parse(`<presence from='${jid}/r'><x xmlns='${NS.vcardUpdate}'><photo>${HASH}</photo></x></presence>`);
    avatars.onPresence(from('stranger@example.org'));
    avatars.onPresence(from('bob@example.org'));
    await until(() => wrong.warnings.length > 0);
    expect(wrong.warnings[0]).toMatch(/avatar of bob@example.org was not used: its SHA-1 does not match/);
    expect(wrong.events).toHaveLength(0);
    expect(wrong.iqs.some((iq) => attr(iq, 'to') === 'stranger@example.org')).toBe(false);
  });
});
