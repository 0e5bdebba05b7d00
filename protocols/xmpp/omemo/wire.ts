/**
 * The OMEMO 0.3 wire format (XEP-0384 version 0.3, namespace `eu.siacs.conversations.axolotl`,
 * as Conversations, Gajim and Dino speak it): the `<encrypted/>` element of a message, the
 * device list and the bundle published over PEP (XEP-0163). Nothing here trusts the sender:
 * every field is checked and anything malformed reads as undefined.
 */
import { NS, attr, child, childText, children, xml, type Element } from '../xml.js';

export const OMEMO_NS = 'eu.siacs.conversations.axolotl';
/** §4.2: the device list node; `+notify` in our caps subscribes us to contacts' lists. */
export const DEVICE_LIST_NODE = `${OMEMO_NS}.devicelist`;
/** §4.3: one bundle node per device. */
export function bundleNode(deviceId: number): string {
  return `${OMEMO_NS}.bundles:${deviceId}`;
}

/** §4.2: device ids are 31-bit positive integers (they are also libsignal registration ids). */
export function isDeviceId(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value < 2 ** 31;
}

function deviceIdOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return isDeviceId(value) ? value : undefined;
}

function base64Of(text: string | undefined, maxBytes: number): Buffer | undefined {
  const clean = text?.replace(/\s+/g, '');
  if (!clean || clean.length > Math.ceil(maxBytes / 3) * 4 + 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const bytes = Buffer.from(clean, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

export interface KeyElement {
  /** The receiving device. */
  readonly rid: number;
  /** A PreKeyWhisperMessage (a session is being built), else a WhisperMessage. */
  readonly prekey: boolean;
  /** The serialized libsignal message carrying the payload's key and tag. */
  readonly data: Buffer;
}

export interface EncryptedElement {
  /** The sending device. */
  readonly sid: number;
  readonly keys: readonly KeyElement[];
  readonly iv: Buffer;
  /** Absent in a key transport element (§7.3: no message, only a session). */
  readonly payload?: Buffer;
}

/** Limits that keep a hostile message from costing more than a real one: 1,000 recipients, 64 KiB of key data. */
const MAX_KEYS = 1_000;
const MAX_KEY_BYTES = 4_096;
const MAX_PAYLOAD_BYTES = 256 * 1024;

export function readEncrypted(message: Element): EncryptedElement | undefined {
  const encrypted = child(message, 'encrypted', OMEMO_NS);
  const header = child(encrypted, 'header', OMEMO_NS);
  if (!encrypted || !header) return undefined;
  const sid = deviceIdOf(attr(header, 'sid'));
  const iv = base64Of(childText(header, 'iv', OMEMO_NS), 64);
  if (sid === undefined || !iv || (iv.length !== 12 && iv.length !== 16)) return undefined;
  const keys = children(header, 'key', OMEMO_NS).slice(0, MAX_KEYS).flatMap((node): KeyElement[] => {
    const rid = deviceIdOf(attr(node, 'rid'));
    const data = base64Of(node.text(), MAX_KEY_BYTES);
    const prekey = attr(node, 'prekey');
    return rid !== undefined && data ? [{ rid, data, prekey: prekey === 'true' || prekey === '1' }] : [];
  });
  const payloadText = childText(encrypted, 'payload', OMEMO_NS);
  const payload = payloadText === undefined ? undefined : base64Of(payloadText, MAX_PAYLOAD_BYTES);
  if (payloadText !== undefined && !payload) return undefined;
  return { sid, keys, iv, ...(payload ? { payload } : {}) };
}

export function encryptedElement(value: EncryptedElement): Element {
  const keys = value.keys.map((key) => xml('key', { rid: String(key.rid), ...(key.prekey ? { prekey: 'true' } : {}) }, key.data.toString('base64')));
  return xml('encrypted', { xmlns: OMEMO_NS },
    xml('header', { sid: String(value.sid) }, ...keys, xml('iv', {}, value.iv.toString('base64'))),
    ...(value.payload ? [xml('payload', {}, value.payload.toString('base64'))] : []));
}

/** §4.2 `<list><device id/></list>`: the ids, at most 200 (a hostile list must not make us build 10,000 sessions). */
export function readDeviceList(list: Element | undefined): number[] {
  const ids = children(list, 'device', OMEMO_NS).map((node) => deviceIdOf(attr(node, 'id'))).filter((id): id is number => id !== undefined);
  return [...new Set(ids)].slice(0, 200);
}

export function deviceListElement(ids: readonly number[]): Element {
  return xml('list', { xmlns: OMEMO_NS }, ...ids.map((id) => xml('device', { id: String(id) })));
}

export interface Bundle {
  readonly identityKey: Buffer;
  readonly signedPreKey: { readonly id: number; readonly publicKey: Buffer; readonly signature: Buffer };
  readonly preKeys: readonly { readonly id: number; readonly publicKey: Buffer }[];
}

/** Keys are serialized as libsignal does: 33 bytes, a 0x05 type byte and the Curve25519 key. */
function publicKeyOf(text: string | undefined): Buffer | undefined {
  const key = base64Of(text, 64);
  return key?.length === 33 && key[0] === 5 ? key : undefined;
}

function keyIdOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value < 2 ** 32 ? value : undefined;
}

export function readBundle(bundle: Element | undefined): Bundle | undefined {
  if (!bundle || bundle.getName() !== 'bundle' || bundle.getNS() !== OMEMO_NS) return undefined;
  const signed = child(bundle, 'signedPreKeyPublic', OMEMO_NS);
  const signedId = keyIdOf(attr(signed ?? bundle, 'signedPreKeyId'));
  const signedKey = publicKeyOf(signed?.text());
  const signature = base64Of(childText(bundle, 'signedPreKeySignature', OMEMO_NS), 128);
  const identityKey = publicKeyOf(childText(bundle, 'identityKey', OMEMO_NS));
  if (!signed || signedId === undefined || !signedKey || signature?.length !== 64 || !identityKey) return undefined;
  const preKeys = children(child(bundle, 'prekeys', OMEMO_NS), 'preKeyPublic', OMEMO_NS).slice(0, 500).flatMap((node) => {
    const id = keyIdOf(attr(node, 'preKeyId'));
    const publicKey = publicKeyOf(node.text());
    return id !== undefined && publicKey ? [{ id, publicKey }] : [];
  });
  if (preKeys.length === 0) return undefined;
  return { identityKey, signedPreKey: { id: signedId, publicKey: signedKey, signature }, preKeys };
}

export function bundleElement(bundle: Bundle): Element {
  return xml('bundle', { xmlns: OMEMO_NS },
    xml('signedPreKeyPublic', { signedPreKeyId: String(bundle.signedPreKey.id) }, bundle.signedPreKey.publicKey.toString('base64')),
    xml('signedPreKeySignature', {}, bundle.signedPreKey.signature.toString('base64')),
    xml('identityKey', {}, bundle.identityKey.toString('base64')),
    xml('prekeys', {}, ...bundle.preKeys.map((key) => xml('preKeyPublic', { preKeyId: String(key.id) }, key.publicKey.toString('base64')))));
}

/** XEP-0380 explicit message encryption, so that clients without OMEMO say what they got. */
export function emeElement(): Element {
  return xml('encryption', { xmlns: 'urn:xmpp:eme:0', namespace: OMEMO_NS, name: 'OMEMO' });
}

/** The body clients without OMEMO show instead of the message (as Conversations sends it). */
export const FALLBACK_BODY = 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that. Find more information on https://conversations.im/omemo';

export { NS };
