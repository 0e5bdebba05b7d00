/**
 * Import into the real store: Pidgin's log tree in its documented formats (libpurple
 * log.c; Pidgin is not installed here), account matching, and bad files (truncated, not
 * UTF-8, too large, a link out of the folder, a broken line) skipped whole with the reason.
 * WeeChat and irssi logs written by the real programs are in
 * test/integration/historyImportRealLogs.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { openDatabase } from '../store/database.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { SearchRepository } from '../store/searchRepository.js';
import { describeImport, importHistory } from './historyImport.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-import-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function write(root: string, path: string, content: string | Buffer): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

interface Row { account: string; plugin: string; conversation: string; ckind: string; title: string; sender: string; senderId: string; kind: string; body: string; html: string | null; direction: string; time: string }

function stored(db: ReturnType<typeof openDatabase>): Row[] {
  return (db.prepare(`SELECT a.id AS account, a.plugin_id AS plugin, c.network_id AS conversation, c.kind AS ckind, c.title,
      m.sender_name AS sender, m.sender_id AS senderId, m.kind, m.body, m.html, m.direction, m.timestamp AS t
    FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = c.account_id
    ORDER BY m.timestamp, m.id`).all() as (Omit<Row, 'time'> & { t: number })[])
    .map(({ t, ...row }) => ({ ...row, time: new Date(t).toISOString() }));
}

const PIDGIN_TXT = `Conversation with Bobby at Sun 06 Dec 2026 10:00:00 AM CET on alice@example.org/Home (jabber)
(10:00:01 AM) Bobby: hi alice
(10:00:05 AM) alice: hello
there, two lines
(10:01:00 AM) ***Bobby waves
(10:02:00 AM) Bobby has signed off.
(12/07/2026 12:00:10 AM) Bobby: after midnight, dated
`;

const PIDGIN_HTML = `<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"><title>Conversation with #chat at Sun 06 Dec 2026 11:00:00 PM UTC on alice@irc.libera.chat (irc)</title></head><body><h3>Conversation with #chat at Sun 06 Dec 2026 11:00:00 PM UTC on alice@irc.libera.chat (irc)</h3>
<font color="#A82F2F"><font size="2">(23:00:01)</font> <b>bob:</b></font> <b>bold</b> &amp; <a href="https://example.org/">link</a><script>alert(1)</script><br/>
<font color="#16569E"><font size="2">(23:00:02)</font> <b>alice:</b></font> mine<br/>
<font color="#062585"><font size="2">(23:30:00)</font> <b>***bob</b></font> dances<br/>
<font size="2">(23:59:59)</font><b> bob left the room.</b><br/>
<font color="#A82F2F"><font size="2">(00:00:03)</font> <b>bob:</b></font> next day<br/>
</body></html>
`;

describe('Pidgin logs', () => {
  it('imports .txt and .html logs of every protocol: senders, directions, actions, times across midnight, HTML sanitized', async () => {
    const root = tempDir();
    const logs = join(root, '.purple', 'logs');
    write(logs, 'jabber/alice%40example.org/bob%40example.org/2026-12-06.100000+0100CET.txt', PIDGIN_TXT);
    write(logs, 'irc/alice@irc.libera.chat/#chat.chat/2026-12-06.230000+0000UTC.html', PIDGIN_HTML);
    write(logs, 'jabber/alice%40example.org/.system/2026-12-06.100000+0100CET.txt', 'System log for account alice (jabber) connected at …\n');
    const db = openDatabase(':memory:');
    const summary = await importHistory(db, { from: 'pidgin', path: logs });
    expect(describeImport(summary)).toBe('10 messages in 2 conversations; 2 disabled accounts created for them.');
    const rows = stored(db);
    const xmpp = rows.filter((r) => r.plugin === 'xmpp');
    expect(xmpp.map((r) => [r.time, r.sender, r.senderId, r.kind, r.direction, r.body])).toEqual([
      ['2026-12-06T09:00:01.000Z', 'Bobby', 'bob@example.org', 'text', 'in', 'hi alice'],
      ['2026-12-06T09:00:05.000Z', 'alice', 'alice@example.org', 'text', 'out', 'hello\nthere, two lines'],
      ['2026-12-06T09:01:00.000Z', 'Bobby', 'bob@example.org', 'action', 'in', 'waves'],
      ['2026-12-06T09:02:00.000Z', '', '', 'event', 'in', 'Bobby has signed off.'],
      ['2026-12-06T23:00:10.000Z', 'Bobby', 'bob@example.org', 'text', 'in', 'after midnight, dated'],
    ]);
    expect(xmpp[0]).toMatchObject({ conversation: 'bob@example.org', ckind: 'direct', title: 'Bobby' });
    const irc = rows.filter((r) => r.plugin === 'irc');
    expect(irc.map((r) => [r.time, r.sender, r.kind, r.direction, r.body])).toEqual([
      ['2026-12-06T23:00:01.000Z', 'bob', 'text', 'in', 'bold & link'],
      ['2026-12-06T23:00:02.000Z', 'alice', 'text', 'out', 'mine'],
      ['2026-12-06T23:30:00.000Z', 'bob', 'action', 'in', 'dances'],
      ['2026-12-06T23:59:59.000Z', '', 'event', 'in', 'bob left the room.'],
      ['2026-12-07T00:00:03.000Z', 'bob', 'text', 'in', 'next day'],
    ]);
    expect(irc[0]).toMatchObject({ conversation: '#chat', ckind: 'room', html: '<b>bold</b> &#38; <a href="https://example.org/" rel="noopener noreferrer">link</a>' });
    expect(irc.every((r) => !/script|alert/.test(`${r.body}${r.html ?? ''}`))).toBe(true);
    // The header lines are no messages.
    expect(rows).toHaveLength(10);
  });

  it('puts history into the existing account with the same address, and adds nothing the second time', async () => {
    const root = tempDir();
    write(root, 'jabber/alice%40example.org%2FHome/bob%40example.org/2026-12-06.100000+0100CET.txt', PIDGIN_TXT);
    const db = openDatabase(':memory:');
    new AccountsRepository(db).insert({ id: 'mine', pluginId: 'xmpp', settings: { jid: 'Alice@example.org' }, secretKeys: [], enabled: true, createdAt: 1 });
    const first = await importHistory(db, { from: 'pidgin', path: root });
    expect(first).toMatchObject({ messages: 5, accountsCreated: 0 });
    expect(new Set(stored(db).map((r) => r.account))).toEqual(new Set(['mine']));
    const second = await importHistory(db, { from: 'pidgin', path: root });
    expect(describeImport(second)).toBe('0 messages in 0 conversations; 5 messages were already there.');
  });
});

describe('order', () => {
  it('places imported history among the messages already there by time, not before all of them', async () => {
    const root = tempDir();
    write(root, 'jabber/alice%40example.org%2FHome/bob%40example.org/2026-12-06.100000+0100CET.txt', PIDGIN_TXT);
    const db = openDatabase(':memory:');
    new AccountsRepository(db).insert({ id: 'mine', pluginId: 'xmpp', settings: { jid: 'alice@example.org' }, secretKeys: [], enabled: true, createdAt: 1 });
    const conversation = new ConversationsRepository(db).upsert({ accountId: 'mine', networkId: 'bob@example.org', kind: 'direct' });
    const messages = new MessagesRepository(db);
    // Said in Switchboard at noon (UTC), between the log's morning lines and its line after midnight (CET).
    messages.insert({ conversationId: conversation.id, senderId: 'bob@example.org', senderName: 'Bobby', kind: 'text', direction: 'in', status: 'received', body: 'live at noon', timestamp: Date.parse('2026-12-06T12:00:00Z') });
    await importHistory(db, { from: 'pidgin', path: root });
    const order = messages.page(conversation.id, 50).map((m) => m.body);
    expect(order).toEqual(['hi alice', 'hello\nthere, two lines', 'waves', 'Bobby has signed off.', 'live at noon', 'after midnight, dated']);
  });
});

describe('bulk writes', () => {
  const record = (id: number, networkId: string, minute: number, body: string): string => JSON.stringify({
    id, time: new Date(Date.UTC(2026, 11, 6, 10, minute)).toISOString(), account: { id: 'a', plugin: 'irc', identity: 'me@irc.example.org' },
    conversation: { networkId, kind: 'room', title: networkId }, sender: { id: 'bob', name: 'bob' },
    direction: 'in', status: 'received', kind: 'text', body,
  });

  it('leaves conversations in time order and search time marks as storing message by message would, also with a message arriving between two files', async () => {
    const root = tempDir();
    // #a in time order; #b out of it; ids over several blocks of 256 (migration 0007), the second file's below the first's.
    const first = Array.from({ length: 600 }, (_, i) => record(300 + i, i % 2 === 0 ? '#a' : '#b', i % 2 === 0 ? i : 600 - i, `first ${i}`));
    const second = Array.from({ length: 40 }, (_, i) => record(10 + i, '#a', 1000 + i, `second ${i}`));
    write(root, '1.jsonl', `${first.join('\n')}\n`);
    write(root, '2.jsonl', `${second.join('\n')}\n`);
    const db = openDatabase(':memory:');
    const messages = new MessagesRepository(db);
    let live = false;
    await importHistory(db, {
      from: 'jsonl', path: root,
      onProgress: ({ filesDone }) => {
        if (filesDone !== 1 || live) return;
        live = true;
        const conversationId = db.prepare("SELECT id FROM conversations WHERE network_id = '#a'").pluck().get() as number;
        messages.insert({ conversationId, senderId: 'carol', senderName: 'carol', kind: 'text', direction: 'in', status: 'received', body: 'live between files', timestamp: Date.UTC(2026, 11, 6, 10, 700) });
      },
    });
    expect(live).toBe(true);
    const bodies = (networkId: string): string[] => {
      const id = db.prepare('SELECT id FROM conversations WHERE network_id = ?').pluck().get(networkId) as number;
      return messages.page(id, 1000).map((m) => m.body);
    };
    const byTime = (networkId: string): string[] => db.prepare(`SELECT body FROM messages WHERE conversation_id = (SELECT id FROM conversations WHERE network_id = ?)
      ORDER BY timestamp, id`).pluck().all(networkId) as string[];
    expect(bodies('#a')).toEqual(byTime('#a'));
    expect(bodies('#a').slice(299, 302)).toEqual(['first 598', 'live between files', 'second 0']);
    expect(bodies('#b')).toEqual(byTime('#b'));
    expect(bodies('#b')[0]).toBe('first 599');
    // With no message deleted, message by message leaves each block's mark at the newest time of any id up to its end.
    const marks = db.prepare('SELECT block, newest FROM message_time_marks ORDER BY block').all();
    expect(marks).toEqual(db.prepare(`SELECT block, max(newest) OVER (ORDER BY block) AS newest
      FROM (SELECT id >> 8 AS block, max(timestamp) AS newest FROM messages GROUP BY id >> 8) ORDER BY block`).all());
    expect(marks).toHaveLength(4);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'message_time_marks_insert'").pluck().get()).toBe(1);
  });
});

describe('ids', () => {
  it('keeps a record\'s id when it is free, gives a new one when it is taken, and adds nothing the second time', async () => {
    const root = tempDir();
    const line = (id: number, networkId: string, body: string): string => JSON.stringify({
      id, networkId, time: '2026-12-06T10:00:00.000Z', account: { id: 'a', plugin: 'irc', identity: 'me@irc.example.org' },
      conversation: { networkId: '#x', kind: 'room', title: '#x' }, sender: { id: 'bob', name: 'bob' },
      direction: 'in', status: 'received', kind: 'text', body,
    });
    const file = write(root, 'ids.jsonl', `${line(1, 'n1', 'taken id')}\n${line(7, 'n7', 'free id')}\n`);
    const db = openDatabase(':memory:');
    new AccountsRepository(db).insert({ id: 'live', pluginId: 'xmpp', settings: { jid: 'me@example.org' }, secretKeys: [], enabled: true, createdAt: 1 });
    const live = new ConversationsRepository(db).upsert({ accountId: 'live', networkId: 'bob@example.org', kind: 'direct' });
    new MessagesRepository(db).insert({ conversationId: live.id, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: 'live', timestamp: 1 });
    expect((await importHistory(db, { from: 'jsonl', path: file })).messages).toBe(2);
    const ids = (): Record<string, number> => Object.fromEntries((db.prepare('SELECT body, id FROM messages').all() as { body: string; id: number }[]).map((r) => [r.body, r.id]));
    expect(ids()).toEqual({ live: 1, 'free id': 7, 'taken id': 2 });
    expect(describeImport(await importHistory(db, { from: 'jsonl', path: file }))).toBe('0 messages in 0 conversations; 2 messages were already there.');
    expect(ids()).toEqual({ live: 1, 'free id': 7, 'taken id': 2 });
  });
});

describe('bad files', () => {
  it('skips a truncated file, one not in UTF-8, a 200 MB one and a link out of the folder, saying why; the good file is imported', async () => {
    const root = tempDir();
    const logs = join(root, 'logs');
    const good = 'jabber/alice%40example.org/bob%40example.org/';
    write(logs, `${good}2026-12-06.100000+0100CET.txt`, PIDGIN_TXT);
    write(logs, `${good}2026-12-07.100000+0100CET.txt`, PIDGIN_TXT.replace('2026-12-06', '2026-12-07').slice(0, -20));
    write(logs, `${good}2026-12-08.100000+0100CET.txt`, Buffer.concat([Buffer.from('(10:00:01) Bobby: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const big = write(logs, `${good}2026-12-09.100000+0100CET.txt`, '');
    truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing on disk
    const outside = write(root, 'elsewhere/jabber/a/b/2026-12-10.100000+0100CET.txt', PIDGIN_TXT);
    symlinkSync(outside, join(logs, good, '2026-12-10.100000+0100CET.txt'));
    const db = openDatabase(':memory:');
    const summary = await importHistory(db, { from: 'pidgin', path: logs });
    expect(summary.messages).toBe(5);
    expect(summary.skipped.map((s) => [s.path.split('/').pop(), s.reason])).toEqual([
      ['2026-12-10.100000+0100CET.txt', 'it points outside the folder being imported'],
      ['2026-12-07.100000+0100CET.txt', 'it ends in the middle of line 7: the file looks truncated'],
      ['2026-12-08.100000+0100CET.txt', 'it is not UTF-8 text (somewhere after byte 0); convert it first, e.g. iconv -f latin1 -t utf-8'],
      ['2026-12-09.100000+0100CET.txt', 'it is 200 MiB, more than the 100 MiB one file may be; split it (e.g. with split -l) and import the parts'],
    ]);
    expect(describeImport(summary)).toMatch(/^5 messages in 1 conversation; 1 disabled account created for them; 4 files skipped: .*2026-12-09\.100000\+0100CET\.txt \(it is 200 MiB/);
  });

  it('stores nothing of a file with a broken line, not even the lines before it, nor the account made for it', async () => {
    const root = tempDir();
    const line = (body: string): string => JSON.stringify({
      time: '2026-12-06T10:00:00.000Z', account: { id: 'a', plugin: 'irc', identity: 'me@irc.example.org' },
      conversation: { networkId: '#x', kind: 'room', title: '#x' }, sender: { id: 'bob', name: 'bob' },
      direction: 'in', status: 'received', kind: 'text', body,
    });
    const file = write(root, 'broken.jsonl', `${line('one')}\n${line('two')}\n{"time": "yesterday"}\n`);
    const db = openDatabase(':memory:');
    const summary = await importHistory(db, { from: 'jsonl', path: file });
    expect(summary.skipped).toEqual([{ path: 'broken.jsonl', reason: expect.stringMatching(/^line 3 is not a Switchboard history record/) as unknown }]);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
    expect(describeImport(summary)).toMatch(/^0 messages in 0 conversations; 1 file skipped: broken\.jsonl \(line 3/);
  });

  it('indexes what it imports for search (events not), and a file rolled back leaves search indexing live messages as before', async () => {
    const root = tempDir();
    const line = (body: string, kind = 'text', time = '2026-12-06T10:00:00.000Z'): string => JSON.stringify({
      time, account: { id: 'a', plugin: 'irc', identity: 'me@irc.example.org' },
      conversation: { networkId: '#x', kind: 'room', title: '#x' }, sender: { id: 'bob', name: 'bob' },
      direction: 'in', status: 'received', kind, body,
    });
    const good = write(root, 'a-good.jsonl', `${line('an imported narwhal')}\n${line('narwhal joined', 'event')}\n${line('another narwhal', 'text', '2026-12-06T10:00:01.000Z')}\n`);
    write(root, 'b-broken.jsonl', `${line('a narwhal never stored')}\nnot json\n`);
    const db = openDatabase(':memory:');
    const summary = await importHistory(db, { from: 'jsonl', path: root });
    expect([summary.messages, summary.skipped.map((s) => s.path)]).toEqual([3, ['b-broken.jsonl']]);
    const search = new SearchRepository(db);
    const bodies = (text: string): string[] => search.search(text, 10).map((hit) => hit.snippet.replaceAll('\u0002', '').replaceAll('\u0003', ''));
    expect(bodies('narwhal')).toEqual(['another narwhal', 'an imported narwhal']);
    const conversationId = db.prepare('SELECT id FROM conversations').pluck().get() as number;
    new MessagesRepository(db).insert({ conversationId, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: 'a live narwhal', timestamp: Date.UTC(2026, 11, 7) });
    expect(bodies('narwhal')).toEqual(['a live narwhal', 'another narwhal', 'an imported narwhal']);
    // Importing the same file again adds nothing, to the index neither.
    await importHistory(db, { from: 'jsonl', path: good });
    expect(bodies('narwhal')).toHaveLength(3);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_fts_insert'").pluck().get()).toBe(1);
  });
});
