/**
 * Publishing the user's own profile (`setProfile`): the nickname (XEP-0172 §4.3, a PEP item
 * contacts subscribed to our presence receive) and the avatar (XEP-0084 §4: the data item,
 * named by the image's SHA-1, first, then the metadata that announces it). Servers that do
 * not convert PEP avatars to vCards themselves (XEP-0398) also get the XEP-0153 fallback:
 * the photo (and nickname) in our vCard-temp, and the photo's hash in our presence.
 */
import { readFile, stat } from 'node:fs/promises';
import { ProtocolError, type OwnProfile } from '../api/index.js';
import { AVATAR_MAX_BYTES, sha1Hex, sniffImageType } from './avatarCache.js';
import type { XmppCore } from './core.js';
import { NS, child, elements, xml, type Element } from './xml.js';

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
    if (nick !== undefined) await this.publish(NS.nick, 'current', xml('nick', { xmlns: NS.nick }, ...(nick ? [nick] : [])), 'Publishing your nickname');
    if (image) {
      // §4.1 then §4.2: a contact that sees the metadata can fetch the data.
      await this.publish(NS.avatarData, image.hash, xml('data', { xmlns: NS.avatarData }, image.bytes.toString('base64')), 'Publishing your picture');
      await this.publish(NS.avatarMetadata, image.hash, xml('metadata', { xmlns: NS.avatarMetadata },
        xml('info', { id: image.hash, bytes: String(image.bytes.length), type: image.mimeType })), 'Publishing your picture');
    }
    if (await this.hooks.converts()) return;
    if (nick === undefined && !image) return;
    await this.updateVcard(nick, image);
    if (image) await this.hooks.photoChanged(image.hash);
  }

  private async publish(node: string, id: string, payload: Element, what: string): Promise<void> {
    await this.core.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsub }, xml('publish', { node }, xml('item', { id }, payload)))), what);
  }

  /** XEP-0054 §3.2/3.3 with XEP-0153 §3.1: our vCard, read and written back with the new PHOTO and NICKNAME. */
  private async updateVcard(nick: string | undefined, image: Image | undefined): Promise<void> {
    let kept: Element[] = [];
    try {
      const result = await this.core.iq(xml('iq', { type: 'get' }, xml('vCard', { xmlns: NS.vcard })), 'Reading your vCard');
      kept = elements(child(result, 'vCard', NS.vcard));
    } catch {
      // none yet (item-not-found) or none offered: written fresh
    }
    const replaced = new Set([...(image ? ['PHOTO'] : []), ...(nick !== undefined ? ['NICKNAME'] : [])]);
    const vcard = xml('vCard', { xmlns: NS.vcard },
      ...kept.filter((element) => !replaced.has(element.getName())),
      ...(nick ? [xml('NICKNAME', {}, nick)] : []),
      ...(image ? [xml('PHOTO', {}, xml('TYPE', {}, image.mimeType), xml('BINVAL', {}, image.bytes.toString('base64')))] : []));
    await this.core.iq(xml('iq', { type: 'set' }, vcard), 'Saving your vCard');
  }
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
