/**
 * Which buddies of different accounts look like the same person, for the buddy list's
 * "Merge?" offer. Pure: the service feeds it the contacts, the persons, the dismissed pairs
 * and the user's own ids. A pair is offered when, across two accounts:
 * - a Matrix user is a bridge puppet of the other buddy: matrix-appservice-irc's
 *   `@irc_<nick>:server` (also `@_irc_…`) for an IRC nick, matrix-bifrost's
 *   `@_xmpp_<jid>:server` for an XMPP address, the JID escaped as the Matrix spec's
 *   "Mapping from other character sets" does (`=40` for `@`); or
 * - the nicks are equal (an IRC nick, an XMPP address's local part, a Matrix user id's
 *   localpart), compared case-insensitively, at least 3 characters; or
 * - the display names are equal (case, width and spacing aside), at least 2 characters.
 * A nick or name shared by two buddies of one account says nothing (two "Alex" on one
 * network: which one?) and is not used. The user's own ids, pairs already in one person,
 * pairs the user dismissed and pairs on one account are never offered; each buddy is
 * offered in at most one pair at a time, the strongest reason first.
 */
import type { MergeSuggestion, PersonMember } from '../../bridge/schemas.js';

export interface SuggestionContact {
  readonly accountId: string;
  readonly id: string;
  readonly displayName: string;
}

export interface SuggestionInput {
  readonly contacts: readonly SuggestionContact[];
  /** Account id → its plugin's id ('irc', 'xmpp', 'matrix', or another plugin's). */
  readonly networkOf: (accountId: string) => string | undefined;
  /** Contact key ({@link memberKey}) → the person it is in. */
  readonly personOf: ReadonlyMap<string, number>;
  /** Pair keys ({@link pairKey}) the user dismissed. */
  readonly dismissed: ReadonlySet<string>;
  /** The user's own ids (any account's nick, JID or Matrix id): never suggested. */
  readonly selfIds: readonly string[];
}

type Reason = MergeSuggestion['reason'];
const STRENGTH: readonly Reason[] = ['bridge-puppet', 'nick', 'display-name'];

export function memberKey(accountId: string, contactId: string): string {
  return `${accountId}\u0000${contactId}`;
}

/** The pair's key, the same whichever buddy comes first. */
export function pairKey(a: PersonMember, b: PersonMember): string {
  return [memberKey(a.accountId, a.contactId), memberKey(b.accountId, b.contactId)].sort().join('\u0001');
}

function normalName(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The Matrix spec's escaping of other character sets in user ids: `=` and two hex digits. */
function unescapeMatrix(text: string): string {
  return text.replace(/=([0-9a-f]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Matrix localpart of `@local:server`, or undefined. */
function matrixLocalpart(id: string): string | undefined {
  return /^@([^:]+):.+$/u.exec(id)?.[1];
}

/** What the contact is a bridge puppet of, as `irc:nick` or `xmpp:jid` (lowercase). */
function puppetOf(network: string | undefined, id: string): string | undefined {
  if (network !== 'matrix') return undefined;
  const local = matrixLocalpart(id);
  if (local === undefined) return undefined;
  const irc = /^_?irc_(.+)$/u.exec(local)?.[1];
  if (irc !== undefined) return `irc:${unescapeMatrix(irc).toLowerCase()}`;
  const xmpp = /^_xmpp_(.+)$/u.exec(local)?.[1];
  if (xmpp !== undefined) return `xmpp:${unescapeMatrix(xmpp).toLowerCase()}`;
  return undefined;
}

/** What a puppet of this contact would be called (`irc:nick`, `xmpp:jid`). */
function puppetTarget(network: string | undefined, id: string): string | undefined {
  if (network === 'irc') return `irc:${id.toLowerCase()}`;
  if (network === 'xmpp') return `xmpp:${id.toLowerCase()}`;
  return undefined;
}

/** The contact's nick: IRC's nick, an XMPP address's local part, a Matrix localpart (a puppet's bridged nick). */
function nickOf(network: string | undefined, id: string): string | undefined {
  let nick: string | undefined;
  if (network === 'irc') nick = id;
  else if (network === 'xmpp') nick = /^([^@/]+)@/u.exec(id)?.[1];
  else if (network === 'matrix') {
    const puppet = puppetOf(network, id);
    nick = puppet?.startsWith('irc:') === true ? puppet.slice(4) : puppet?.startsWith('xmpp:') === true ? /^xmpp:([^@/]+)@/u.exec(puppet)?.[1] : matrixLocalpart(id);
  }
  const clean = nick?.toLowerCase();
  return clean !== undefined && clean.length >= 3 ? clean : undefined;
}

interface Keyed {
  readonly contact: SuggestionContact;
  readonly keys: ReadonlyMap<Reason, string>;
}

export function mergeSuggestions(input: SuggestionInput): MergeSuggestion[] {
  const self = new Set(input.selfIds.map((id) => id.toLowerCase()));
  const keyed: Keyed[] = [];
  for (const contact of input.contacts) {
    if (self.has(contact.id.toLowerCase())) continue;
    const network = input.networkOf(contact.accountId);
    const keys = new Map<Reason, string>();
    const name = normalName(contact.displayName);
    if (name.length >= 2) keys.set('display-name', name);
    const nick = nickOf(network, contact.id);
    if (nick !== undefined) keys.set('nick', nick);
    keyed.push({ contact, keys });
  }

  // A key two buddies of one account share is ambiguous there.
  const perAccount = new Map<string, number>();
  const countKey = (reason: Reason, accountId: string, key: string): string => `${reason}\u0000${accountId}\u0000${key}`;
  for (const { contact, keys } of keyed) {
    for (const [reason, key] of keys) {
      const slot = countKey(reason, contact.accountId, key);
      perAccount.set(slot, (perAccount.get(slot) ?? 0) + 1);
    }
  }

  const candidates: { a: SuggestionContact; b: SuggestionContact; reason: Reason }[] = [];
  const byKey = new Map<string, SuggestionContact[]>();
  for (const { contact, keys } of keyed) {
    for (const [reason, key] of keys) {
      if ((perAccount.get(countKey(reason, contact.accountId, key)) ?? 0) > 1) continue;
      const slot = `${reason}\u0000${key}`;
      const others = byKey.get(slot) ?? [];
      for (const other of others) candidates.push({ a: other, b: contact, reason });
      others.push(contact);
      byKey.set(slot, others);
    }
  }
  const targets = new Map<string, SuggestionContact[]>();
  for (const { contact } of keyed) {
    const target = puppetTarget(input.networkOf(contact.accountId), contact.id);
    if (target !== undefined) targets.set(target, [...(targets.get(target) ?? []), contact]);
  }
  for (const { contact } of keyed) {
    const puppet = puppetOf(input.networkOf(contact.accountId), contact.id);
    const matches = puppet === undefined ? [] : targets.get(puppet) ?? [];
    // Two IRC accounts with the same nick on their lists: which one the puppet bridges is not known.
    if (matches.length === 1 && matches[0] !== undefined) candidates.push({ a: matches[0], b: contact, reason: 'bridge-puppet' });
  }

  candidates.sort((x, y) => STRENGTH.indexOf(x.reason) - STRENGTH.indexOf(y.reason));
  const offered = new Set<string>();
  const seenPairs = new Set<string>();
  const result: MergeSuggestion[] = [];
  for (const { a, b, reason } of candidates) {
    if (a.accountId === b.accountId) continue;
    const ka = memberKey(a.accountId, a.id);
    const kb = memberKey(b.accountId, b.id);
    const personA = input.personOf.get(ka);
    if (personA !== undefined && personA === input.personOf.get(kb)) continue;
    const memberA = { accountId: a.accountId, contactId: a.id };
    const memberB = { accountId: b.accountId, contactId: b.id };
    const pair = pairKey(memberA, memberB);
    if (input.dismissed.has(pair) || seenPairs.has(pair) || offered.has(ka) || offered.has(kb)) continue;
    seenPairs.add(pair);
    offered.add(ka);
    offered.add(kb);
    result.push({ a: memberA, b: memberB, reason });
  }
  return result;
}
