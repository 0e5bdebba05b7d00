/**
 * The quick switcher ("Switch to", Ctrl+K): everything the user can talk to, of every
 * account — persons, buddies, rooms and conversations — found by fuzzy name (fuzzysort:
 * Sublime Text's subsequence matching, so "alce" finds Alice and "rr" #rust-rooms), most
 * recent first among equally good matches. A buddy and its chat are one entry, and so
 * are a person and its buddies, so each human appears once.
 */
import fuzzysort from 'fuzzysort';
import type { AccountView, ContactView, ConversationView } from '../../electron/bridge/schemas.js';
import { contactKey } from './contacts.js';
import type { PersonEntry } from './people.js';
import { i18n } from '../i18n/index.js';

export type SwitchTarget =
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'contact'; readonly contact: ContactView }
  | { readonly kind: 'person'; readonly person: PersonEntry };

export interface SwitchCandidate {
  /** Stable across renders, for the list's keys and the active option. */
  readonly key: string;
  readonly name: string;
  /** What it is and where: "Room on libera (IRC)", "Buddy, alice@example.org". */
  readonly detail: string;
  /** Newest message with it, ms since the epoch (0: never). */
  readonly recency: number;
  readonly unread: number;
  readonly target: SwitchTarget;
}

export interface SwitchSources {
  readonly conversations: readonly ConversationView[];
  readonly contacts: ReadonlyMap<string, ContactView>;
  readonly persons: readonly PersonEntry[];
  readonly accounts: readonly AccountView[];
}

/** Each person, buddy, room and chat once. */
export function switchCandidates(sources: SwitchSources): SwitchCandidate[] {
  const accountLabel = new Map(sources.accounts.map((account) => [account.id, account.label]));
  const where = (accountId: string): string => accountLabel.get(accountId) ?? accountId;
  const directs = new Map<string, ConversationView>();
  for (const conversation of sources.conversations) {
    if (conversation.kind === 'direct') directs.set(contactKey(conversation.accountId, conversation.networkId), conversation);
  }
  const candidates: SwitchCandidate[] = [];
  const covered = new Set<string>();
  for (const person of sources.persons) {
    let recency = 0;
    let unread = 0;
    for (const buddy of person.buddies) {
      const key = contactKey(buddy.accountId, buddy.id);
      covered.add(key);
      const chat = directs.get(key);
      recency = Math.max(recency, chat?.lastActivity ?? 0);
      unread += chat?.unread ?? 0;
    }
    candidates.push({
      key: `p:${person.id}`, name: person.name, recency, unread,
      detail: i18n.t('quickSwitch.person', { networks: person.networks.join(', ') }), target: { kind: 'person', person },
    });
  }
  for (const [key, contact] of sources.contacts) {
    if (covered.has(key)) continue;
    covered.add(key);
    const chat = directs.get(key);
    candidates.push({
      key: `b:${key}`, name: contact.displayName || contact.id, recency: chat?.lastActivity ?? 0, unread: chat?.unread ?? 0,
      detail: i18n.t('quickSwitch.buddy', { id: contact.id, account: where(contact.accountId) }), target: { kind: 'contact', contact },
    });
  }
  for (const conversation of sources.conversations) {
    if (conversation.kind === 'direct' && covered.has(contactKey(conversation.accountId, conversation.networkId))) continue;
    candidates.push({
      key: `c:${conversation.id}`, name: conversation.title, recency: conversation.lastActivity, unread: conversation.unread,
      detail: i18n.t(conversation.kind === 'room' ? 'quickSwitch.room' : 'quickSwitch.chat', { id: conversation.networkId, account: where(conversation.accountId) }),
      target: { kind: 'conversation', conversationId: conversation.id },
    });
  }
  return candidates;
}

const byRecency = (a: SwitchCandidate, b: SwitchCandidate): number => b.recency - a.recency || a.name.localeCompare(b.name);

/**
 * The candidates matching the query, best first. Fuzzy scores are put in three bands
 * (close, loose, far-fetched) so that, among matches about as good, the one talked to most
 * recently comes first (as Slack's and VS Code's switchers do); an empty query lists
 * everything by recency.
 */
export function searchCandidates(candidates: readonly SwitchCandidate[], query: string, limit = 50): SwitchCandidate[] {
  const text = query.trim();
  if (text === '') return [...candidates].sort(byRecency).slice(0, limit);
  // A match in the name counts fully, one only in the detail (its id, its account) half.
  const results = fuzzysort.go(text, candidates, {
    keys: ['name', 'detail'], limit: 0, threshold: 0.2,
    scoreFn: (result) => Math.max(result[0]?.score ?? 0, (result[1]?.score ?? 0) / 2),
  });
  return results
    .map((result) => ({ item: result.obj, band: Math.floor((1 - result.score) * 3) }))
    .sort((a, b) => a.band - b.band || byRecency(a.item, b.item))
    .slice(0, limit)
    .map((result) => result.item);
}
