/**
 * The libsignal store of one account's OMEMO device, kept through the plugin's APIs: the
 * identity key pair in the secret store (the OS keychain in the app, never the database),
 * everything else (device id, pre-keys, sessions, the identity keys of others and how far
 * the user trusts them) in plugin storage, so sessions survive a restart.
 *
 * libsignal asks about trust by address name only; OMEMO gives every device its own identity
 * key, so the name we give libsignal carries the device too: `jid#device` (see addressOf).
 */
import { Direction, SignalProtocolAddress, type KeyPairType, type StorageType } from './signalLibrary.js';
import type { PluginSecrets, PluginStorage } from '../../api/index.js';

const IDENTITY_SECRET = 'omemo.identity';
const LOCAL_KEY = 'omemo.local';
const PRE_KEYS_KEY = 'omemo.preKeys';
const SIGNED_PRE_KEY_KEY = 'omemo.signedPreKey';
const sessionKey = (address: string): string => `omemo.session.${address}`;
const peerKey = (jid: string): string => `omemo.peer.${jid}`;

/** Blind trust before verification (as Conversations): a new device is trusted blindly until the user verifies one of that contact's. */
export type DeviceTrust = 'blind' | 'verified';

export interface PeerDevice {
  /** The device's identity key, base64 (33 bytes, 0x05 first). */
  readonly identityKey: string;
  readonly trust: DeviceTrust;
  /** The verified identity key this device id had before, when it changed (until the user verifies the new one). */
  readonly previousKey?: string;
}

export interface LocalDevice {
  readonly deviceId: number;
  /** The next pre-key id to generate (ids are never reused). */
  readonly nextPreKeyId: number;
}

interface StoredKeyPair {
  readonly pub: string;
  readonly priv: string;
}

const toBase64 = (buffer: ArrayBuffer): string => Buffer.from(buffer).toString('base64');
export function toArrayBuffer(bytes: Buffer | Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
const fromBase64 = (text: string): ArrayBuffer => toArrayBuffer(Buffer.from(text, 'base64'));
const pairOf = (stored: StoredKeyPair): KeyPairType => ({ pubKey: fromBase64(stored.pub), privKey: fromBase64(stored.priv) });
const storedPair = (pair: KeyPairType): StoredKeyPair => ({ pub: toBase64(pair.pubKey), priv: toBase64(pair.privKey) });

function isStoredPair(value: unknown): value is StoredKeyPair {
  return typeof value === 'object' && value !== null && typeof (value as StoredKeyPair).pub === 'string' && typeof (value as StoredKeyPair).priv === 'string';
}

/** The libsignal address of one OMEMO device. */
export function addressOf(jid: string, deviceId: number): SignalProtocolAddress {
  return new SignalProtocolAddress(`${jid}#${deviceId}`, deviceId);
}

/** `jid#device` or `jid#device.device` (libsignal's encoded address) back to its parts. */
function deviceOfName(name: string): { jid: string; deviceId: number } | undefined {
  const match = /^(.+)#(\d+)(?:\.\d+)?$/.exec(name);
  return match?.[1] && match[2] ? { jid: match[1], deviceId: Number(match[2]) } : undefined;
}

export class OmemoStore implements StorageType {
  private identity: KeyPairType | undefined;
  private local: LocalDevice | undefined;
  private preKeys: Record<string, StoredKeyPair> = {};
  private signedPreKey: (StoredKeyPair & { readonly id: number; readonly signature: string }) | undefined;
  private readonly peers = new Map<string, Record<string, PeerDevice>>();

  constructor(private readonly storage: PluginStorage, private readonly secrets: PluginSecrets) {}

  /** Loads what was stored; false when this account has no OMEMO device yet. */
  async load(): Promise<boolean> {
    const identity = await this.secrets.get(IDENTITY_SECRET);
    const local = await this.storage.get(LOCAL_KEY);
    if (identity === undefined || typeof local !== 'object' || local === null) return false;
    const pair: unknown = JSON.parse(identity);
    const { deviceId, nextPreKeyId } = local as Partial<LocalDevice>;
    if (!isStoredPair(pair) || typeof deviceId !== 'number' || typeof nextPreKeyId !== 'number') return false;
    this.identity = pairOf(pair);
    this.local = { deviceId, nextPreKeyId };
    const preKeys = await this.storage.get(PRE_KEYS_KEY);
    if (typeof preKeys === 'object' && preKeys !== null) this.preKeys = preKeys as Record<string, StoredKeyPair>;
    const signed = await this.storage.get(SIGNED_PRE_KEY_KEY);
    if (isStoredPair(signed) && typeof (signed as { id?: unknown }).id === 'number') this.signedPreKey = signed as OmemoStore['signedPreKey'];
    return true;
  }

  /** A new device: its identity (secret store first, so a stored device id never lacks its key). */
  async create(identity: KeyPairType, deviceId: number): Promise<void> {
    await this.secrets.set(IDENTITY_SECRET, JSON.stringify(storedPair(identity)));
    this.identity = identity;
    await this.setLocal({ deviceId, nextPreKeyId: 1 });
  }

  async setLocal(local: LocalDevice): Promise<void> {
    this.local = local;
    await this.storage.set(LOCAL_KEY, local);
  }

  localDevice(): LocalDevice {
    if (!this.local) throw new Error('no OMEMO device');
    return this.local;
  }

  identityKeyPair(): KeyPairType {
    if (!this.identity) throw new Error('no OMEMO identity');
    return this.identity;
  }

  preKeyPublics(): { id: number; publicKey: Buffer }[] {
    return Object.entries(this.preKeys).map(([id, pair]) => ({ id: Number(id), publicKey: Buffer.from(pair.pub, 'base64') }));
  }

  signedPreKeyPublic(): { id: number; publicKey: Buffer; signature: Buffer } | undefined {
    const signed = this.signedPreKey;
    return signed ? { id: signed.id, publicKey: Buffer.from(signed.pub, 'base64'), signature: Buffer.from(signed.signature, 'base64') } : undefined;
  }

  async storeSignedPreKeyWithSignature(id: number, pair: KeyPairType, signature: ArrayBuffer): Promise<void> {
    this.signedPreKey = { id, ...storedPair(pair), signature: toBase64(signature) };
    await this.storage.set(SIGNED_PRE_KEY_KEY, this.signedPreKey);
  }

  // libsignal's StorageType:

  getIdentityKeyPair(): Promise<KeyPairType | undefined> {
    return Promise.resolve(this.identity);
  }

  getLocalRegistrationId(): Promise<number | undefined> {
    return Promise.resolve(this.local?.deviceId);
  }

  /**
   * Every identity is accepted at the libsignal level (blind trust before verification);
   * how far the user trusts a device is said on its messages (see trust.ts), not by
   * refusing to decrypt what the user would then never see.
   */
  isTrustedIdentity(_identifier: string, _identityKey: ArrayBuffer, _direction: Direction): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** Remembers a device's identity key; true when it replaced a different one. */
  async saveIdentity(encodedAddress: string, publicKey: ArrayBuffer): Promise<boolean> {
    const device = deviceOfName(encodedAddress);
    if (!device) return false;
    const key = toBase64(publicKey);
    const known = (await this.peerDevices(device.jid))[device.deviceId];
    if (known?.identityKey === key) return false;
    await this.setPeerDevice(device.jid, device.deviceId, {
      identityKey: key, trust: 'blind', ...(known?.trust === 'verified' ? { previousKey: known.identityKey } : known?.previousKey !== undefined ? { previousKey: known.previousKey } : {}),
    });
    return known !== undefined;
  }

  loadPreKey(keyId: string | number): Promise<KeyPairType | undefined> {
    const pair = this.preKeys[String(keyId)];
    return Promise.resolve(pair ? pairOf(pair) : undefined);
  }

  async storePreKey(keyId: number | string, keyPair: KeyPairType): Promise<void> {
    this.preKeys = { ...this.preKeys, [String(keyId)]: storedPair(keyPair) };
    await this.storage.set(PRE_KEYS_KEY, this.preKeys);
  }

  async removePreKey(keyId: number | string): Promise<void> {
    const { [String(keyId)]: _removed, ...rest } = this.preKeys;
    this.preKeys = rest;
    await this.storage.set(PRE_KEYS_KEY, this.preKeys);
    this.preKeyUsed?.();
  }

  /** Called when a pre-key was used up (a session was built with it): the bundle needs a fresh one. */
  preKeyUsed: (() => void) | undefined;

  async storeSession(encodedAddress: string, record: string): Promise<void> {
    await this.storage.set(sessionKey(encodedAddress), record);
  }

  async loadSession(encodedAddress: string): Promise<string | undefined> {
    const record = await this.storage.get(sessionKey(encodedAddress));
    return typeof record === 'string' ? record : undefined;
  }

  loadSignedPreKey(keyId: number | string): Promise<KeyPairType | undefined> {
    const signed = this.signedPreKey;
    return Promise.resolve(signed && String(signed.id) === String(keyId) ? pairOf(signed) : undefined);
  }

  async storeSignedPreKey(keyId: number | string, keyPair: KeyPairType): Promise<void> {
    await this.storeSignedPreKeyWithSignature(Number(keyId), keyPair, new ArrayBuffer(64));
  }

  async removeSignedPreKey(keyId: number | string): Promise<void> {
    if (this.signedPreKey && String(this.signedPreKey.id) === String(keyId)) {
      this.signedPreKey = undefined;
      await this.storage.delete(SIGNED_PRE_KEY_KEY);
    }
  }

  // The devices of others (and our own other devices):

  async peerDevices(jid: string): Promise<Readonly<Record<string, PeerDevice>>> {
    const cached = this.peers.get(jid);
    if (cached) return cached;
    const stored = await this.storage.get(peerKey(jid));
    const devices = typeof stored === 'object' && stored !== null ? stored as Record<string, PeerDevice> : {};
    this.peers.set(jid, devices);
    return devices;
  }

  async setPeerDevice(jid: string, deviceId: number, device: PeerDevice): Promise<void> {
    const devices = { ...await this.peerDevices(jid), [String(deviceId)]: device };
    this.peers.set(jid, devices);
    await this.storage.set(peerKey(jid), devices);
  }
}
