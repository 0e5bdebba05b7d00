import { describe, expect, it } from 'vitest';
import { Parser, type Element } from '../xml.js';
import { openPayload, sealPayload } from './payload.js';
import { fingerprintOf, normalizeFingerprint, senderTrustOf } from './trust.js';
import { bundleElement, encryptedElement, readBundle, readDeviceList, readEncrypted, OMEMO_NS } from './wire.js';

function parse(text: string): Element {
  let root: Element | undefined;
  const parser = new Parser();
  parser.on('element', (element: Element) => {
    root = element;
  });
  parser.write(`<root>${text}</root>`);
  if (!root) throw new Error('no element');
  return root;
}

const KEY = Buffer.concat([Buffer.from([5]), Buffer.alloc(32, 7)]);

describe('OMEMO 0.3 wire format', () => {
  it('reads what Conversations sends (prekey="true" or "1", a 12- or 16-byte IV) and writes it back alike', () => {
    const message = parse(`<message xmlns='jabber:client'><encrypted xmlns='${OMEMO_NS}'><header sid='27183'>`
      + `<key rid='31415'>AQID</key><key prekey='1' rid='12321'>BAUG</key><iv>${Buffer.alloc(16).toString('base64')}</iv></header>`
      + '<payload>aGk=</payload></encrypted></message>');
    const read = readEncrypted(message);
    expect(read).toMatchObject({ sid: 27183, keys: [{ rid: 31415, prekey: false }, { rid: 12321, prekey: true }] });
    expect(read?.payload?.toString()).toBe('hi');
    if (!read) throw new Error('unread');
    const again = readEncrypted(parse(`<message xmlns='jabber:client'>${encryptedElement(read).toString()}</message>`));
    expect(again).toEqual(read);
  });

  it('refuses what a hostile sender could make of it: no sid, a bad IV, device ids out of range', () => {
    const bad = (header: string): unknown => readEncrypted(parse(`<message><encrypted xmlns='${OMEMO_NS}'><header ${header}</header></encrypted></message>`));
    expect(bad(`><key rid='1'>AQ==</key><iv>${Buffer.alloc(12).toString('base64')}</iv>`)).toBeUndefined();
    expect(bad(`sid='1'><iv>AAAA</iv>`)).toBeUndefined();
    expect(readDeviceList(parse(`<list xmlns='${OMEMO_NS}'><device id='0'/><device id='2147483648'/><device id='x'/><device id='42'/><device id='42'/></list>`)))
      .toEqual([42]);
  });

  it('a bundle round-trips, and one without pre-keys or with a short key is refused', () => {
    const bundle = { identityKey: KEY, signedPreKey: { id: 1, publicKey: KEY, signature: Buffer.alloc(64, 1) }, preKeys: [{ id: 3, publicKey: KEY }] };
    expect(readBundle(parse(bundleElement(bundle).toString()))).toEqual(bundle);
    expect(readBundle(parse(bundleElement({ ...bundle, preKeys: [] }).toString()))).toBeUndefined();
    expect(readBundle(parse(bundleElement({ ...bundle, identityKey: KEY.subarray(0, 20) }).toString()))).toBeUndefined();
  });
});

describe('OMEMO 0.3 payload', () => {
  it('AES-128-GCM with the tag in the key material; a wrong tag does not open', () => {
    const sealed = sealPayload('grüße 👋');
    expect(sealed.keyMaterial).toHaveLength(32);
    expect(sealed.iv).toHaveLength(12);
    expect(openPayload(sealed.keyMaterial, sealed.iv, sealed.payload)).toBe('grüße 👋');
    const tampered = Buffer.from(sealed.keyMaterial);
    tampered[31] = (tampered[31] ?? 0) ^ 1;
    expect(() => openPayload(tampered, sealed.iv, sealed.payload)).toThrow();
  });

  it('opens the older form: a 16-byte key and the tag at the end of the payload', () => {
    const sealed = sealPayload('old style');
    const key = sealed.keyMaterial.subarray(0, 16);
    const tag = sealed.keyMaterial.subarray(16);
    expect(openPayload(key, sealed.iv, Buffer.concat([sealed.payload, tag]))).toBe('old style');
  });
});

describe('OMEMO trust', () => {
  it('fingerprints as Conversations shows them, and typed back in any spelling', () => {
    const fingerprint = fingerprintOf(KEY.toString('base64'));
    expect(fingerprint).toBe('07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707');
    expect(normalizeFingerprint(fingerprint.toUpperCase().replace(/ /g, ':'))).toBe('07'.repeat(32));
  });

  it('blind trust until one device is verified; then others are marked, and a changed key says so', () => {
    const key = KEY.toString('base64');
    expect(senderTrustOf({ 1: { identityKey: key, trust: 'blind' } }, 1)).toBe('unverified-identity');
    expect(senderTrustOf({}, 1)).toBe('unknown-device');
    const oneVerified = { 1: { identityKey: key, trust: 'verified' as const }, 2: { identityKey: key, trust: 'blind' as const } };
    expect(senderTrustOf(oneVerified, 1)).toBe('verified');
    expect(senderTrustOf(oneVerified, 2)).toBe('unverified-device');
    expect(senderTrustOf({ ...oneVerified, 2: { identityKey: key, trust: 'blind', previousKey: 'old' } }, 2)).toBe('identity-changed');
    // The only verified device got a new key: still a change to warn about.
    expect(senderTrustOf({ 1: { identityKey: key, trust: 'blind', previousKey: 'old' } }, 1)).toBe('identity-changed');
  });
});
