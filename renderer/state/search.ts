/**
 * Message search: the query and scope the user chose, the results of `search.query`, and
 * how a result's snippet reads. The core marks matches in a snippet between U+0002 and
 * U+0003; they become parts here, rendered as text in `<mark>` elements, never as HTML.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

/** How many results one search asks for. */
export const SEARCH_LIMIT = 50;

export type SearchScope = 'all' | 'conversation';

export const SEARCH_SCOPES: readonly SearchScope[] = ['all', 'conversation'];

export function isSearchScope(value: string): value is SearchScope {
  return value === 'all' || value === 'conversation';
}

export interface SearchHit {
  readonly message: MessageView;
  readonly snippet: string;
}

export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

export interface SearchState {
  readonly status: SearchStatus;
  /** The query the results are for (trimmed). */
  readonly query: string;
  readonly hits: readonly SearchHit[];
  readonly error?: string | undefined;
  /** Increases with every search: a late answer to an older one is ignored. */
  readonly sequence: number;
}

export function createSearchStore(): StoreApi<SearchState> {
  return createStore<SearchState>()(() => ({ status: 'idle', query: '', hits: [], sequence: 0 }));
}

export interface SnippetPart {
  readonly text: string;
  readonly marked: boolean;
}

const MARK_START = '\u0002';
const MARK_END = '\u0003';

/**
 * Splits a snippet into plain and marked parts. Markers never nest: a second start inside a
 * mark and an end outside one are dropped, and a mark left open ends with the snippet.
 * Everything else stays text, whatever it looks like (`<script>` included).
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last?.marked === marked) parts[parts.length - 1] = { text: last.text + text, marked };
    else parts.push({ text, marked });
    text = '';
  };
  for (const char of snippet) {
    if (char === MARK_START || char === MARK_END) {
      if ((char === MARK_START) !== marked) {
        flush();
        marked = !marked;
      }
      continue;
    }
    text += char;
  }
  flush();
  return parts;
}

export interface ResultItem {
  readonly hit: SearchHit;
  readonly parts: readonly SnippetPart[];
}

export interface ResultGroup {
  readonly conversationId: number;
  /** The conversation's title, or a placeholder when it is not open any more. */
  readonly title: string;
  /** The conversation has a tab; a click on a result of one without opens it again. */
  readonly open: boolean;
  readonly items: readonly ResultItem[];
}

/**
 * Results grouped by conversation: the groups in the order of their newest result, the
 * results inside a group newest first (the core's order is kept).
 */
export function groupResults(hits: readonly SearchHit[], conversations: ReadonlyMap<number, ConversationView>): ResultGroup[] {
  const groups = new Map<number, { conversationId: number; title: string; open: boolean; items: ResultItem[] }>();
  for (const hit of hits) {
    const id = hit.message.conversationId;
    let group = groups.get(id);
    if (!group) {
      const conversation = conversations.get(id);
      group = { conversationId: id, title: conversation?.title ?? i18n.t('search.closedConversation'), open: conversation !== undefined, items: [] };
      groups.set(id, group);
    }
    group.items.push({ hit, parts: parseSnippet(hit.snippet === '' ? hit.message.body : hit.snippet) });
  }
  return [...groups.values()];
}

/** The filters the user chose in the search panel; empty strings and false mean "any". */
export interface SearchFilterChoice {
  readonly accountId: string;
  readonly sender: string;
  /** Dates as an `<input type="date">` gives them (YYYY-MM-DD, local time), or ''. */
  readonly since: string;
  readonly until: string;
  readonly hasLink: boolean;
  readonly hasFile: boolean;
  /** A protocol plugin's id, or ''. */
  readonly network: string;
  /** A person or a buddy as whoChoice() writes it, or ''. */
  readonly who: string;
}

export const NO_FILTERS: SearchFilterChoice = { accountId: '', sender: '', since: '', until: '', hasLink: false, hasFile: false, network: '', who: '' };

/** Whom a search may be narrowed to: a person (merged buddies) or one buddy. */
export type WhoFilter = { readonly personId: number } | { readonly buddy: { readonly accountId: string; readonly contactId: string } };

/** The value of a "Person or buddy" choice (a select's option value). */
export function whoChoice(who: WhoFilter): string {
  return 'personId' in who ? `person:${who.personId}` : `buddy:${JSON.stringify([who.buddy.accountId, who.buddy.contactId])}`;
}

/** The filter a "Person or buddy" choice stands for; undefined for '' or anything malformed. */
export function parseWhoChoice(value: string): WhoFilter | undefined {
  if (value.startsWith('person:')) {
    const digits = value.slice('person:'.length);
    return /^\d{1,15}$/.test(digits) ? { personId: Number(digits) } : undefined;
  }
  if (!value.startsWith('buddy:')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.slice('buddy:'.length));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const pair: readonly unknown[] = parsed;
    const [accountId, contactId] = pair;
    return typeof accountId === 'string' && typeof contactId === 'string' && accountId !== '' && contactId !== '' ? { buddy: { accountId, contactId } } : undefined;
  } catch {
    return undefined;
  }
}

/** How many filters are set, for the "Filters (2)" summary. */
export function activeFilterCount(filters: SearchFilterChoice): number {
  return [filters.accountId !== '', filters.sender.trim() !== '', filters.since !== '', filters.until !== '', filters.hasLink, filters.hasFile,
    filters.network !== '', filters.who !== '']
    .filter(Boolean).length;
}

/** Local midnight of a YYYY-MM-DD date, plus `days`; undefined for anything else. */
function localDay(date: string, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
  return Number.isNaN(time) ? undefined : time;
}

export interface SearchRequest {
  readonly query: string;
  readonly limit: number;
  readonly conversationId?: number;
  readonly accountId?: string;
  readonly sender?: string;
  readonly since?: number;
  readonly until?: number;
  readonly hasLink?: true;
  readonly hasFile?: true;
  readonly network?: string;
  readonly personId?: number;
  readonly buddy?: { readonly accountId: string; readonly contactId: string };
}

/**
 * The request parameters for a search, or null when there is nothing to search for. Dates
 * are whole local days: "until" includes its day, up to its last millisecond.
 */
export function searchParams(
  query: string, scope: SearchScope, activeConversationId: number | null, filters: SearchFilterChoice = NO_FILTERS,
): SearchRequest | null {
  const text = query.trim();
  if (text === '') return null;
  const sender = filters.sender.trim().slice(0, 512);
  const since = localDay(filters.since);
  const untilNext = localDay(filters.until, 1);
  const who = parseWhoChoice(filters.who);
  return {
    query: text.slice(0, 512),
    limit: SEARCH_LIMIT,
    ...(scope === 'conversation' && activeConversationId !== null ? { conversationId: activeConversationId } : {}),
    ...(filters.accountId !== '' ? { accountId: filters.accountId } : {}),
    ...(sender !== '' ? { sender } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(untilNext !== undefined ? { until: untilNext - 1 } : {}),
    ...(filters.hasLink ? { hasLink: true } : {}),
    ...(filters.hasFile ? { hasFile: true } : {}),
    ...(filters.network !== '' ? { network: filters.network } : {}),
    ...(who ?? {}),
  };
}

/**
 * Arrow keys between the result buttons: the index to focus from `current` among `count`,
 * or null when the key is not one of them (Home and End go to the ends; no wrapping).
 */
export function resultKeyTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown': return Math.min(current + 1, count - 1);
    case 'ArrowUp': return Math.max(current - 1, 0);
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}
