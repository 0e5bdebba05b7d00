/**
 * Service discovery (XEP-0030) of ourselves, with XEP-0115 entity capabilities: the
 * features others may use with us, the verification string of §5, and the answers to
 * disco#info, ping (XEP-0199) and version (XEP-0092) queries.
 */
import { createHash } from 'node:crypto';
import { DEVICE_LIST_NODE } from './omemo/wire.js';
import { NS, attr, child, xml, type Element } from './xml.js';

export const CAPS_NODE = 'https://switchboard.invalid/caps';

const IDENTITY = { category: 'client', type: 'pc', name: 'Switchboard' } as const;

export const FEATURES: readonly string[] = [
  NS.discoInfo, NS.caps, NS.ping, NS.version, NS.chatStates, NS.receipts, NS.markers, NS.correction,
  NS.reactions, NS.reply, NS.muc, NS.conference, NS.oob, NS.sid, `${NS.bookmarks2}+notify`, NS.nick,
  `${NS.avatarMetadata}+notify`, // XEP-0084 §4.2: metadata notifications via XEP-0163 +notify
  `${DEVICE_LIST_NODE}+notify`, // XEP-0384 v0.3 §4.2: contacts' OMEMO device lists
  'urn:xmpp:message-retract:1', // XEP-0424 §3
  'urn:xmpp:mds:displayed:0+notify', // XEP-0490 §5: other devices' read markers
].slice().sort();

/** XEP-0115 §5.1 verification string (no data forms in our disco#info). */
export function capsVerification(identities: readonly { category: string; type: string; lang?: string; name?: string }[], features: readonly string[]): string {
  const identityPart = identities
    .map((identity) => `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name ?? ''}<`)
    .sort().join('');
  const featurePart = [...features].sort().map((feature) => `${feature}<`).join('');
  return createHash('sha1').update(identityPart + featurePart, 'utf8').digest('base64');
}

export const CAPS_VER = capsVerification([IDENTITY], FEATURES);

/** The `<c/>` element for our presence. */
export function capsElement(): Element {
  return xml('c', { xmlns: NS.caps, hash: 'sha-1', node: CAPS_NODE, ver: CAPS_VER });
}

/** Our disco#info answer (for the bare query or `node#ver`). */
export function discoInfoResult(request: Element): Element | undefined {
  const query = child(request, 'query', NS.discoInfo);
  if (!query) return undefined;
  const node = attr(query, 'node');
  if (node !== undefined && node !== `${CAPS_NODE}#${CAPS_VER}`) return undefined;
  return xml('query', { xmlns: NS.discoInfo, ...(node !== undefined ? { node } : {}) },
    xml('identity', { ...IDENTITY }),
    ...FEATURES.map((feature) => xml('feature', { var: feature })));
}

export function versionResult(): Element {
  return xml('query', { xmlns: NS.version }, xml('name', {}, 'Switchboard'), xml('version', {}, '0.1.0'));
}
