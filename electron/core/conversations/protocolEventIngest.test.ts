/**
 * Batches that meet a full disk (SQLITE_FULL, provoked for real with max_page_count) are
 * held in order, bounded, and stored by themselves once there is room.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../bridge/contract.js';
import type { ProtocolEvent } from '../../../protocols/api/index.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { StorageHealth } from '../profile/storageHealth.js';
import { ProtocolEventIngest, type IngestDeps } from './protocolEventIngest.js';

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
});

function setUp(maxHeldEvents: number) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE received (network_id TEXT NOT NULL, body TEXT NOT NULL)');
  const events = new EventBatcher(1);
  const seen: BridgeEvent[] = [];
  events.subscribe((batch) => void seen.push(...batch));
  const log: string[] = [];
  const storage = new StorageHealth('/profile', events, (line) => log.push(line), () => undefined, () => 4096, 10);
  const insert = db.prepare('INSERT INTO received (network_id, body) VALUES (?, ?)');
  // Only what message.received needs: the account exists, and storing writes a row.
  const deps = {
    db, events, storage, log: (line: string) => log.push(line), maxHeldEvents,
    accounts: { has: () => true, connectionEvent: () => undefined, list: () => [{ id: 'a', state: 'reconnecting' }] },
    incoming: { store: (_: string, message: { networkId: string }) => insert.run(message.networkId, 'x'.repeat(3000)) },
    views: { batched: <T>(work: () => T): T => work() },
  } as unknown as IngestDeps;
  const ingest = new ProtocolEventIngest(deps);
  open.push(() => {
    storage.dispose();
    events.dispose();
    db.close();
  });
  const stored = (): string[] => (db.prepare('SELECT network_id AS id FROM received ORDER BY rowid').all() as { id: string }[]).map((row) => row.id);
  const fillDisk = (): void => void db.pragma(`max_page_count = ${String(db.pragma('page_count', { simple: true }))}`);
  const freeDisk = (): void => void db.pragma('max_page_count = 1000000');
  return { ingest, stored, fillDisk, freeDisk, seen, log };
}

const received = (networkId: string): { accountId: string; event: ProtocolEvent } => ({
  accountId: 'a',
  event: { type: 'message.received', message: { conversationId: 'c', networkId, senderId: 's', senderName: 's', kind: 'text', body: 'hi', timestamp: 1 } },
});

describe('incoming batches on a full disk', () => {
  it('are held in order and stored by themselves once there is room; the state goes full, then ok', async () => {
    const { ingest, stored, fillDisk, freeDisk, seen } = setUp(100);
    ingest.ingest([received('m1')]);
    fillDisk();
    ingest.ingest([received('m2'), received('m3')]);
    ingest.ingest([received('m4')]);
    expect(stored()).toEqual(['m1']);
    await vi.waitFor(() => expect(seen).toContainEqual({ type: 'storage.state', payload: { state: 'full', freeBytes: 4096, folder: '/profile', dropped: 0 } }));
    freeDisk();
    await vi.waitFor(() => expect(stored()).toEqual(['m1', 'm2', 'm3', 'm4']));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ type: 'storage.state', payload: { state: 'ok' } }));
  });

  it('beyond the bound keep the newest and count what was dropped', async () => {
    const { ingest, stored, fillDisk, freeDisk, seen, log } = setUp(3);
    ingest.ingest([received('m0')]);
    fillDisk();
    ingest.ingest([received('m1')]);
    ingest.ingest([received('m2'), received('m3')]);
    ingest.ingest([received('m4')]);
    await vi.waitFor(() => expect(seen.filter((e) => e.type === 'storage.state').at(-1)).toMatchObject({ payload: { state: 'full', dropped: 1 } }));
    expect(log).toContain('ingest: the disk is still full; dropped the 1 oldest held events');
    freeDisk();
    await vi.waitFor(() => expect(stored()).toEqual(['m0', 'm2', 'm3', 'm4']));
  });

  it('tell the UI again the state of an account whose connection event was in a batch that failed, once', async () => {
    const { ingest, stored, fillDisk, freeDisk, seen } = setUp(100);
    ingest.ingest([received('m0')]);
    fillDisk();
    ingest.ingest([{ accountId: 'a', event: { type: 'connection.state', state: 'reconnecting' } }, received('m1')]);
    await vi.waitFor(() => expect(seen.some((e) => e.type === 'storage.state')).toBe(true));
    ingest.ingest([received('m2')]);
    expect(seen.filter((e) => e.type === 'account.changed')).toEqual([{ type: 'account.changed', payload: { account: { id: 'a', state: 'reconnecting' } } }]);
    freeDisk();
    await vi.waitFor(() => expect(stored()).toEqual(['m0', 'm1', 'm2']));
  });
});

describe('a read receipt from the account itself (read on another client, IRC draft/read-marker)', () => {
  function withMessages(messages: { id: number; networkId: string; direction: 'in' | 'out'; timestamp: number }[]) {
    const db = new Database(':memory:');
    const events = new EventBatcher(1);
    const storage = new StorageHealth('/profile', events, () => undefined, () => undefined, () => 4096, 10);
    open.push(() => {
      storage.dispose();
      events.dispose();
      db.close();
    });
    const read: number[] = [];
    const receipts: string[] = [];
    const rows = messages.map((m) => ({ ...m, conversationId: 7 }));
    const deps = {
      db, events, storage, log: () => undefined,
      accounts: { has: () => true, selfId: () => 'alice' },
      // The confirmation gives the sent row its network id, as the outbox does.
      outbox: { settle: (localId: string, _status: string, update: { networkId?: string }) => rows.push({ id: 100 + rows.length, networkId: update.networkId ?? localId, direction: 'out', timestamp: 3, conversationId: 7 }) },
      conversations: { find: () => ({ id: 7 }), markRead: (id: number) => read.push(id) },
      messages: {
        findByNetworkId: (_: number, networkId: string) => rows.find((m) => m.networkId === networkId),
        page: () => rows,
        applyReceipt: (upTo: { networkId: string }) => { receipts.push(upTo.networkId); return []; },
      },
      views: { changed: () => undefined, batched: <T>(work: () => T): T => work() },
    } as unknown as IngestDeps;
    return { ingest: new ProtocolEventIngest(deps), read, receipts };
  }
  const receipt = (networkId: string, participantId: string): { accountId: string; event: ProtocolEvent } =>
    ({ accountId: 'a', event: { type: 'receipt', conversationId: '#c', networkId, participantId, kind: 'read' } });

  it('clears the unread count when nothing newer came in, and keeps it when something did', () => {
    const messages = [{ id: 1, networkId: 'a1', direction: 'in' as const, timestamp: 1 }, { id: 2, networkId: 'a2', direction: 'in' as const, timestamp: 2 }];
    const { ingest, read, receipts } = withMessages(messages);
    ingest.ingest([receipt('a1', 'alice')]);
    expect(read).toEqual([]);
    ingest.ingest([receipt('a2', 'alice')]);
    expect(read).toEqual([7]);
    // Someone else's read receipt is a receipt on our messages, as before.
    ingest.ingest([receipt('a2', 'bob')]);
    expect([read, receipts]).toEqual([[7], ['a2']]);
  });

  it('keeps a contact\'s receipt that came before our server confirmed the message, and applies it then', () => {
    const { ingest, receipts } = withMessages([{ id: 1, networkId: 'a1', direction: 'in' as const, timestamp: 1 }]);
    // XMPP: bob's XEP-0184 receipt can beat Prosody's XEP-0198 ack, which gives our message its id.
    ingest.ingest([{ accountId: 'a', event: { type: 'receipt', conversationId: '#c', networkId: 'sb.out1', participantId: 'bob', kind: 'delivered' } }]);
    expect(receipts).toEqual([]);
    ingest.ingest([{ accountId: 'a', event: { type: 'message.confirmed', localId: 'out1', networkId: 'sb.out1', timestamp: 3 } }]);
    expect(receipts).toEqual(['sb.out1']);
  });
});
