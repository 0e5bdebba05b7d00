/**
 * XML for XMPP: elements and the streaming parser come from @xmpp/xml (ltx). Everything
 * read from the network goes through the typed accessors here, never through `attrs`
 * directly, so that a missing or odd attribute is `undefined`, not a crash.
 */
import xml, { Element, Parser, escapeXML } from '@xmpp/xml';

export { Element, Parser, escapeXML, xml };

/** Namespaces, by the XEP or RFC that defines them. */
export const NS = {
  client: 'jabber:client',
  stream: 'http://etherx.jabber.org/streams',
  streams: 'urn:ietf:params:xml:ns:xmpp-streams',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  session: 'urn:ietf:params:xml:ns:xmpp-session',
  sm: 'urn:xmpp:sm:3',
  roster: 'jabber:iq:roster',
  rosterVersioning: 'urn:xmpp:features:rosterver',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  caps: 'http://jabber.org/protocol/caps',
  ping: 'urn:xmpp:ping',
  version: 'jabber:iq:version',
  time: 'urn:xmpp:time',
  delay: 'urn:xmpp:delay',
  chatStates: 'http://jabber.org/protocol/chatstates',
  receipts: 'urn:xmpp:receipts',
  markers: 'urn:xmpp:chat-markers:0',
  carbons: 'urn:xmpp:carbons:2',
  forward: 'urn:xmpp:forward:0',
  hints: 'urn:xmpp:hints',
  styling: 'urn:xmpp:styling:0',
  sid: 'urn:xmpp:sid:0',
  correction: 'urn:xmpp:message-correct:0',
  reply: 'urn:xmpp:reply:0',
  fallback: 'urn:xmpp:fallback:0',
  reactions: 'urn:xmpp:reactions:0',
  mam: 'urn:xmpp:mam:2',
  rsm: 'http://jabber.org/protocol/rsm',
  dataForms: 'jabber:x:data',
  muc: 'http://jabber.org/protocol/muc',
  mucUser: 'http://jabber.org/protocol/muc#user',
  mucAdmin: 'http://jabber.org/protocol/muc#admin',
  mucOwner: 'http://jabber.org/protocol/muc#owner',
  mucRoomInfo: 'http://jabber.org/protocol/muc#roominfo',
  conference: 'jabber:x:conference',
  bookmarks2: 'urn:xmpp:bookmarks:1',
  pubsub: 'http://jabber.org/protocol/pubsub',
  pubsubEvent: 'http://jabber.org/protocol/pubsub#event',
  pubsubOwner: 'http://jabber.org/protocol/pubsub#owner',
  blocking: 'urn:xmpp:blocking',
  upload: 'urn:xmpp:http:upload:0',
  oob: 'jabber:x:oob',
  nick: 'http://jabber.org/protocol/nick',
  me: 'urn:xmpp:me:0',
  avatarData: 'urn:xmpp:avatar:data',
  avatarMetadata: 'urn:xmpp:avatar:metadata',
  vcard: 'vcard-temp',
  vcardUpdate: 'vcard-temp:x:update',
  pepVcardConversion: 'urn:xmpp:pep-vcard-conversion:0',
} as const;

/** An attribute as a string, or undefined when absent or not a string. */
export function attr(element: Element, name: string): string | undefined {
  const value: unknown = (element.attrs as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The first child with this name in this namespace. */
export function child(element: Element | undefined, name: string, ns: string): Element | undefined {
  if (!element) return undefined;
  for (const node of element.children) {
    if (typeof node !== 'string' && node.getName() === name && node.getNS() === ns) return node;
  }
  return undefined;
}

/** Every child with this name in this namespace. */
export function children(element: Element | undefined, name: string, ns: string): Element[] {
  if (!element) return [];
  return element.children.filter((node): node is Element => typeof node !== 'string' && node.getName() === name && node.getNS() === ns);
}

/** Every child element, whatever its name. */
export function elements(element: Element | undefined): Element[] {
  if (!element) return [];
  return element.children.filter((node): node is Element => typeof node !== 'string');
}

/** The text of a child, or undefined when there is no such child. */
export function childText(element: Element | undefined, name: string, ns: string): string | undefined {
  const found = child(element, name, ns);
  return found ? found.text() : undefined;
}

/** True when the element is `name` in namespace `ns`. */
export function isElement(element: Element, name: string, ns: string): boolean {
  return element.getName() === name && element.getNS() === ns;
}

/** A random id for stanzas (RFC 6120 §8.1.3 wants them unique enough). */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
