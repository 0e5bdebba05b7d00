/**
 * The user's own profile: reading it (`getProfile`) and publishing it (`setProfile`): the nickname (XEP-0172 §4.3, a PEP item
 * contacts subscribed to our presence receive) and the avatar (XEP-0084 §4: the data item,
 * named by the image's SHA-1, first, then the metadata that announces it). Servers that do
 * not convert PEP avatars to vCards themselves (XEP-0398) also get the XEP-0153 fallback:
 * the photo (and nickname) in our vCard-temp, and the photo's hash in our presence.
 */
import { readFile, stat } from 'node:fs/promises';
import { ProtocolError, type Avatar, type CurrentProfile, type OwnProfile } from '../api/index.js';
import { AVATAR_MAX_BYTES, checkAvatar, decodeBase64, normalizeHash, sha1Hex, sniffImageType } from './avatarCache.js';
import type { XmppCore } from './core.js';
import type { Live } from './live.js';
import { readVcardPhoto } from './vcardAvatar.js';
import { NS, attr, child, childText, children, elements, xml, type Element } from './xml.js';

const MAX_NICK = 200;

export interface ProfileHooks {
  /** XEP-0398: the server converts between PEP avatars and vCard photos itself. */
  readonly converts: () => Promise<boolean>;
  /** XEP-0153 §3.2: our presence now carries this photo hash; send it again. */
  readonly photoChanged: (hash: string) => Promise<void>;
}

export class ProfilePublisher {
  constructor(private readonly core: XmppCore, private readonly hooks: ProfileHooks) {}

  async set(profile: OwnProfile): Promise<void> {
    const nick = profile.displayName?.trim().slice(0, MAX_NICK);
    const image = profile.avatar ? await readImage(profile.avatar.path) : undefined;
    const removed = !image && profile.removeAvatar === true;
    if (nick !== undefined) await this.publish(NS.nick, 'current', xml('nick', { xmlns: NS.nick }, ...(nick ? [nick] : [])), 'Publishing your nickname');
    if (image) {
      // §4.1 then §4.2: a contact that sees the metadata can fetch the data.
      await this.publish(NS.avatarData, image.hash, xml('data', { xmlns: NS.avatarData }, image.bytes.toString('base64')), 'Publishing your picture');
      await this.publish(NS.avatarMetadata, image.hash, xml('metadata', { xmlns: NS.avatarMetadata },
        xml('info', { id: image.hash, bytes: String(image.bytes.length), type: image.mimeType })), 'Publishing your picture');
    }
    // §4.5: empty metadata tells contacts the picture is gone.
    if (removed) await this.publish(NS.avatarMetadata, 'current', xml('metadata', { xmlns: NS.avatarMetadata }), 'Removing your picture');
    if (await this.hooks.converts()) return;
    if (nick === undefined && !image && !removed) return;
    await this.updateVcard(nick, image, removed);
    // XEP-0153 §3.2: an empty <photo/> says there is no picture.
    if (image || removed) await this.hooks.photoChanged(image?.hash ?? '');
  }

  /** What the user shows now: the PEP nickname and avatar (XEP-0172 §4.3, XEP-0084 §4.3), else the vCard's (XEP-0054). */
  async current(): Promise<CurrentProfile> {
    const nick = await this.latestItem(NS.nick).then((item) => child(item, 'nick', NS.nick)?.text().trim(), () => undefined);
    const avatar = await this.pepAvatar().catch(() => undefined);
    if (nick && avatar) return { displayName: nick, avatar };
    const vcard = await this.core.iq(xml('iq', { type: 'get' }, xml('vCard', { xmlns: NS.vcard })), 'Reading your vCard')
      .then((result) => child(result, 'vCard', NS.vcard), () => undefined);
    const displayName = nick || childText(vcard, 'NICKNAME', NS.vcard)?.trim();
    const photo = avatar ?? vcardAvatar(readVcardPhoto(vcard));
    return { ...(displayName ? { displayName } : {}), ...(photo ? { avatar: photo } : {}) };
  }

  /** §4.3: the data item the newest metadata names; undefined when the metadata is empty (no picture) or too big. */
  private async pepAvatar(): Promise<Avatar | undefined> {
    const metadata = child(await this.latestItem(NS.avatarMetadata), 'metadata', NS.avatarMetadata);
    const info = children(metadata, 'info', NS.avatarMetadata).find((candidate) => attr(candidate, 'url') === undefined);
    const hash = info ? normalizeHash(attr(info, 'id')) : undefined;
    if (!hash) return undefined;
    const result = await this.core.iq(xml('iq', { type: 'get', to: this.core.selfBare },
      xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS.avatarData }, xml('item', { id: hash })))), 'Reading your picture');
    const item = children(child(child(result, 'pubsub', NS.pubsub), 'items', NS.pubsub), 'item', NS.pubsub)[0];
    const bytes = decodeBase64(childText(item, 'data', NS.avatarData) ?? '');
    if (!bytes) return undefined;
    const check = checkAvatar(hash, bytes);
    return check.ok ? check.avatar : undefined;
  }

  private async latestItem(node: string): Promise<Element | undefined> {
    const result = await this.core.iq(xml('iq', { type: 'get', to: this.core.selfBare },
      xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node, max_items: '1' }))), 'Reading your profile');
    return children(child(child(result, 'pubsub', NS.pubsub), 'items', NS.pubsub), 'item', NS.pubsub).at(-1);
  }

  private async publish(node: string, id: string, payload: Element, what: string): Promise<void> {
    await this.core.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsub }, xml('publish', { node }, xml('item', { id }, payload)))), what);
  }

  /** XEP-0054 §3.2/3.3 with XEP-0153 §3.1: our vCard, read and written back with the new PHOTO and NICKNAME. */
  private async updateVcard(nick: string | undefined, image: Image | undefined, removed: boolean): Promise<void> {
    let kept: Element[] = [];
    try {
      const result = await this.core.iq(xml('iq', { type: 'get' }, xml('vCard', { xmlns: NS.vcard })), 'Reading your vCard');
      kept = elements(child(result, 'vCard', NS.vcard));
    } catch {
      // none yet (item-not-found) or none offered: written fresh
    }
    const replaced = new Set([...(image || removed ? ['PHOTO'] : []), ...(nick !== undefined ? ['NICKNAME'] : [])]);
    const vcard = xml('vCard', { xmlns: NS.vcard },
      ...kept.filter((element) => !replaced.has(element.getName())),
      ...(nick ? [xml('NICKNAME', {}, nick)] : []),
      ...(image ? [xml('PHOTO', {}, xml('TYPE', {}, image.mimeType), xml('BINVAL', {}, image.bytes.toString('base64')))] : []));
    await this.core.iq(xml('iq', { type: 'set' }, vcard), 'Saving your vCard');
  }
}

/** A vCard PHOTO as an avatar, when it is a picture contacts could accept (≤ 64 KiB, PNG/JPEG/GIF/WebP). */
function vcardAvatar(base64: string | undefined): Avatar | undefined {
  const bytes = base64 !== undefined ? decodeBase64(base64) : undefined;
  if (!bytes) return undefined;
  const check = checkAvatar(sha1Hex(bytes), bytes);
  return check.ok ? check.avatar : undefined;
}

/** The profile of an online session: its server's avatar conversion, and the presence that carries our photo hash. */
export function profileOf(live: Live): ProfilePublisher {
  const { avatars, presences, invisibility } = live.features;
  return new ProfilePublisher(live.core, {
    converts: () => avatars.converts(),
    photoChanged: async (hash) => {
      presences.photoHash = hash;
      if (presences.own.status !== 'offline' && !invisibility.hidden) await presences.set(presences.own);
    },
  });
}

interface Image {
  readonly bytes: Buffer;
  readonly hash: string;
  readonly mimeType: string;
}

/** The picture file, refused in words when too big for contacts to accept (≤ 64 KiB, as we accept theirs) or not an image. */
async function readImage(path: string): Promise<Image> {
  const size = await stat(path).then((info) => info.size, () => {
    throw new ProtocolError('protocol', 'The picture could not be read.');
  });
  if (size > AVATAR_MAX_BYTES) {
    throw new ProtocolError('protocol', `The picture is ${Math.ceil(size / 1024)} KB; XMPP contacts accept at most ${AVATAR_MAX_BYTES / 1024} KB. Choose a smaller one.`);
  }
  const bytes = await readFile(path);
  const mimeType = sniffImageType(bytes);
  if (!mimeType) throw new ProtocolError('protocol', 'The picture is not a PNG, JPEG, GIF or WebP image.');
  return { bytes, hash: sha1Hex(bytes), mimeType };
}
