/**
 * JIDs (RFC 7622), parsed strictly enough to refuse garbage and loosely enough to accept
 * what servers send. Bare JIDs are the ids of contacts, direct conversations and rooms.
 */

export interface Jid {
  readonly local?: string;
  readonly domain: string;
  readonly resource?: string;
}

const MAX_PART = 1023;
/** Characters RFC 7622 §3.3.1 forbids in a localpart. */
const LOCAL_FORBIDDEN = /["&'/:<>@\s]/;

/** Parse a JID; undefined when it is not one. Domain and localpart are lower-cased. */
export function parseJid(text: string | undefined): Jid | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 3071) return undefined;
  const slash = text.indexOf('/');
  const beforeResource = slash === -1 ? text : text.slice(0, slash);
  const resource = slash === -1 ? undefined : text.slice(slash + 1);
  const at = beforeResource.indexOf('@');
  const local = at === -1 ? undefined : beforeResource.slice(0, at);
  const domain = (at === -1 ? beforeResource : beforeResource.slice(at + 1)).toLowerCase().replace(/\.$/, '');
  if (domain.length === 0 || domain.length > MAX_PART || /[\s@/]/.test(domain)) return undefined;
  if (local !== undefined && (local.length === 0 || local.length > MAX_PART || LOCAL_FORBIDDEN.test(local))) return undefined;
  if (resource !== undefined && (resource.length === 0 || resource.length > MAX_PART)) return undefined;
  return {
    domain,
    ...(local !== undefined ? { local: local.toLowerCase() } : {}),
    ...(resource !== undefined ? { resource } : {}),
  };
}

export function bareOf(jid: Jid): string {
  return jid.local !== undefined ? `${jid.local}@${jid.domain}` : jid.domain;
}

export function fullOf(jid: Jid): string {
  return jid.resource !== undefined ? `${bareOf(jid)}/${jid.resource}` : bareOf(jid);
}

/** The bare form of a JID string, or undefined when it is not a JID. */
export function bare(text: string | undefined): string | undefined {
  const jid = parseJid(text);
  return jid ? bareOf(jid) : undefined;
}

/** The resource of a JID string (a MUC nickname for occupant JIDs). */
export function resourceOf(text: string | undefined): string | undefined {
  return parseJid(text)?.resource;
}
