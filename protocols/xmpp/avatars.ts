/**
 * Contacts' avatars. XEP-0084 (User Avatar, via PEP with `+notify`, §4.2/§4.3) is read
 * first; XEP-0153 (vCard-based avatars, read only, §4.3) is the fallback, with the photo
 * fetched from the vCard (XEP-0054), or from PEP when the server converts between the two
 * (XEP-0398 §3, feature `urn:xmpp:pep-vcard-conversion:0` on our account).
 *
 * An avatar is named by the SHA-1 of its bytes. It is fetched only for roster contacts,
 * checked (hash, ≤ 64 KiB, PNG/JPEG/GIF/WebP), cached by hash under the account's data
 * folder, and emitted as `contact.upserted` only when a contact's hash changes.
 */
import type { Avatar, Contact } from '../api/index.js';
import { AVATAR_MAX_BYTES, AvatarCache, checkAvatar, decodeBase64, normalizeHash } from './avatarCache.js';
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { readVcardPhoto, readVcardUpdate } from './vcardAvatar.js';
import { NS, attr, child, childText, children, xml, type Element } from './xml.js';

const EMITTED_KEY = 'avatars.emitted';
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const FETCH_TIMEOUT_MS = 15_000;

/** What a contact announced: the hash, and what the announcement says about the image. */
export interface AvatarAnnouncement {
  readonly hash: string;
  readonly source: 'pep' | 'vcard';
  readonly bytes?: number;
  readonly type?: string;
}

/**
 * XEP-0084 §4.2 metadata notification: the announced image (the `info` whose id is the
 * item id, else the first one without a URL), `null` when the avatar was disabled (§4.5,
 * empty metadata), undefined when this is not avatar metadata.
 */
export function readAvatarMetadata(event: Element | undefined): AvatarAnnouncement | null | undefined {
  const items = children(event, 'items', NS.pubsubEvent).find((node) => attr(node, 'node') === NS.avatarMetadata);
  if (!items) return undefined;
  const item = children(items, 'item', NS.pubsubEvent).at(-1);
  const metadata = child(item, 'metadata', NS.avatarMetadata);
  if (!item || !metadata) return undefined;
  const infos = children(metadata, 'info', NS.avatarMetadata);
  if (infos.length === 0) return null;
  const itemId = normalizeHash(attr(item, 'id'));
  const info = infos.find((node) => normalizeHash(attr(node, 'id')) === itemId) ?? infos.find((node) => attr(node, 'url') === undefined);
  const hash = normalizeHash(info ? attr(info, 'id') : undefined);
  if (!info || !hash) return undefined;
  const bytes = Number(attr(info, 'bytes'));
  const type = attr(info, 'type')?.trim().toLowerCase();
  return { hash, source: 'pep', ...(Number.isFinite(bytes) && bytes >= 0 ? { bytes } : {}), ...(type ? { type } : {}) };
}

export class Avatars {
  /** Images downloaded this session (the cache makes a second login download none). */
  downloads = 0;
  private readonly cache: AvatarCache;
  /** The hash last emitted per contact (kept in plugin storage, so a restart does not emit again). */
  private readonly emitted = new Map<string, string>();
  private emittedLoaded: Promise<void> | undefined;
  /** The newest announcement per contact not handled yet; one fetch per contact at a time. */
  private readonly wanted = new Map<string, AvatarAnnouncement>();
  private readonly busy = new Set<string>();
  private conversion: Promise<boolean> | undefined;

  constructor(private readonly core: XmppCore, private readonly contact: (jid: string) => Contact | undefined) {
    this.cache = new AvatarCache(core.context.dataDir);
  }

  /** A PEP notification (XEP-0084 §4.2) from someone else; true when it was avatar metadata. */
  onEvent(stanza: Element): boolean {
    const announced = readAvatarMetadata(child(stanza, 'event', NS.pubsubEvent));
    const jid = bare(attr(stanza, 'from'));
    if (announced === undefined || !jid || jid === this.core.selfBare) return announced !== undefined;
    if (announced === null) {
      this.core.log.debug(`XMPP: ${jid} removed their avatar`);
      return true;
    }
    this.want(jid, announced);
    return true;
  }

  /** XEP-0153 §4.3: a contact's presence carries their vCard photo's hash. */
  onPresence(stanza: Element): void {
    const jid = bare(attr(stanza, 'from'));
    if (!jid || jid === this.core.selfBare || attr(stanza, 'type') !== undefined) return;
    const update = readVcardUpdate(stanza);
    if (update === undefined || update === null) return; // not ready (no <photo/>) or no avatar
    this.want(jid, { hash: update, source: 'vcard' });
  }

  private want(jid: string, announced: AvatarAnnouncement): void {
    if (!this.contact(jid)) return; // only roster contacts: no fetches for strangers
    this.wanted.set(jid, announced);
    if (this.busy.has(jid)) return;
    this.busy.add(jid);
    void this.run(jid).finally(() => this.busy.delete(jid));
  }

  private async run(jid: string): Promise<void> {
    this.emittedLoaded ??= this.loadEmitted();
    await this.emittedLoaded;
    for (let announced = this.wanted.get(jid); announced; announced = this.wanted.get(jid)) {
      this.wanted.delete(jid);
      if (this.emitted.get(jid) === announced.hash) continue;
      let avatar: Avatar | undefined;
      try {
        avatar = await this.obtain(jid, announced);
      } catch (error: unknown) {
        this.core.log.info(`XMPP: the avatar of ${jid} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
      }
      const contact = this.contact(jid);
      if (!avatar || !contact) continue;
      this.emitted.set(jid, announced.hash);
      await this.core.context.storage.set(EMITTED_KEY, Object.fromEntries(this.emitted)).catch(() => undefined);
      this.core.emit({ type: 'contact.upserted', contact: { ...contact, avatar } });
    }
  }

  private async loadEmitted(): Promise<void> {
    const stored = await this.core.context.storage.get(EMITTED_KEY).catch(() => undefined);
    if (typeof stored !== 'object' || stored === null) return;
    for (const [jid, hash] of Object.entries(stored as Record<string, unknown>)) {
      const checked = typeof hash === 'string' ? normalizeHash(hash) : undefined;
      if (checked) this.emitted.set(jid, checked);
    }
  }

  private async obtain(jid: string, announced: AvatarAnnouncement): Promise<Avatar | undefined> {
    const { hash } = announced;
    if (announced.bytes !== undefined && announced.bytes > AVATAR_MAX_BYTES) {
      this.core.log.warn(`XMPP: the avatar of ${jid} is ${announced.bytes} bytes, over ${AVATAR_MAX_BYTES}: not fetched`);
      return undefined;
    }
    if (announced.type !== undefined && !ALLOWED_TYPES.has(announced.type)) {
      this.core.log.warn(`XMPP: the avatar of ${jid} is ${announced.type}, not PNG, JPEG, GIF or WebP: not fetched`);
      return undefined;
    }
    const cached = await this.cache.get(hash);
    if (cached) return cached;
    const bytes = await this.download(jid, announced);
    if (!bytes) return undefined;
    const check = checkAvatar(hash, bytes);
    if (!check.ok) {
      this.core.log.warn(`XMPP: the avatar of ${jid} was not used: ${check.reason}`);
      return undefined;
    }
    await this.cache.put(hash, bytes).catch((error: unknown) => this.core.log.info(`XMPP: could not cache an avatar: ${String(error)}`));
    return check.avatar;
  }

  private async download(jid: string, announced: AvatarAnnouncement): Promise<Buffer | undefined> {
    if (announced.source === 'pep') return this.fetchPep(jid, announced.hash);
    // XEP-0398 §3: the server keeps PEP and vCard in step, so the PEP item has the same hash.
    if (await this.converts()) {
      const fromPep = await this.fetchPep(jid, announced.hash).catch(() => undefined);
      if (fromPep) return fromPep;
    }
    return this.fetchVcard(jid);
  }

  /** XEP-0084 §4.3: the data item whose id is the hash. */
  private async fetchPep(jid: string, hash: string): Promise<Buffer | undefined> {
    this.downloads++;
    this.core.log.debug(`XMPP: fetching the avatar ${hash} of ${jid} (XEP-0084)`);
    const result = await this.core.iq(xml('iq', { type: 'get', to: jid },
      xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS.avatarData }, xml('item', { id: hash })))), `Fetching the avatar of ${jid}`, FETCH_TIMEOUT_MS);
    const items = child(child(result, 'pubsub', NS.pubsub), 'items', NS.pubsub);
    const item = children(items, 'item', NS.pubsub).find((node) => normalizeHash(attr(node, 'id')) === hash);
    const text = childText(item, 'data', NS.avatarData);
    return this.decode(jid, text);
  }

  /** XEP-0153 §3.2 / XEP-0054: the PHOTO of the contact's vCard. */
  private async fetchVcard(jid: string): Promise<Buffer | undefined> {
    this.downloads++;
    this.core.log.debug(`XMPP: fetching the vCard of ${jid} for its photo (XEP-0153)`);
    const result = await this.core.iq(xml('iq', { type: 'get', to: jid }, xml('vCard', { xmlns: NS.vcard })), `Fetching the vCard of ${jid}`, FETCH_TIMEOUT_MS);
    return this.decode(jid, readVcardPhoto(child(result, 'vCard', NS.vcard)));
  }

  private decode(jid: string, text: string | undefined): Buffer | undefined {
    if (text === undefined) return undefined;
    // Base64 is 4/3 of the bytes: anything much longer is too large before decoding it.
    if (text.length > (AVATAR_MAX_BYTES * 4) / 3 + 4096) {
      this.core.log.warn(`XMPP: the avatar of ${jid} is over ${AVATAR_MAX_BYTES} bytes: not used`);
      return undefined;
    }
    const bytes = decodeBase64(text);
    if (!bytes) this.core.log.warn(`XMPP: the avatar of ${jid} is not valid base64`);
    return bytes;
  }

  /** XEP-0398 §3: does our server convert between vCard photos and PEP avatars? Asked once. */
  converts(): Promise<boolean> {
    this.conversion ??= this.core.iq(xml('iq', { type: 'get', to: this.core.selfBare }, xml('query', { xmlns: NS.discoInfo })), 'Asking the account what it offers', FETCH_TIMEOUT_MS)
      .then((result) => children(child(result, 'query', NS.discoInfo), 'feature', NS.discoInfo).some((node) => attr(node, 'var') === NS.pepVcardConversion))
      .catch(() => false);
    return this.conversion;
  }
}
