/**
 * Big files (bulkIndexes.ts): the order indexes dropped inside the file's transaction and
 * built at its end. The threshold is lowered to 100 rows so that small files take the path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { SearchRepository } from '../store/searchRepository.js';
import { describeImport, importHistory } from './historyImport.js';

const BULK_ROWS = 100;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bulk-'));
  dirs.push(dir);
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return dir;
}

/** A JSON Lines record; without `networkId` the line is found again by time, sender and text. */
function record(room: string, second: number, body: string, networkId?: string): string {
  return JSON.stringify({
    ...(networkId !== undefined ? { networkId } : {}),
    time: new Date(Date.UTC(2026, 11, 6, 10, 0, second)).toISOString(), account: { id: 'a', plugin: 'irc', identity: 'me@irc.example.org' },
    conversation: { networkId: room, kind: 'room', title: room }, sender: { id: 'bob', name: 'bob' },
    direction: 'in', status: 'received', kind: 'text', body,
  });
}

type Db = ReturnType<typeof openDatabase>;

function schemaOfMessages(db: Db): string[] {
  return db.prepare(`SELECT type || ' ' || name FROM sqlite_master WHERE tbl_name = 'messages' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY 1`)
    .pluck().all() as string[];
}

function bodies(db: Db, room: string): string[] {
  const id = db.prepare('SELECT id FROM conversations WHERE network_id = ?').pluck().get(room) as number;
  return new MessagesRepository(db).page(id, 1000).map((m) => m.body);
}

const found = (db: Db, text: string): string[] =>
  new SearchRepository(db).search(text, 1000).map((hit) => hit.snippet.replaceAll('\u0002', '').replaceAll('\u0003', ''));

describe('a big file', () => {
  it('is imported with the indexes built again at its end: pages in time order, found by search, nothing added the second time', async () => {
    const db = openDatabase(':memory:');
    const schema = schemaOfMessages(db);
    // Two rooms interleaved; #b's lines come newest first, so only its order index puts them right.
    const lines = Array.from({ length: 300 }, (_, i) => (i % 2 === 0
      ? record('#a', i, `walrus a${i}`, `a${i}`)
      : record('#b', 300 - i, `walrus b${i}`, `b${i}`)));
    // #b's lines a second time in the same file (two exports put together): past the threshold, still found as duplicates.
    const path = folder({ 'big.jsonl': [...lines, ...lines.filter((_, i) => i % 2 === 1)] });
    const first = await importHistory(db, { from: 'jsonl', path, bulkRows: BULK_ROWS });
    expect(describeImport(first)).toBe('300 messages in 2 conversations; 150 messages were already there; 1 disabled account created for them.');
    expect(schemaOfMessages(db)).toEqual(schema);
    expect(bodies(db, '#a')).toEqual(Array.from({ length: 150 }, (_, i) => `walrus a${2 * i}`));
    expect(bodies(db, '#b')).toEqual(Array.from({ length: 150 }, (_, i) => `walrus b${299 - 2 * i}`));
    expect(found(db, 'walrus')).toHaveLength(300);
    expect(found(db, 'b299')).toEqual(['walrus b299']);
    const second = await importHistory(db, { from: 'jsonl', path, bulkRows: BULK_ROWS });
    expect(describeImport(second)).toBe('0 messages in 0 conversations; 450 messages were already there.');
    expect(found(db, 'walrus')).toHaveLength(300);
  });

  it('keeps finding lines without a network id again once past the threshold: twice the same line in one second both stay, a second import adds nothing', async () => {
    const db = openDatabase(':memory:');
    // 150 lines with network ids (the time index goes at 100), then 150 without, each said twice in its second.
    const lines = [
      ...Array.from({ length: 150 }, (_, i) => record('#a', i, `with id ${i}`, `n${i}`)),
      ...Array.from({ length: 150 }, (_, i) => record('#a', 200 + Math.floor(i / 2), `said twice ${Math.floor(i / 2)}`)),
    ];
    const path = folder({ 'mixed.jsonl': lines });
    expect((await importHistory(db, { from: 'jsonl', path, bulkRows: BULK_ROWS })).messages).toBe(300);
    expect(bodies(db, '#a').slice(150, 154)).toEqual(['said twice 0', 'said twice 0', 'said twice 1', 'said twice 1']);
    const second = await importHistory(db, { from: 'jsonl', path, bulkRows: BULK_ROWS });
    expect(describeImport(second)).toBe('0 messages in 0 conversations; 300 messages were already there.');
    expect(bodies(db, '#a')).toHaveLength(300);
  });

  it('failing past the threshold stores none of it and leaves the indexes and triggers as they were; the next big file and live messages go in as usual', async () => {
    const db = openDatabase(':memory:');
    const schema = schemaOfMessages(db);
    const path = folder({
      'a-broken.jsonl': [...Array.from({ length: 250 }, (_, i) => record('#a', i, `narwhal never stored ${i}`, `x${i}`)), '{"time": "yesterday"}'],
      'b-good.jsonl': Array.from({ length: 250 }, (_, i) => record('#a', 1000 - i, `narwhal kept ${i}`, `k${i}`)),
    });
    const summary = await importHistory(db, { from: 'jsonl', path, bulkRows: BULK_ROWS });
    expect([summary.messages, summary.skipped.map((s) => [s.path, s.reason.slice(0, 44)])])
      .toEqual([250, [['a-broken.jsonl', 'line 251 is not a Switchboard history record']]]);
    expect(schemaOfMessages(db)).toEqual(schema);
    expect(found(db, 'stored')).toEqual([]);
    expect(found(db, 'narwhal')).toHaveLength(250);
    const conversationId = db.prepare("SELECT id FROM conversations WHERE network_id = '#a'").pluck().get() as number;
    new MessagesRepository(db).insert({ conversationId, senderId: 'bob', senderName: 'bob', kind: 'text', direction: 'in', status: 'received', body: 'a live narwhal', timestamp: Date.UTC(2026, 11, 7) });
    expect(found(db, 'narwhal')[0]).toBe('a live narwhal');
    const order = bodies(db, '#a');
    expect([order[0], order[249], order[250]]).toEqual(['narwhal kept 249', 'narwhal kept 0', 'a live narwhal']);
  });
});
