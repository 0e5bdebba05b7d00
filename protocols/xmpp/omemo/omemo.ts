/**
 * One account's OMEMO device (XEP-0384 v0.3): set up at login (identity, pre-keys, bundle
 * and device list published), messages encrypted for every device of the contact and our
 * own other devices, and decrypted (live, carbons, archive) into what the user reads: the
 * text with its sender's trust, or in words why it could not be decrypted.
 *
 * libsignal's sessions change with every message, so one operation runs at a time (work()).
 */
import { randomInt, createHash } from 'node:crypto';
import { KeyHelper, SessionBuilder, SessionCipher } from './signalLibrary.js';
import { ProtocolError } from '../../api/index.js';
import type { XmppCore } from '../core.js';
import type { Element } from '../xml.js';
import { applyDecryption, undecryptableText, type Decryption } from './outcome.js';
import { openPayload, sealPayload, transportKeyMaterial } from './payload.js';
import { fetchBundle, fetchDeviceList, publishBundle, publishDeviceList } from './pep.js';
import { OmemoStore, addressOf, toArrayBuffer, type PeerDevice } from './store.js';
import { senderTrustOf } from './trust.js';
import { encryptedElement, readEncrypted, type KeyElement } from './wire.js';

/** §4.3: a bundle offers "at least 20" pre-keys; Conversations keeps 100. */
const PRE_KEY_COUNT = 100;
const SIGNED_PRE_KEY_ID = 1;
/** Plaintexts of messages decrypted here, by their key's hash: the archive brings live messages again, and a ratchet key opens a message once. */
const DECRYPTED_KEY = 'omemo.decrypted';
const DECRYPTED_KEEP = 1_000;

export interface Encrypted {
  readonly element: Element;
  /** Devices that got no key (no bundle, a broken session), in words for the log. */
  readonly skipped: readonly string[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Omemo {
  readonly store: OmemoStore;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly deviceLists = new Map<string, number[]>();
  private readonly decrypted = new Map<string, string>();
  private decryptedLoaded = false;
  private bundleDirty = false;
  private started: Promise<void> | undefined;

  constructor(private readonly core: XmppCore) {
    this.store = new OmemoStore(core.context.storage, core.context.secrets);
    this.store.preKeyUsed = () => {
      this.bundleDirty = true;
    };
  }

  /** One libsignal operation at a time, in the order asked. */
  private work<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  get deviceId(): number {
    return this.store.localDevice().deviceId;
  }

  /** At login: this device's keys (created once), its bundle, and its place in our device list. */
  start(): Promise<void> {
    this.started ??= this.work(() => this.setUp());
    return this.started;
  }

  private async setUp(): Promise<void> {
    if (!await this.store.load()) {
      const identity = await KeyHelper.generateIdentityKeyPair();
      await this.store.create(identity, randomInt(1, 2 ** 31 - 1));
      const signed = await KeyHelper.generateSignedPreKey(identity, SIGNED_PRE_KEY_ID);
      await this.store.storeSignedPreKeyWithSignature(signed.keyId, signed.keyPair, signed.signature);
    }
    await this.refillPreKeys();
    await this.publishOwnBundle();
    const own = await fetchDeviceList(this.core, this.core.selfBare);
    this.deviceLists.set(this.core.selfBare, own);
    if (!own.includes(this.deviceId)) await publishDeviceList(this.core, [...own, this.deviceId]);
    this.core.log.info(`XMPP: OMEMO device ${this.deviceId} ready (${own.length} other device(s) of this account listed)`);
  }

  private async refillPreKeys(): Promise<void> {
    const have = this.store.preKeyPublics().length;
    let { nextPreKeyId } = this.store.localDevice();
    for (let count = have; count < PRE_KEY_COUNT; count++) {
      const preKey = await KeyHelper.generatePreKey(nextPreKeyId);
      await this.store.storePreKey(preKey.keyId, preKey.keyPair);
      nextPreKeyId++;
    }
    await this.store.setLocal({ ...this.store.localDevice(), nextPreKeyId });
  }

  private async publishOwnBundle(): Promise<void> {
    const signed = this.store.signedPreKeyPublic();
    if (!signed) throw new Error('no signed pre-key');
    const identityKey = Buffer.from(this.store.identityKeyPair().pubKey);
    await publishBundle(this.core, this.deviceId, { identityKey, signedPreKey: signed, preKeys: this.store.preKeyPublics() });
    this.bundleDirty = false;
  }

  /** §4.3: a pre-key used by a new session is replaced and the bundle published again. */
  private async afterPreKeyUse(): Promise<void> {
    if (!this.bundleDirty) return;
    await this.refillPreKeys();
    await this.publishOwnBundle().catch((error: unknown) => this.core.log.warn(`XMPP: OMEMO bundle not republished: ${describe(error)}`));
  }

  /** A device list notification (XEP-0163 +notify). Our own list without this device gets it back (another client overwrote it). */
  onDeviceList(jid: string, devices: number[]): void {
    this.deviceLists.set(jid, devices);
    if (jid === this.core.selfBare && this.started && !devices.includes(this.store.localDevice().deviceId)) {
      void this.work(() => publishDeviceList(this.core, [...devices, this.deviceId]))
        .catch((error: unknown) => this.core.log.warn(`XMPP: OMEMO device list not republished: ${describe(error)}`));
    }
  }

  async devicesOf(jid: string): Promise<number[]> {
    const known = this.deviceLists.get(jid);
    if (known) return known;
    const fetched = await fetchDeviceList(this.core, jid);
    this.deviceLists.set(jid, fetched);
    return fetched;
  }

  /**
   * The `<encrypted/>` element for `plaintext`, for every device of each recipient (the
   * contact; a private room's members) and our other devices. Throws, naming them, when a
   * recipient has no device that can read it: nothing goes out that someone cannot read.
   */
  encrypt(recipients: readonly string[], plaintext: string): Promise<Encrypted> {
    return this.work(async () => {
      const targets: [string, number[]][] = [];
      for (const jid of recipients) targets.push([jid, await this.devicesOf(jid)]);
      const without = targets.filter(([, ids]) => ids.length === 0).map(([jid]) => jid);
      if (without.length > 0) {
        throw new ProtocolError('protocol', `${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no OMEMO devices: the message was not sent. Turn encryption off here (/omemo off) to send it unencrypted.`);
      }
      targets.push([this.core.selfBare, (await this.devicesOf(this.core.selfBare)).filter((id) => id !== this.deviceId)]);
      const sealed = sealPayload(plaintext);
      const skipped: string[] = [];
      const keys: KeyElement[] = [];
      const unreached = new Set(recipients);
      for (const [jid, ids] of targets) {
        for (const id of ids) {
          try {
            keys.push(await this.keyFor(jid, id, sealed.keyMaterial));
            unreached.delete(jid);
          } catch (error: unknown) {
            skipped.push(`${jid} device ${id}: ${describe(error)}`);
          }
        }
      }
      if (unreached.size > 0) {
        throw new ProtocolError('protocol', `None of the OMEMO devices of ${[...unreached].join(', ')} could be reached (${skipped.join('; ')}): the message was not sent.`);
      }
      return { element: encryptedElement({ sid: this.deviceId, keys, iv: sealed.iv, payload: sealed.payload }), skipped };
    });
  }

  private async keyFor(jid: string, deviceId: number, keyMaterial: Buffer): Promise<KeyElement> {
    const address = addressOf(jid, deviceId);
    if (await this.store.loadSession(address.toString()) === undefined) {
      const bundle = await fetchBundle(this.core, jid, deviceId);
      if (!bundle) throw new Error('it published no usable keys');
      const preKey = bundle.preKeys[randomInt(bundle.preKeys.length)] ?? bundle.preKeys[0];
      await new SessionBuilder(this.store, address).processPreKey({
        identityKey: toArrayBuffer(bundle.identityKey),
        signedPreKey: { keyId: bundle.signedPreKey.id, publicKey: toArrayBuffer(bundle.signedPreKey.publicKey), signature: toArrayBuffer(bundle.signedPreKey.signature) },
        ...(preKey ? { preKey: { keyId: preKey.id, publicKey: toArrayBuffer(preKey.publicKey) } } : {}),
        registrationId: deviceId,
      });
    }
    const result = await new SessionCipher(this.store, address).encrypt(toArrayBuffer(keyMaterial));
    if (result.body === undefined) throw new Error('libsignal produced no message');
    return { rid: deviceId, prekey: result.type === 3, data: Buffer.from(result.body, 'binary') };
  }

  /**
   * Decrypts `message` (sent by `sender`, a bare JID) in place (see outcome.ts). Returns
   * false for a key transport element (§7.3: no text, nothing to show).
   */
  decrypt(message: Element, sender: string): Promise<boolean> {
    return this.work(async () => {
      const result = await this.open(message, sender);
      if (result === undefined) return false;
      applyDecryption(message, result.body, result.outcome);
      await this.afterPreKeyUse();
      return true;
    });
  }

  private async open(message: Element, sender: string): Promise<{ body: string; outcome: Decryption } | undefined> {
    const failed = (reason: string): { body: string; outcome: Decryption } => ({ body: undecryptableText(reason), outcome: { kind: 'failed' } });
    const encrypted = readEncrypted(message);
    if (!encrypted) return failed('its OMEMO part is malformed.');
    if (!this.started) return failed('OMEMO is off for this account (turn it on in the account\'s settings to read encrypted messages).');
    await this.started.catch(() => undefined);
    const key = encrypted.keys.find((candidate) => candidate.rid === this.deviceId);
    if (!key) {
      if (sender === this.core.selfBare && encrypted.sid === this.deviceId) return failed('it was sent from this device, which cannot read its own messages back from the server.');
      return failed('it was not encrypted for this device. The sender\'s app may not know this device yet.');
    }
    const memo = createHash('sha256').update(key.data).digest('base64');
    await this.loadDecrypted();
    const known = this.decrypted.get(memo);
    const devices = async (): Promise<Readonly<Record<string, PeerDevice>>> => this.store.peerDevices(sender);
    if (known !== undefined) return { body: known, outcome: { kind: 'decrypted', trust: senderTrustOf(await devices(), encrypted.sid) } };
    let keyMaterial: Buffer;
    try {
      const cipher = new SessionCipher(this.store, addressOf(sender, encrypted.sid));
      const data = toArrayBuffer(key.data);
      keyMaterial = Buffer.from(key.prekey ? await cipher.decryptPreKeyWhisperMessage(data, 'binary') : await cipher.decryptWhisperMessage(data, 'binary'));
    } catch (error: unknown) {
      this.core.log.info(`XMPP: OMEMO message from ${sender} device ${encrypted.sid} not decrypted: ${describe(error)}`);
      return failed(`this device has no working session with the sender's device ${encrypted.sid} (${describe(error)}).`);
    }
    if (!encrypted.payload) return undefined;
    let body: string;
    try {
      body = openPayload(keyMaterial, encrypted.iv, encrypted.payload);
    } catch (error: unknown) {
      return failed(`its text does not match its key (${describe(error)}).`);
    }
    this.decrypted.set(memo, body);
    for (const oldest of [...this.decrypted.keys()].slice(0, Math.max(0, this.decrypted.size - DECRYPTED_KEEP))) this.decrypted.delete(oldest);
    await this.core.context.storage.set(DECRYPTED_KEY, this.decryptedEntries()).catch(() => undefined);
    return { body, outcome: { kind: 'decrypted', trust: senderTrustOf(await devices(), encrypted.sid) } };
  }

  private async loadDecrypted(): Promise<void> {
    if (this.decryptedLoaded) return;
    this.decryptedLoaded = true;
    const stored = await this.core.context.storage.get(DECRYPTED_KEY).catch(() => undefined);
    if (!Array.isArray(stored)) return;
    for (const entry of stored) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') this.decrypted.set(entry[0], entry[1]);
    }
  }

  private decryptedEntries(): [string, string][] {
    return [...this.decrypted.entries()];
  }

  /** A key transport element (§7.3) for one device: an empty message that completes a session built by a pre-key message. */
  keyTransport(jid: string, deviceId: number): Promise<Element> {
    return this.work(async () => {
      const { keyMaterial, iv } = transportKeyMaterial();
      const key = await this.keyFor(jid, deviceId, keyMaterial);
      return encryptedElement({ sid: this.deviceId, keys: [key], iv });
    });
  }
}
