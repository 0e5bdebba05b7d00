/**
 * Matrix links: the `matrix:` URI scheme (Matrix spec, Appendices, "Matrix URI scheme",
 * since v1.2) and the older `https://matrix.to/#/…` links (same appendix, "matrix.to
 * navigation").
 *
 *   matrix:u/alice:example.org?action=chat
 *   matrix:r/room:example.org                       (#room:example.org)
 *   matrix:roomid/abc:example.org/e/def?via=x.org   (!abc:example.org, event $def)
 *   https://matrix.to/#/%23room%3Aexample.org?via=x.org
 *
 * Ids are percent-decoded and get back the sigil their type stands for. `action=join`
 * (rooms) and `action=chat` (users) only say what the link is for; an action that does not
 * fit the id is ignored, as the spec asks of clients that do not understand one. `via=`
 * may repeat.
 */
import type { LinkAction, LinkParse } from '../../bridge/linkSchemas.js';
import { decodePercent, hasForbiddenCharacter, hostAndPort, refuse, splitOnce } from './linkText.js';

/** Matrix spec, Appendices, Identifier grammar: ids are at most 255 bytes. */
const MAX_ID = 255;
const MAX_VIA = 20;
const TYPE_SIGILS: Readonly<Record<string, string>> = { u: '@', r: '#', roomid: '!', e: '$' };

type Entity = { readonly sigil: string; readonly id: string };

/** The server name after the first `:` of an id (required for users and aliases; rooms v12 ids have none). */
function serverOf(id: string): string | undefined {
  const [, server] = splitOnce(id, ':');
  return server === undefined ? undefined : hostAndPort(server) ? server.toLowerCase() : undefined;
}

function checkId(entity: Entity): string | undefined {
  const { sigil, id } = entity;
  const what = { '@': 'user ID', '#': 'room alias', '!': 'room ID', $: 'event ID' }[sigil] ?? 'ID';
  if (id.length < 2 || new TextEncoder().encode(id).length > MAX_ID || hasForbiddenCharacter(id) || /\s/.test(id)) {
    return `its ${what} is empty, too long or holds spaces or control characters`;
  }
  const needsServer = sigil === '@' || sigil === '#';
  const [local] = splitOnce(id.slice(1), ':');
  if (local === '') return `its ${what} has nothing before the server name`;
  if (needsServer && serverOf(id) === undefined) return `its ${what} ${id} does not end in a valid server name (“:example.org”)`;
  return undefined;
}

interface Query {
  readonly action?: string;
  readonly via: string[];
}

function readQuery(raw: string | undefined): Query | undefined {
  const via: string[] = [];
  let action: string | undefined;
  for (const pair of (raw ?? '').split('&')) {
    if (pair === '') continue;
    const [rawKey, rawValue = ''] = splitOnce(pair, '=');
    const key = decodePercent(rawKey);
    const value = decodePercent(rawValue);
    if (key === undefined || value === undefined) return undefined;
    if (key === 'action') action ??= value;
    // A `via` that is not a server name could not be joined through: left out.
    else if (key === 'via' && via.length < MAX_VIA && hostAndPort(value) && !via.includes(value.toLowerCase())) via.push(value.toLowerCase());
  }
  return { ...(action !== undefined ? { action } : {}), via };
}

/** The action for a user or a room (and maybe an event in it), once the ids are read. */
function actionFor(entities: readonly Entity[], query: Query): LinkParse {
  const [first, second] = entities;
  if (!first) return refuse('This Matrix link names no user or room.');
  for (const entity of entities) {
    const problem = checkId(entity);
    if (problem !== undefined) return refuse(`This Matrix link is not valid: ${problem}.`);
  }
  const { id } = first;
  const server = serverOf(id);
  const where = { network: 'matrix' as const, ...(server !== undefined ? { server } : {}) };
  if (first.sigil === '@') {
    if (second) return refuse('This Matrix link is not valid: a user cannot be followed by anything else.');
    return { ok: true, action: { kind: 'open-chat', ...where, contactId: id } };
  }
  if (first.sigil === '$') return refuse('This Matrix link names a message but not the room it is in.');
  if (second && second.sigil !== '$') return refuse('This Matrix link is not valid: only a message (“e/”) can follow a room.');
  const action: LinkAction = {
    kind: 'join-room', ...where, room: id,
    ...(query.via.length > 0 ? { via: query.via } : {}),
    ...(second ? { eventId: second.id } : {}),
  };
  return { ok: true, action };
}

/** `matrix:` followed by this. */
export function parseMatrixUri(rest: string): LinkParse {
  const [beforeFragment] = splitOnce(rest, '#');
  const [path, rawQuery] = splitOnce(beforeFragment, '?');
  // The authority (`matrix://…/`) is reserved by the spec for future use.
  if (path.startsWith('//')) return refuse('This Matrix link names a server to ask (“matrix://”), which the Matrix spec keeps for future use.');
  const segments = path.split('/');
  if (segments.length % 2 !== 0 || segments.length > 4) {
    return refuse('This Matrix link is not valid: it should read matrix:u/…, matrix:r/…, matrix:roomid/…, optionally followed by /e/….');
  }
  const entities: Entity[] = [];
  for (let i = 0; i < segments.length; i += 2) {
    const type = segments[i] ?? '';
    const sigil = Object.hasOwn(TYPE_SIGILS, type) ? TYPE_SIGILS[type] : undefined;
    if (sigil === undefined) return refuse(`This Matrix link is not valid: “${type.slice(0, 20)}/” is not a kind of Matrix id (u, r, roomid or e).`);
    const id = decodePercent(segments[i + 1] ?? '');
    if (id === undefined) return refuse('This Matrix link is not valid: an id has a broken %-escape.');
    entities.push({ sigil, id: `${sigil}${id}` });
  }
  const query = readQuery(rawQuery);
  if (!query) return refuse('This Matrix link is not valid: its query has a broken %-escape.');
  return actionFor(entities, query);
}

/** The fragment of a matrix.to link (after `#`): `/<id>[/<event id>][?query]`. */
export function parseMatrixToFragment(fragment: string): LinkParse {
  if (!fragment.startsWith('/')) return refuse('This matrix.to link names no user or room (it should read https://matrix.to/#/@user:server or #/#room:server).');
  const [path, rawQuery] = splitOnce(fragment.slice(1), '?');
  const parts = path.split('/');
  if (parts.length > 2) return refuse('This matrix.to link is not valid: it has more parts than an id and a message id.');
  const entities: Entity[] = [];
  for (const raw of parts) {
    const id = decodePercent(raw);
    if (id === undefined) return refuse('This matrix.to link is not valid: an id has a broken %-escape.');
    const sigil = id.charAt(0);
    if (sigil === '+') return refuse('This matrix.to link names a community (“+”); Matrix communities no longer exist.');
    if (!'@#!$'.includes(sigil) || sigil === '') return refuse('This matrix.to link is not valid: an id must start with @, #, ! or $.');
    entities.push({ sigil, id });
  }
  const query = readQuery(rawQuery);
  if (!query) return refuse('This matrix.to link is not valid: its query has a broken %-escape.');
  return actionFor(entities, query);
}
