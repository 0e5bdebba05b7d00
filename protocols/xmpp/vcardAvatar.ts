/**
 * vCard-based avatars (XEP-0153), read only: the photo hash in presence (§4.3) and the
 * photo in the vCard (XEP-0054 PHOTO with TYPE and BINVAL; EXTVAL is not fetched).
 */
import { normalizeHash } from './avatarCache.js';
import { NS, child, childText, type Element } from './xml.js';

/**
 * XEP-0153 §4.3: the hash in `<x xmlns='vcard-temp:x:update'><photo>…</photo></x>`;
 * `null` for an empty `<photo/>` (no avatar); undefined when there is no usable `<photo/>`
 * (the client is not ready to advertise one, §4.1 rule 4, or the hash is malformed).
 */
export function readVcardUpdate(presence: Element): string | null | undefined {
  const photo = child(child(presence, 'x', NS.vcardUpdate), 'photo', NS.vcardUpdate);
  if (!photo) return undefined;
  const text = photo.text().trim();
  if (text === '') return null;
  return normalizeHash(text);
}

/** XEP-0054 PHOTO/BINVAL of a `<vCard xmlns='vcard-temp'/>`, as base64 text. */
export function readVcardPhoto(vcard: Element | undefined): string | undefined {
  const binval = childText(child(vcard, 'PHOTO', NS.vcard), 'BINVAL', NS.vcard);
  return binval === undefined || binval.trim() === '' ? undefined : binval;
}
