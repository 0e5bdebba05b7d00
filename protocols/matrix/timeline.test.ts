/** Timeline and receipt handling of hostile events, on real MatrixEvents (cases the fuzzer found). */
import { EventTimeline, MatrixEvent } from 'matrix-js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { protocolEventProblem } from '../../electron/core/conversations/protocolEventGuard.js';
import { onReceipt } from './ephemeral.js';
import { messageEvent, offlineAccount, ROOM_ID, type OfflineAccount } from './testAccount.js';
import { handleTimelineEvent } from './timeline.js';

let account: OfflineAccount | undefined;
afterEach(() => account?.stop());

async function handle(...raws: Record<string, unknown>[]): Promise<OfflineAccount['emitted']> {
  account = await offlineAccount([messageEvent({ msgtype: 'm.text', body: 'first' }, { event_id: '$first' })]);
  for (const raw of raws) handleTimelineEvent(account.state, account.deps, account.room, new MatrixEvent(raw));
  return account.emitted;
}

describe('hostile timeline events', () => {
  it('skips events whose id or sender is no string, or an empty id, instead of throwing', async () => {
    await expect(handle(
      messageEvent({ msgtype: 'm.text', body: 'a' }, { sender: 42 }),
      messageEvent({ msgtype: 'm.text', body: 'b' }, { event_id: { evil: true } }),
      messageEvent({ msgtype: 'm.text', body: 'c' }, { event_id: '' }),
      { type: 'm.room.redaction', event_id: '$x', sender: ['@bob:localhost'], redacts: '$first', content: {} },
    )).resolves.toEqual([]);
  });

  it('shows a message whose server time is no number, at the time it arrived', async () => {
    const before = Date.now();
    const [received] = await handle(messageEvent({ msgtype: 'm.text', body: 'late' }, { origin_server_ts: '2024' }));
    expect(received).toMatchObject({ type: 'message.received', message: { body: 'late' } });
    const timestamp = received?.type === 'message.received' ? received.message.timestamp : 0;
    expect(timestamp).toBeGreaterThanOrEqual(before);
  });

  it('names a sender with the one plain line of their display name (a long one cost every message they sent)', async () => {
    account = await offlineAccount();
    const { room } = account;
    room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.setStateEvents([new MatrixEvent({
      type: 'm.room.member', room_id: ROOM_ID, event_id: '$bob', sender: '@bob:localhost', state_key: '@bob:localhost', origin_server_ts: 1,
      content: { membership: 'join', displayname: `Bob\nSmith${'y'.repeat(2000)}` },
    })]);
    const message = new MatrixEvent(messageEvent({ msgtype: 'm.text', body: 'hi' }, { event_id: '$hi' }));
    await room.addLiveEvents([message], { addToState: false });
    handleTimelineEvent(account.state, account.deps, room, message);
    const received = account.emitted.find((event) => event.type === 'message.received');
    expect(received?.type === 'message.received' ? received.message.senderName : undefined).toBe(`Bob Smith${'y'.repeat(246)}…`);
    expect(protocolEventProblem(received)).toBeUndefined();
  });

  it('ignores a reaction key the core cannot keep, so the sender\'s other reactions still show', async () => {
    const reaction = (id: string, key: string) => ({
      type: 'm.reaction', event_id: id, sender: '@bob:localhost', origin_server_ts: 1,
      content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$first', key } },
    });
    const emitted = await handle(reaction('$r1', '👍'), reaction('$r2', 'x'.repeat(65)), reaction('$r3', ''), reaction('$r4', '🎉'));
    expect(emitted.map((event) => event.type === 'reactions.changed' ? event.reactions : event.type)).toEqual([['👍'], ['👍', '🎉']]);
  });
});

describe('hostile receipts', () => {
  it('reads user ids only from an m.read object, never the indexes of a string or array', async () => {
    account = await offlineAccount();
    const receipt = new MatrixEvent({
      type: 'm.receipt', room_id: ROOM_ID,
      content: { $a: { 'm.read': 'x'.repeat(5000) }, $b: { 'm.read': ['@bob:localhost'] }, $c: { 'm.read': { '@bob:localhost': { ts: 1 } } } },
    });
    onReceipt(account.state, receipt, account.room);
    expect(account.emitted).toEqual([{ type: 'receipt', conversationId: ROOM_ID, networkId: '$c', participantId: '@bob:localhost', kind: 'read' }]);
  });

  it('skips receipts for an event id that is empty or past 255 characters (the SDK makes them for such events too)', async () => {
    account = await offlineAccount();
    const read = { 'm.read': { '@bob:localhost': { ts: 1 } } };
    onReceipt(account.state, new MatrixEvent({ type: 'm.receipt', room_id: ROOM_ID, content: { '': read, [`$${'x'.repeat(255)}`]: read, $ok: read } }), account.room);
    expect(account.emitted).toEqual([{ type: 'receipt', conversationId: ROOM_ID, networkId: '$ok', participantId: '@bob:localhost', kind: 'read' }]);
  });
});
