/**
 * Export through the real store (migrations, FTS triggers): what each format says, the
 * scope and dates, cancelling (nothing left behind), and the JSON Lines round trip into an
 * empty profile, byte for byte.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { openDatabase } from '../store/database.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { ExportCancelled, exportHistory } from './historyExport.js';
import { importHistory } from './historyImport.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-export-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 11, 6, 10, 0, 0);

function profile() {
  const db = openDatabase(':memory:');
  const accounts = new AccountsRepository(db);
  accounts.insert({ id: 'irc-1', pluginId: 'irc', settings: { server: 'irc.example.org', nick: 'alice', port: 6697, tls: true }, secretKeys: [], enabled: true, createdAt: 1 });
  accounts.insert({ id: 'xmpp-1', pluginId: 'xmpp', settings: { jid: 'alice@example.org' }, secretKeys: ['password'], enabled: true, createdAt: 2 });
  const conversations = new ConversationsRepository(db);
  const room = conversations.upsert({ accountId: 'irc-1', networkId: '#chat', kind: 'room', title: '#chat' });
  const bob = conversations.upsert({ accountId: 'xmpp-1', networkId: 'bob@example.org', kind: 'direct', title: 'Bob' });
  const messages = new MessagesRepository(db);
  const add = (conversationId: number, body: string, at: number, extra: Partial<Parameters<MessagesRepository['insert']>[0]> = {}) =>
    messages.insert({ conversationId, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body, timestamp: at, ...extra });
  add(room.id, 'hello room', T0, { networkId: 'n1' });
  add(room.id, 'waves', T0 + 1000, { kind: 'action' });
  add(room.id, 'bob joined', T0 + 2000, { kind: 'event', senderId: '', senderName: '' });
  add(room.id, 'me here', T0 + 3000, { direction: 'out', status: 'sent', senderId: 'alice', senderName: 'alice' });
  add(room.id, 'next day <script>', T0 + 24 * 3600 * 1000);
  const formatted = add(bob.id, 'bold and link', T0 + 500, {
    html: '<b>bold</b> and <a href="javascript:alert(1)">evil</a> <a href="https://example.org/x">link</a><img src="https://tracker.example/p.png"><script>alert(1)</script><style>body{}</style>',
    attachments: [{ kind: 'file', name: 'notes.pdf', url: 'https://files.example/notes.pdf', size: 1234 }],
  });
  if (formatted) messages.edit(formatted.id, 'bold and link', formatted.html);
  add(bob.id, 'old', Date.UTC(2020, 0, 1));
  return { db, room, bob, messages };
}

describe('export', () => {
  it('writes JSON Lines: one record per message with ids, account, conversation, ISO UTC time, edits and attachments', async () => {
    const { db } = profile();
    const out = join(tempDir(), 'all.jsonl');
    const result = await exportHistory(db, { format: 'jsonl', scope: {}, out });
    expect(result).toMatchObject({ messages: 7, conversations: 2 });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({
      id: 1, networkId: 'n1', time: '2026-12-06T10:00:00.000Z',
      account: { id: 'irc-1', plugin: 'irc', identity: 'alice@irc.example.org' },
      conversation: { networkId: '#chat', kind: 'room', title: '#chat' },
      sender: { id: 'bob', name: 'bob' }, direction: 'in', status: 'received', kind: 'text', body: 'hello room',
    });
    const edited = lines.find((l) => l['body'] === 'bold and link');
    expect(edited).toMatchObject({ edited: true, account: { identity: 'alice@example.org' }, attachments: [{ name: 'notes.pdf', size: 1234 }] });
  });

  it('writes text like Pidgin\'s logs, the date shown when the day changes', async () => {
    const { db, room } = profile();
    const out = join(tempDir(), 'room.txt');
    await exportHistory(db, { format: 'txt', scope: { conversationId: room.id }, out });
    expect(readFileSync(out, 'utf8')).toBe([
      'Conversation with #chat at 2026-12-06 10:00:00 UTC on alice@irc.example.org (irc)',
      '(10:00:00) bob: hello room',
      '(10:00:01) ***bob waves',
      '(10:00:02) bob joined',
      '(10:00:03) alice: me here',
      '(2026-12-07 10:00:00) bob: next day <script>',
      '', '',
    ].join('\n'));
  });

  it('keeps to the account and the date range asked for', async () => {
    const { db } = profile();
    const out = join(tempDir(), 'range.jsonl');
    await exportHistory(db, { format: 'jsonl', scope: { accountId: 'xmpp-1', since: Date.UTC(2026, 0, 1), until: Date.UTC(2026, 11, 31) }, out });
    const bodies = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { body: string }).body);
    expect(bodies).toEqual(['bold and link']);
  });

  it('writes one self-contained HTML page per conversation: no script, no remote resource, bodies sanitized', async () => {
    const { db } = profile();
    const out = join(tempDir(), 'pages');
    await exportHistory(db, { format: 'html', scope: {}, out });
    const pages = readdirSync(out).sort();
    expect(pages).toHaveLength(2);
    const all = pages.map((page) => readFileSync(join(out, page), 'utf8')).join('\n');
    expect(all).toContain('<b>bold</b>');
    expect(all).toContain('<a href="https://example.org/x" rel="noopener noreferrer">link</a>');
    expect(all).toContain('next day &#60;script&#62;');
    expect(all).toContain('[image]');
    expect(all).toContain("default-src 'none'");
    expect(all).not.toMatch(/<script|javascript:|<img|src=|<link|@import|url\(/i);
    expect(all).not.toContain('tracker.example');
  });

  it('stops when cancelled and leaves no file, not even a temporary one', async () => {
    const { db, room, messages } = profile();
    for (let i = 0; i < 5000; i++) messages.insert({ conversationId: room.id, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: `line ${i}`, timestamp: T0 + 10_000 + i });
    const dir = tempDir();
    const controller = new AbortController();
    const seen: number[] = [];
    const run = exportHistory(db, {
      format: 'jsonl', scope: {}, out: join(dir, 'big.jsonl'), signal: controller.signal,
      onProgress: ({ done }) => { seen.push(done); if (done > 0) controller.abort(); },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(seen.at(-1)).toBeLessThan(5007);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to write HTML pages into a folder that exists', async () => {
    const { db } = profile();
    const out = tempDir();
    await expect(exportHistory(db, { format: 'html', scope: {}, out })).rejects.toThrow(/already exists/);
  });
});

describe('round trip', () => {
  it('JSON Lines exported, imported into an empty profile and exported again are byte-identical; a second import adds nothing', async () => {
    const { db } = profile();
    const dir = tempDir();
    const first = join(dir, 'first.jsonl');
    await exportHistory(db, { format: 'jsonl', scope: {}, out: first });
    const empty = openDatabase(join(dir, 'empty.sqlite'));
    const summary = await importHistory(empty, { from: 'jsonl', path: first });
    expect(summary).toMatchObject({ messages: 7, conversations: 2, accountsCreated: 2, skipped: [] });
    const second = join(dir, 'second.jsonl');
    await exportHistory(empty, { format: 'jsonl', scope: {}, out: second });
    expect(readFileSync(second)).toEqual(readFileSync(first));
    const again = await importHistory(empty, { from: 'jsonl', path: first });
    expect(again).toMatchObject({ messages: 0, duplicates: 7 });
    // The imported accounts are disabled: history to read, nothing that connects by itself.
    expect(new AccountsRepository(empty).list().map((a) => [a.id, a.enabled])).toEqual([['irc-1', false], ['xmpp-1', false]]);
    // And searchable: the FTS triggers ran for imported messages.
    expect(empty.prepare(`SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '"room"*'`).pluck().get()).toBe(1);
    empty.close();
    expect(existsSync(second)).toBe(true);
  });
});
