/**
 * Part "history": a fresh profile's store (the core's own migrations: WAL, FTS5 triggers)
 * filled with N messages across accounts and conversations in one transaction with the
 * statement MessagesRepository uses; then the database size, the newest page of the big
 * conversation (MessagesRepository.page, what `messages.list` runs) and search
 * (SearchRepository + MessagesRepository.get, what `search.query` runs) over realistic
 * queries, each a median of several runs.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/store/database.js';
import { MessagesRepository } from '../../electron/core/store/messagesRepository.js';
import { SearchIndex } from '../../electron/core/store/searchIndex.js';
import { SearchRepository, type SearchFilters } from '../../electron/core/store/searchRepository.js';
import { LogDaysRepository } from '../../electron/core/store/logDaysRepository.js';
import { LogViewer } from '../../electron/core/history/logViewer.js';
import type { BenchContext, Sizes } from '../lib/context.js';
import { nicks, rng, searchQueries, sentence, vocabulary, type SearchQuery } from '../lib/corpus.js';
import { median, nowMs, percentile } from '../lib/stats.js';

const PART = 'history';
/** Bump when the generated data changes, so that cached profiles are not reused. */
const GENERATOR_VERSION = 2;
/** Sorts last on every account and title, so that the UI does not open it by itself at start. */
const BIG_TITLE = '#zz-archive';
export const PAGE_SIZE = 100; // renderer/state/messages.ts PAGE_SIZE
const SEARCH_LIMIT = 50;

export interface HistoryProfile {
  /** A profile folder holding switchboard.sqlite (copy it before use: the core writes to it). */
  readonly dir: string;
  readonly bigConversationId: number;
  readonly bigConversationTitle: string;
  readonly names: readonly string[];
}

interface Generated extends HistoryProfile {
  readonly importSeconds: number;
}

const ACCOUNT_KINDS = [
  { id: 'bench-irc', pluginId: 'irc', settings: { server: '127.0.0.1', port: 1, tls: false, nick: 'me' } },
  { id: 'bench-xmpp', pluginId: 'xmpp', settings: { jid: 'me@localhost' } },
  { id: 'bench-matrix', pluginId: 'matrix', settings: { homeserver: 'http://127.0.0.1:1', user: '@me:localhost' } },
];

function profileDir(ctx: BenchContext): string {
  return join(ctx.outDir, 'profiles', `history-${ctx.sizes.messages}-v${GENERATOR_VERSION}`);
}

/** Message counts per conversation: the big one exactly, the rest Zipf-like with a floor. */
function conversationSizes(sizes: Sizes): number[] {
  const rest = sizes.messages - sizes.bigConversation;
  const others = sizes.conversations - 1;
  const weights = Array.from({ length: others }, (_, i) => 1 / (i + 3) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  const floor = Math.min(20, Math.floor(rest / others));
  const counts = weights.map((w) => floor + Math.floor((w / total) * (rest - floor * others)));
  let missing = rest - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length, missing--) counts[i] = (counts[i] ?? 0) + 1;
  return [sizes.bigConversation, ...counts];
}

function generate(ctx: BenchContext, dir: string): Generated {
  const { sizes } = ctx;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = rng(42);
  const vocab = vocabulary();
  const names = nicks(2000);
  const started = nowMs();
  const db = openDatabase(join(dir, 'switchboard.sqlite'));
  const insertAccount = db.prepare(`INSERT INTO accounts (id, plugin_id, settings, secret_keys, enabled, position, created_at)
    VALUES (?, ?, ?, '[]', 0, ?, ?)`);
  const insertConversation = db.prepare(`INSERT INTO conversations (account_id, network_id, kind, title, joined, open, last_activity)
    VALUES (?, ?, ?, ?, 1, 1, ?)`);
  // The very statement MessagesRepository.insert runs.
  const insertMessage = db.prepare(`INSERT OR IGNORE INTO messages
      (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status,
       html, reply_to, attachments, encrypted, undecryptable)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const counts = conversationSizes(sizes);
  const end = Date.UTC(2026, 10, 1);
  const span = 2 * 365 * 24 * 3600 * 1000;
  let bigConversationId = 0;
  let bigConversationTitle = '';
  db.transaction(() => {
    const accounts = ACCOUNT_KINDS.slice(0, sizes.accounts);
    accounts.forEach((a, i) => insertAccount.run(a.id, a.pluginId, JSON.stringify(a.settings), i + 1, end - span));
    const conversations = counts.map((_, i) => {
      const account = (i === 0 ? accounts[accounts.length - 1] : accounts[i % accounts.length]) ?? ACCOUNT_KINDS[0];
      const room = i === 0 || random() < 0.6;
      const title = i === 0 ? BIG_TITLE : room ? `#${vocab.words[200 + i] ?? 'room'}${i}` : (names[i] ?? `user${i}`);
      const id = Number(insertConversation.run(account?.id ?? 'bench-irc', title, room ? 'room' : 'direct', title, end).lastInsertRowid);
      if (i === 0) {
        bigConversationId = id;
        bigConversationTitle = title;
      }
      const people = room ? 3 + Math.floor(random() * 60) : 2;
      const members = Array.from({ length: people }, () => names[Math.floor(random() * names.length)] ?? 'x');
      return { id, members };
    });
    // Exact counts, interleaved in time as they would have arrived.
    const order = new Uint16Array(sizes.messages);
    let k = 0;
    counts.forEach((count, i) => { for (let j = 0; j < count; j++) order[k++] = i; });
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
    let timestamp = end - span;
    const step = span / sizes.messages;
    for (let i = 0; i < order.length; i++) {
      const conversation = conversations[order[i] ?? 0];
      if (!conversation) continue;
      timestamp += step * (0.5 + random());
      const r = random();
      const out = r < 0.1;
      const sender = out ? 'me' : (conversation.members[Math.floor(random() * conversation.members.length)] ?? 'x');
      const kind = r > 0.98 ? 'event' : r > 0.95 ? 'action' : 'text';
      const mention = random() < 0.1 ? conversation.members[Math.floor(random() * conversation.members.length)] : undefined;
      const body = kind === 'event' ? `${sender} joined` : sentence(vocab, random, mention);
      insertMessage.run(conversation.id, `m${i.toString(36)}x${Math.floor(random() * 1e9).toString(36)}`, sender, sender, kind, body,
        Math.floor(timestamp), out ? 'out' : 'in', out ? 'sent' : 'received', null, null, null, 0, 0);
    }
  })();
  // The full-text index is filled from what the insert trigger noted (migration 0013), as the core does after a batch.
  new SearchIndex(db).catchUp();
  const importSeconds = (nowMs() - started) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { dir, bigConversationId, bigConversationTitle, names, importSeconds };
}

/** The generated profile of this size, from this run or a previous one (generating it if missing). */
export function historyProfile(ctx: BenchContext): HistoryProfile {
  const cached = ctx.shared.get('historyProfile') as HistoryProfile | undefined;
  if (cached) return cached;
  const dir = profileDir(ctx);
  const db = join(dir, 'switchboard.sqlite');
  let profile: HistoryProfile;
  if (existsSync(db) && existsSync(join(dir, 'complete'))) {
    const open = openDatabase(db);
    const big = open.prepare('SELECT id, title FROM conversations WHERE title = ?').get(BIG_TITLE) as { id: number; title: string } | undefined;
    open.close();
    profile = { dir, bigConversationId: big?.id ?? 1, bigConversationTitle: big?.title ?? BIG_TITLE, names: nicks(2000) };
  } else {
    ctx.log(`generating the history profile (${ctx.sizes.messages.toLocaleString('en-US')} messages)…`);
    profile = generate(ctx, dir);
    mkdirSync(join(dir, 'complete'), { recursive: true });
  }
  ctx.shared.set('historyProfile', profile);
  return profile;
}

/** A throw-away copy of the history profile for a core to open. */
export function copyHistoryProfile(ctx: BenchContext, target: string): HistoryProfile {
  const profile = historyProfile(ctx);
  mkdirSync(target, { recursive: true });
  copyFileSync(join(profile.dir, 'switchboard.sqlite'), join(target, 'switchboard.sqlite'));
  return { ...profile, dir: target };
}

export function runHistory(ctx: BenchContext): Promise<void> {
  return Promise.resolve().then(() => { historyPart(ctx); });
}

function historyPart(ctx: BenchContext): void {
  const { sizes } = ctx;
  const dir = profileDir(ctx);
  rmSync(join(dir, 'complete'), { recursive: true, force: true });
  ctx.log(`history: importing ${sizes.messages.toLocaleString('en-US')} messages into ${sizes.conversations} conversations of ${sizes.accounts} accounts…`);
  const generated = generate(ctx, dir);
  mkdirSync(join(dir, 'complete'));
  ctx.shared.set('historyProfile', generated);
  const file = join(dir, 'switchboard.sqlite');
  const bytes = statSync(file).size;
  ctx.add({ part: PART, label: `import ${sizes.messages.toLocaleString('en-US')} messages (one transaction, FTS triggers on)`, value: generated.importSeconds, unit: 's',
    note: `${Math.round(sizes.messages / generated.importSeconds).toLocaleString('en-US')} msg/s` });
  ctx.add({ part: PART, label: 'database size (after checkpoint)', value: bytes / 1024 ** 2, unit: 'MiB', note: `${Math.round(bytes / sizes.messages)} bytes/message with the FTS index` });

  // Reads on a freshly opened database, as the core would do after a start.
  const db = openDatabase(file);
  const messages = new MessagesRepository(db);
  const searchRepository = new SearchRepository(db);
  const pageTimes: number[] = [];
  let pageLength = 0;
  for (let i = 0; i < 21; i++) {
    const t = nowMs();
    pageLength = messages.page(generated.bigConversationId, PAGE_SIZE).length;
    pageTimes.push(nowMs() - t);
  }
  const [firstPage = Number.NaN, ...warmPages] = pageTimes;
  ctx.add({ part: PART, label: `newest page (${PAGE_SIZE}) of the ${sizes.bigConversation.toLocaleString('en-US')}-message conversation`, value: median(warmPages), unit: 'ms',
    note: `first read after opening ${firstPage.toFixed(2)} ms; ${pageLength} rows; median of ${warmPages.length}` });
  // Deep paging: a page 90% of the way back (what scrolling far back costs).
  const oldest = messages.oldestOf(generated.bigConversationId);
  if (oldest) {
    const deep: number[] = [];
    const cursor = db.prepare(`SELECT timestamp, id FROM messages WHERE conversation_id = ? ORDER BY timestamp, id LIMIT 1 OFFSET ?`)
      .get(generated.bigConversationId, Math.floor(sizes.bigConversation / 10)) as { timestamp: number; id: number } | undefined;
    for (let i = 0; i < 11 && cursor; i++) {
      const t = nowMs();
      messages.page(generated.bigConversationId, PAGE_SIZE, cursor);
      deep.push(nowMs() - t);
    }
    ctx.detail(PART, 'deepPageMs', median(deep));
  }

  // The log viewer (logs.days, logs.read) on the big conversation, as createCore wires it.
  const logs = new LogViewer(new LogDaysRepository(db), (id) => messages.get(id));
  const subject = { kind: 'conversation', conversationId: generated.bigConversationId } as const;
  const dayTimes: number[] = [];
  let dayList = logs.days(subject, 'Europe/Paris');
  for (let i = 0; i < 7; i++) {
    const t = nowMs();
    dayList = logs.days(subject, 'Europe/Paris');
    dayTimes.push(nowMs() - t);
  }
  // The day walk's two statements (LogDaysRepository): each an index seek, no table row read.
  const plan = ['SELECT min(timestamp) FROM messages WHERE conversation_id = ? AND timestamp >= ?',
    'SELECT count(*) FROM messages WHERE conversation_id = ? AND timestamp >= ? AND timestamp < ?']
    .map((sql, index) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(generated.bigConversationId, ...(index === 0 ? [0] : [0, 0])) as { detail: string }[])
      .map((row) => row.detail).join(', '))
    .join('; ');
  ctx.add({ part: PART, label: `log viewer: the days of the ${sizes.bigConversation.toLocaleString('en-US')}-message conversation (logs.days)`, value: median(dayTimes), unit: 'ms',
    note: `${dayList.length} days; median of ${dayTimes.length}; plan: ${plan}` });
  const busiest = [...dayList].sort((a, b) => b.count - a.count)[0];
  if (busiest) {
    const readTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = nowMs();
      logs.day(subject, 'Europe/Paris', busiest.day);
      readTimes.push(nowMs() - t);
    }
    ctx.add({ part: PART, label: 'log viewer: read its busiest day (logs.read)', value: median(readTimes), unit: 'ms', note: `${busiest.count} messages; median of ${readTimes.length}` });
  }

  // search.query, as createCore wires it: FTS hits, then each message's full view.
  const queries = searchQueries(vocabulary(), generated.names, sizes.searchQueries);
  const search = (q: SearchQuery): number => searchRepository.search(q.text, SEARCH_LIMIT).flatMap((hit) => {
    const message = messages.get(hit.messageId);
    return message ? [message] : [];
  }).length;
  const perQuery: { query: SearchQuery; ms: number; hits: number }[] = [];
  const firstRun: number[] = [];
  for (const query of queries) {
    const runs: number[] = [];
    let hits = 0;
    for (let i = 0; i < 3; i++) {
      const t = nowMs();
      hits = search(query);
      runs.push(nowMs() - t);
    }
    firstRun.push(runs[0] ?? Number.NaN);
    perQuery.push({ query, ms: median(runs), hits });
  }
  // The same queries narrowed by the search panel's filters, in turn (SQL conditions of the walk).
  const span = db.prepare('SELECT MIN(timestamp) AS low, MAX(timestamp) AS high FROM messages').get() as { low: number; high: number };
  const accountIds = (db.prepare('SELECT id FROM accounts').pluck().all() as string[]);
  const filterSets: { name: string; filters: SearchFilters }[] = [
    { name: 'sender', filters: { sender: generated.names[0] ?? 'x' } },
    { name: 'last tenth of the time', filters: { since: span.high - (span.high - span.low) / 10 } },
    { name: 'first half of the time', filters: { until: span.low + (span.high - span.low) / 2 } },
    { name: 'account', filters: { accountId: accountIds[0] ?? 'x' } },
    { name: 'has a link', filters: { hasLink: true } },
    { name: 'account + sender + since', filters: { accountId: accountIds[0] ?? 'x', sender: generated.names[1] ?? 'x', since: span.low + (span.high - span.low) / 2 } },
  ];
  const filtered: { filter: string; query: string; ms: number }[] = [];
  queries.forEach((query, index) => {
    const set = filterSets[index % filterSets.length];
    if (!set) return;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = nowMs();
      searchRepository.search(query.text, SEARCH_LIMIT, set.filters).forEach((hit) => messages.get(hit.messageId));
      runs.push(nowMs() - t);
    }
    filtered.push({ filter: set.name, query: query.text, ms: median(runs) });
  });
  db.close();
  const filteredTimes = filtered.map((q) => q.ms);
  const slowestFiltered = [...filtered].sort((a, b) => b.ms - a.ms)[0];
  ctx.add({ part: PART, label: `search p95 with filters over ${sizes.messages.toLocaleString('en-US')} messages`, value: percentile(filteredTimes, 95), unit: 'ms',
    target: { text: '≤ 20 ms', limit: 20, better: 'lower' },
    note: `slowest: "${slowestFiltered?.query ?? ''}" with ${slowestFiltered?.filter ?? ''}, ${slowestFiltered?.ms.toFixed(1) ?? ''} ms` });
  ctx.detail(PART, 'searchFilteredSlowest', [...filtered].sort((a, b) => b.ms - a.ms).slice(0, 10));
  const times = perQuery.map((q) => q.ms);
  ctx.add({ part: PART, label: `search p50 (${queries.length} queries, limit ${SEARCH_LIMIT})`, value: percentile(times, 50), unit: 'ms' });
  ctx.add({ part: PART, label: `search p95 over ${sizes.messages.toLocaleString('en-US')} messages`, value: percentile(times, 95), unit: 'ms',
    target: { text: '≤ 50 ms', limit: 50, better: 'lower' }, note: `first-run p95 ${percentile(firstRun, 95).toFixed(1)} ms` });
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const byKind = Object.fromEntries(kinds.map((kind) => {
    const of = perQuery.filter((q) => q.query.kind === kind);
    return [kind, { count: of.length, p50: percentile(of.map((q) => q.ms), 50), p95: percentile(of.map((q) => q.ms), 95), medianHits: median(of.map((q) => q.hits)) }];
  }));
  const worst = [...perQuery].sort((a, b) => b.ms - a.ms)[0];
  ctx.add({ part: PART, label: 'slowest query kind (p95)', value: Math.max(...Object.values(byKind).map((k) => k.p95)), unit: 'ms',
    note: `${Object.entries(byKind).sort((a, b) => b[1].p95 - a[1].p95)[0]?.[0] ?? ''}; slowest query "${worst?.query.text ?? ''}" ${worst?.ms.toFixed(1) ?? ''} ms` });
  ctx.detail(PART, 'searchByKind', byKind);
  ctx.detail(PART, 'searchSlowest', [...perQuery].sort((a, b) => b.ms - a.ms).slice(0, 10));
  ctx.detail(PART, 'pageMs', pageTimes);
  ctx.detail(PART, 'conversationSizes', conversationSizes(sizes).slice(0, 10));
}
