/**
 * The gap service over a real store: what it keeps of a plugin's history.gap, and how it
 * pages back through a plugin's history (a scripted fetchHistory: the plugin boundary).
 */
import { describe, expect, it } from 'vitest';
import type { HistoryRequest, HistoryPage, IncomingMessage } from '../../../protocols/api/index.js';
import { parseConnectionResult } from '../../../protocols/api/validation/index.js';
import { CoreError } from '../model/coreError.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ConversationsRepository } from '../store/conversationsRepository.js';
import { openDatabase } from '../store/database.js';
import { HistoryGapsRepository } from '../store/historyGapsRepository.js';
import { MessagesRepository } from '../store/messagesRepository.js';
import { ConversationViews } from './conversationViews.js';
import { HistoryGaps } from './historyGaps.js';
import { IncomingMessages } from './incomingMessages.js';

const line = (n: number): IncomingMessage => ({ conversationId: '#x', networkId: `m${n}`, senderId: 'bob', senderName: 'bob', kind: 'text', body: `message ${n}`, timestamp: n * 1000 });

/** `network` is the server's whole history of #x (m1…m100 by default); `stored` is what the core has. */
function setup(stored: readonly number[], answer?: (request: HistoryRequest) => HistoryPage) {
  const db = openDatabase(':memory:');
  new AccountsRepository(db).insert({ id: 'a1', pluginId: 'p', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const messages = new MessagesRepository(db);
  const events = new EventBatcher();
  const incoming = new IncomingMessages(conversations, messages, new ConversationViews(conversations, events, () => undefined), events);
  incoming.storeHistory('a1', '#x', stored.map(line));
  const conversation = conversations.find('a1', '#x') ?? conversations.upsert({ accountId: 'a1', networkId: '#x', kind: 'room', title: '#x' });
  const network = Array.from({ length: 100 }, (_, i) => line(i + 1));
  const requests: HistoryRequest[] = [];
  const gaps = new HistoryGaps({
    gaps: new HistoryGapsRepository(db), conversations, messages, incoming, events,
    conversationService: { get: () => conversation, has: () => true },
    accounts: {
      call: (_accountId, method, args) => {
        const request = args[0] as HistoryRequest;
        requests.push(request);
        if (method !== 'fetchHistory') return Promise.reject(new Error(method));
        if (answer) return Promise.resolve(parseConnectionResult(method, answer(request)));
        const older = network.filter((m) => m.timestamp < (request.before?.timestamp ?? Infinity));
        return Promise.resolve(parseConnectionResult(method, { messages: older.slice(-request.limit), complete: older.length <= request.limit }));
      },
    },
  });
  const bodies = () => messages.page(conversation.id, 500).map((m) => m.networkId);
  return { gaps, conversation, requests, bodies };
}

describe('history gaps', () => {
  it('keeps a gap from the newest message stored before its newer end, and merges overlapping gaps', () => {
    const { gaps, conversation } = setup([1, 2, 3, 90]);
    // The plugin knew only m1; the core has up to m3.
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { networkId: 'm1', timestamp: 1000 }, before: { networkId: 'm90', timestamp: 90_000 } });
    expect(gaps.list(conversation.id)).toMatchObject([{ after: { networkId: 'm3', timestamp: 3000 }, before: { networkId: 'm90' } }]);
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { timestamp: 50_000 }, before: { timestamp: 95_000 }, reason: 'page cap' });
    expect(gaps.list(conversation.id)).toMatchObject([{ after: { networkId: 'm3' }, before: { timestamp: 95_000 }, reason: 'page cap' }]);
    // Another conversation's or an unknown one's gap is not kept.
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#elsewhere', before: { timestamp: 5 } });
    expect(gaps.list(conversation.id)).toHaveLength(1);
  });

  it('keeps no gap where nothing can be missing: its older end is not older than its newer end', () => {
    const { gaps, conversation } = setup([1, 2]);
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { timestamp: 2000 }, before: { timestamp: 2000 } });
    expect(gaps.list(conversation.id)).toEqual([]);
  });

  it('pages back from the newer end until it meets the older end, storing each message once', async () => {
    const { gaps, conversation, bodies } = setup([10, 11, 95]);
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { networkId: 'm11', timestamp: 11_000 }, before: { networkId: 'm95', timestamp: 95_000 } });
    const [gap] = gaps.list(conversation.id);
    expect(await gaps.fill(gap?.id ?? -1)).toEqual({ added: 83, filled: true });
    expect(bodies()).toEqual(['m10', ...Array.from({ length: 84 }, (_, i) => `m${i + 11}`), 'm95']);
    expect(gaps.list(conversation.id)).toEqual([]);
    // The plugin reports the same gap again (it does not know it was loaded): already stored, not shown.
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { networkId: 'm11', timestamp: 11_000 }, before: { networkId: 'm95', timestamp: 95_000 } });
    expect(gaps.list(conversation.id)).toEqual([]);
    // A newer one is.
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { networkId: 'm95', timestamp: 95_000 }, before: { timestamp: 99_000 } });
    expect(gaps.list(conversation.id)).toHaveLength(1);
  });

  it('stops at a message it already has, and removes the gap', async () => {
    const { gaps, conversation, bodies, requests } = setup([10, 60, 95]);
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', before: { networkId: 'm95', timestamp: 95_000 } });
    const [gap] = gaps.list(conversation.id);
    // Recorded from m60 (the newest stored before m95): the first page meets it.
    expect(gap?.after?.networkId).toBe('m60');
    expect(await gaps.fill(gap?.id ?? -1)).toEqual({ added: 34, filled: true });
    expect(requests).toHaveLength(1);
    expect(bodies()).toHaveLength(37);
  });

  it('shrinks the gap when the pages run out, and keeps it when the network fails', async () => {
    let fail = false;
    const { gaps, conversation } = setup([1, 95], (request) => {
      if (fail) throw new CoreError({ kind: 'network', message: 'The server did not answer.' });
      const before = request.before?.timestamp ?? Infinity;
      // One message per page: twenty pages bring m94 … m75.
      return { messages: [line(Math.round(before / 1000) - 1)], complete: false };
    });
    gaps.recorded('a1', { type: 'history.gap', conversationId: '#x', after: { networkId: 'm1', timestamp: 1000 }, before: { networkId: 'm95', timestamp: 95_000 } });
    const [gap] = gaps.list(conversation.id);
    expect(await gaps.fill(gap?.id ?? -1)).toEqual({ added: 20, filled: false });
    expect(gaps.list(conversation.id)).toMatchObject([{ id: gap?.id, after: { networkId: 'm1' }, before: { networkId: 'm75', timestamp: 75_000 } }]);
    fail = true;
    await expect(gaps.fill(gap?.id ?? -1)).rejects.toThrow('The server did not answer.');
    expect(gaps.list(conversation.id)).toHaveLength(1);
  });
});
