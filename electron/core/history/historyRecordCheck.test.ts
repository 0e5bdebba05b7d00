/**
 * The hand check of an imported line never accepts what the schema refuses: every line the
 * schema rejects (one field broken at a time) is refused by it too, and the export's own lines
 * are accepted by both, so an import reads them without the schema.
 */
import { describe, expect, it } from 'vitest';
import { historyRecordSchema } from './jsonlRecord.js';
import { isPlainHistoryRecord } from './historyRecordCheck.js';

const good = {
  id: 7, networkId: 'n-1', time: '2026-03-01T12:00:00.005Z',
  account: { id: 'acc', plugin: 'irc', identity: 'me@irc.example' },
  conversation: { networkId: '#chat', kind: 'room', title: '#chat' },
  sender: { id: 'bob', name: 'Bob' }, direction: 'in', status: 'received', kind: 'text', body: 'hello',
};

const broken: unknown[] = [
  { ...good, id: 0 }, { ...good, id: 1.5 }, { ...good, id: '7' }, { ...good, id: 2 ** 60 }, { ...good, networkId: 5 },
  { ...good, time: '2026-02-30T12:00:00Z' }, { ...good, time: '2026-03-01 12:00:00Z' }, { ...good, time: '2026-03-01T12:00:00' },
  { ...good, time: '2026-03-01T24:00:00Z' }, { ...good, time: 1 },
  { ...good, account: { ...good.account, id: '' } }, { ...good, account: { ...good.account, plugin: 1 } }, { ...good, account: { id: 'a', plugin: 'irc' } },
  { ...good, account: null }, { ...good, conversation: { ...good.conversation, networkId: '' } }, { ...good, conversation: { ...good.conversation, kind: 'group' } },
  { ...good, conversation: [] }, { ...good, sender: { id: 'bob' } }, { ...good, direction: 'sideways' }, { ...good, status: 'read' },
  { ...good, kind: 'image' }, { ...good, body: null }, { ...good, html: 3 }, { ...good, edited: false }, { ...good, deleted: 1 },
  { ...good, replyTo: {} }, { ...good, attachments: [{ name: 'a', kind: 'image' }] }, [good], null, 'line',
];

const accepted: Record<string, unknown>[] = [
  good, { ...good, id: undefined, networkId: undefined }, { ...good, time: '2026-03-01T12:00:00+01:00' }, { ...good, time: '2024-02-29T00:00:00.1Z' },
  { ...good, html: '<b>hi</b>', edited: true, deleted: true, replyTo: 'earlier', status: 'queued', kind: 'event' }, { ...good, extra: 'ignored' },
];

describe('isPlainHistoryRecord', () => {
  it('refuses every line the schema refuses', () => {
    for (const value of broken) {
      expect(historyRecordSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
      expect(isPlainHistoryRecord(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('accepts the lines the schema accepts without attachments, and leaves those with attachments to the schema', () => {
    for (const value of accepted) {
      expect(historyRecordSchema.safeParse(value).success, JSON.stringify(value)).toBe(true);
      expect(isPlainHistoryRecord(value), JSON.stringify(value)).toBe(true);
    }
    const withFile = { ...good, attachments: [{ name: 'a.png', kind: 'image', url: 'https://x/a.png' }] };
    expect(historyRecordSchema.safeParse(withFile).success).toBe(true);
    expect(isPlainHistoryRecord(withFile)).toBe(false);
  });
});
