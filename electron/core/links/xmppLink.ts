/**
 * `xmpp:` links, RFC 5122 (XMPP IRIs and URIs) with the query types of the XMPP Registrar
 * (XEP-0147): `message`, `roster`, `subscribe`, and `join` (XEP-0045 §15.1.4).
 *
 *   xmpp:[//account@domain/]node@domain[/resource][?querytype[;key=value]*][#fragment]
 *
 * Per §2.7.2 the path is split into node, domain and resource before each part is
 * percent-decoded (a `@` or `/` inside a node arrives encoded), and a part that would not
 * survive stringprep (RFC 6122 §A.5: no `"&'/:<>@` or spaces in a node) makes the whole
 * link void: §2.8 says not to act on a JID that is not well formed.
 */
import type { LinkAction, LinkParse } from '../../bridge/linkSchemas.js';
import { decodePercent, hasForbiddenCharacter, isHost, quoted, refuse, splitOnce } from './linkText.js';

const MAX_PART = 1023;
const NODE_FORBIDDEN = /["&'/:<>@\s]/;

interface Jid {
  readonly node?: string;
  readonly domain: string;
  readonly resource?: string;
}

function bare(jid: Jid): string {
  return jid.node === undefined ? jid.domain : `${jid.node}@${jid.domain}`;
}

/** A JID from the raw (still percent-encoded) text, or why it is not one. */
function readJid(raw: string): Jid | string {
  const [local, rawResource] = splitOnce(raw, '/');
  const [first, rest] = splitOnce(local, '@');
  const rawNode = rest === undefined ? undefined : first;
  const rawDomain = rest ?? first;
  const node = rawNode === undefined ? undefined : decodePercent(rawNode);
  const domain = decodePercent(rawDomain)?.toLowerCase();
  const resource = rawResource === undefined ? undefined : decodePercent(rawResource);
  if (node === undefined && rawNode !== undefined) return 'its user part has a broken %-escape';
  if (domain === undefined || (resource === undefined && rawResource !== undefined)) return 'it has a broken %-escape';
  if (node !== undefined && (node === '' || node.length > MAX_PART || NODE_FORBIDDEN.test(node) || hasForbiddenCharacter(node))) {
    return `${quoted(node)} cannot be the user part of an XMPP address`;
  }
  if (!isHost(domain.replace(/\.$/, ''))) return `${quoted(domain)} is not a server name`;
  if (resource !== undefined && (resource === '' || resource.length > MAX_PART || hasForbiddenCharacter(resource))) {
    return 'the part after “/” is empty or holds characters an XMPP address cannot';
  }
  return { ...(node !== undefined ? { node } : {}), domain: domain.replace(/\.$/, ''), ...(resource !== undefined ? { resource } : {}) };
}

/** `querytype;key=value;…` (§2.5): undefined when an escape is broken. */
function readQuery(raw: string): { type: string; params: Map<string, string> } | undefined {
  const [rawType, ...pairs] = raw.split(';');
  const type = decodePercent(rawType ?? '');
  if (type === undefined) return undefined;
  const params = new Map<string, string>();
  for (const pair of pairs) {
    const [rawKey, rawValue] = splitOnce(pair, '=');
    const key = decodePercent(rawKey);
    const value = decodePercent(rawValue ?? '');
    if (key === undefined || value === undefined) return undefined;
    // The first of a repeated key wins: a later one cannot quietly change what was shown.
    if (!params.has(key)) params.set(key, value);
  }
  return { type, params };
}

function optionalText(params: Map<string, string>, key: string, max: number): string | undefined {
  const value = params.get(key);
  if (value === undefined || value === '' || hasForbiddenCharacter(value.replace(/[\n\t]/g, ' '))) return undefined;
  return value.slice(0, max);
}

export function parseXmppLink(rest: string): LinkParse {
  const [beforeFragment] = splitOnce(rest, '#');
  const [hier, rawQuery] = splitOnce(beforeFragment, '?');
  let account: string | undefined;
  let path = hier;
  if (hier.startsWith('//')) {
    // §2.3: the authority names the user's own account to use, as node@domain.
    const [authority, after] = splitOnce(hier.slice(2), '/');
    const jid = readJid(authority);
    if (typeof jid === 'string' || jid.node === undefined || jid.resource !== undefined) {
      return refuse('This XMPP link names the account to use in a form that is not an XMPP address (user@server).');
    }
    account = bare(jid);
    path = after ?? '';
  }
  if (path === '') return refuse('This XMPP link names no one: an address such as “alice@example.org” should follow “xmpp:”.');
  const jid = readJid(path);
  if (typeof jid === 'string') return refuse(`This XMPP link is not valid: ${jid}.`);
  const query = rawQuery === undefined ? undefined : readQuery(rawQuery);
  if (rawQuery !== undefined && query === undefined) return refuse('This XMPP link is not valid: its query has a broken %-escape.');

  const target = bare(jid);
  const where = { network: 'xmpp' as const, server: jid.domain, ...(account !== undefined ? { account } : {}) };
  if (jid.node === undefined) {
    return refuse(`This XMPP link names the server ${jid.domain} itself, not a person or a room.`);
  }
  let action: LinkAction;
  switch (query?.type) {
    case 'join': {
      // XEP-0045 §15.1.4: the resource, if any, is the nick to join with.
      const password = query.params.get('password');
      action = {
        kind: 'join-room', ...where, room: target,
        ...(password !== undefined && password !== '' ? { password } : {}),
        ...(jid.resource !== undefined ? { nick: jid.resource } : {}),
      };
      break;
    }
    case 'roster':
    case 'subscribe': {
      const name = optionalText(query.params, 'name', 256);
      const group = optionalText(query.params, 'group', 256);
      action = { kind: 'add-contact', ...where, contactId: target, ...(name !== undefined ? { name } : {}), ...(group !== undefined ? { group } : {}) };
      break;
    }
    default: {
      // `message`, no query, or a query type we do not know: §2.5 says to ignore an
      // unknown one and treat the link as the bare address, which means a chat.
      const body = query?.type === 'message' ? query.params.get('body') : undefined;
      action = {
        kind: 'open-chat', ...where, contactId: target,
        ...(body !== undefined && body !== '' ? { body: body.slice(0, 4096) } : {}),
      };
    }
  }
  return { ok: true, action };
}
