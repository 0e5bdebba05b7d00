/** The export's hand-built JSON Lines are the record's JSON, byte for byte, whatever the message holds. */
import { describe, expect, it } from 'vitest';
import type { SourceConversation, SourceMessage } from './historySource.js';
import { historyLineWriter, historyRecordSchema, toHistoryRecord } from './jsonlRecord.js';

const conversation: SourceConversation = {
  id: 3, accountId: 'acc-"1"', pluginId: 'xmpp', accountIdentity: 'me@example.org', networkId: 'room@muc.example.org', kind: 'room', title: 'Ünïcode \u2028 "room"',
};

const base: SourceMessage = {
  id: 42, network_id: null, sender_id: 'bob', sender_name: 'Bob', kind: 'text', body: 'hello', html: null, timestamp: Date.UTC(2026, 2, 1, 12, 0, 0, 5),
  direction: 'in', status: 'received', edited: 0, deleted: 0, reply_to: null, attachments: null,
};

const variants: SourceMessage[] = [
  base,
  { ...base, network_id: 'net-1', body: 'quotes " and \\ and \n newlines \u0000 \ud83e\udd9b and a lone \ud800', sender_name: '<b>Bob</b>' },
  { ...base, kind: 'action', direction: 'out', status: 'sent', html: '<b>hi</b>', edited: 1 },
  { ...base, deleted: 1, body: '', reply_to: JSON.stringify({ networkId: 'earlier' }) },
  { ...base, reply_to: JSON.stringify({ other: 1 }) },
  { ...base, attachments: JSON.stringify([{ name: 'a.png', kind: 'image', url: 'https://x/a.png', mimeType: 'image/png', size: 12, reference: '{"hashes":{"sha256":"abc"}}' }, { url: 'u', kind: 'weird' }]) },
  { ...base, timestamp: 0, status: 'failed', kind: 'event' },
];

describe('JSON Lines export lines', () => {
  it('are JSON.stringify of the record, and read back as a record', () => {
    const line = historyLineWriter(conversation);
    for (const message of variants) {
      const written = line(message);
      expect(written).toBe(JSON.stringify(toHistoryRecord(conversation, message)));
      expect(historyRecordSchema.safeParse(JSON.parse(written)).success).toBe(true);
    }
  });
});
