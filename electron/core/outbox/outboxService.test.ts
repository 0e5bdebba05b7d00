/**
 * The outbox's bookkeeping: what waits, what goes out and in which order, what is lost,
 * taken back, resent, failed. The connection is a fake (outboxTestKit.ts); the real
 * networks are in test/integration/outbox*.test.ts and fault-*.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboxWorld } from './outboxTestKit.js';
import { RESEND_PAUSE_MS } from './outboxService.js';
import { MAX_AUTOMATIC_RESENDS } from './autoResend.js';
import { CoreError } from '../model/coreError.js';

const worlds: ReturnType<typeof outboxWorld>[] = [];
function world(options: { sendDeadlineMs?: number } = {}): ReturnType<typeof outboxWorld> {
  const made = outboxWorld(options);
  worlds.push(made);
  return made;
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(worlds.splice(0).map((made) => made.close()));
});

/** Lets the outbox's awaited plugin calls run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('OutboxService', () => {
  it('keeps what is written before the account is ready, and sends it in order once it is', async () => {
    const w = world();
    w.write(w.direct.id, 'one');
    w.write(w.direct.id, 'two');
    w.connection.connect('a1');
    // Online but not ready (rooms and presence not back yet): a new message still waits.
    w.write(w.direct.id, 'three');
    await settle();
    expect(w.connection.delivered).toEqual([]);
    expect(w.statuses(w.direct.id)).toEqual(['one: queued', 'two: queued', 'three: queued']);

    await w.outbox.accountReady('a1');
    expect(w.connection.delivered).toEqual(['one', 'two', 'three']);
    expect(w.statuses(w.direct.id)).toEqual(['one: sending', 'two: sending', 'three: sending']);
    for (const message of w.messages.page(w.direct.id, 10)) w.outbox.settle(String(message.id), 'sent', { networkId: `n${message.id}` });
    expect(w.statuses(w.direct.id)).toEqual(['one: sent', 'two: sent', 'three: sent']);
  });

  it('sends at once when ready and nothing waits; a message written while the queue drains waits behind it', async () => {
    const w = world();
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    w.write(w.direct.id, 'now');
    await settle();
    expect(w.connection.delivered).toEqual(['now']);

    w.connection.drop('a1');
    w.outbox.connectionLost('a1');
    w.write(w.direct.id, 'queued 1');
    w.connection.connect('a1');
    w.connection.holdSends = true;
    const draining = w.outbox.accountReady('a1');
    await settle();
    w.write(w.direct.id, 'written while draining');
    expect(w.statuses(w.direct.id).slice(-1)).toEqual(['written while draining: queued']);
    w.connection.release();
    await settle();
    w.connection.release();
    await draining;
    expect(w.connection.delivered).toEqual(['now', 'queued 1', 'written while draining']);
  });

  it('marks messages in flight failed, with the reason, when the connection drops; new ones wait again', async () => {
    const w = world();
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    w.write(w.direct.id, 'in flight');
    await settle();
    w.connection.drop('a1');
    w.outbox.connectionLost('a1');
    const [lost] = w.messages.page(w.direct.id, 10);
    expect(lost?.status).toBe('failed');
    expect(lost?.error?.message).toBe('The connection was lost before the network confirmed this message. Retry to send it again.');
    w.connection.connect('a1'); // online again, but the reconnect sequence has not reached the outbox
    expect(w.write(w.direct.id, 'after the drop').status).toBe('queued');
  });

  it('takes back a message lost where a resend cannot double it, resends it after a pause, then gives up', async () => {
    vi.useFakeTimers();
    const w = world();
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    const message = w.write(w.safe.id, 'lost');
    await settle();
    const lostError = { error: { kind: 'network', message: 'The stream broke.' } } as const;
    for (let attempt = 1; attempt <= MAX_AUTOMATIC_RESENDS; attempt++) {
      w.outbox.settle(String(message.id), 'failed', lostError);
      expect(w.statuses(w.safe.id)).toEqual(['lost: queued']);
      await vi.advanceTimersByTimeAsync(RESEND_PAUSE_MS);
      expect(w.connection.delivered.filter((body) => body === 'lost')).toHaveLength(attempt + 1);
    }
    w.outbox.settle(String(message.id), 'failed', lostError);
    expect(w.statuses(w.safe.id)).toEqual(['lost: failed']);
  });

  it('puts a message the plugin refused before sending anything back in the queue, and sends it once when it can', async () => {
    vi.useFakeTimers();
    const w = world();
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    await w.connection.call('a1', 'joinRoom', [{ room: '#room' }]);
    // The core counts the account online; the plugin's session is not usable yet (notSent).
    w.connection.refuseUnsent = 1;
    w.write(w.room.id, 'in the room');
    await settle();
    expect(w.statuses(w.room.id)).toEqual(['in the room: queued']);
    w.write(w.direct.id, 'to bob');
    expect(w.statuses(w.direct.id)).toEqual(['to bob: queued']); // waits behind it, in order
    expect(w.connection.delivered).toEqual([]);
    await vi.advanceTimersByTimeAsync(RESEND_PAUSE_MS);
    expect(w.connection.delivered).toEqual(['in the room', 'to bob']);
    for (const id of [w.room.id, w.direct.id]) {
      for (const message of w.messages.page(id, 10)) w.outbox.settle(String(message.id), 'sent', { networkId: `n${message.id}` });
    }

    // Refused, then the core hears the connection is gone: the message waits for the account.
    w.connection.refuseUnsent = 1;
    const refused = w.write(w.direct.id, 'refused as the connection drops');
    await settle();
    w.connection.drop('a1');
    w.outbox.connectionLost('a1');
    await vi.advanceTimersByTimeAsync(RESEND_PAUSE_MS);
    expect(w.statuses(w.direct.id).slice(-1)).toEqual(['refused as the connection drops: queued']);
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    expect(w.connection.delivered).toEqual(['in the room', 'to bob', 'refused as the connection drops']);
    expect(w.statuses(w.direct.id).slice(-1)).toEqual(['refused as the connection drops: sending']);
    w.events.flush();
    expect(w.seen.some((e) => e.type === 'message.updated' && e.payload.message.status === 'failed')).toBe(false);
    expect(w.seen.filter((e) => e.type === 'message.updated' && e.payload.message.id === refused.id).map((e) => e.type === 'message.updated' && e.payload.message.status))
      .toEqual(['queued', 'sending']);
  });

  it('takes back a message handed over that the plugin reports never went out; one it keeps refusing fails in words', async () => {
    vi.useFakeTimers();
    const w = world();
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    w.connection.keepUnwritten = 1;
    const held = w.write(w.direct.id, 'held for a resumption that failed');
    await settle();
    w.outbox.settle(String(held.id), 'failed', { error: { kind: 'network', message: 'The connection was lost before this message could be sent.', notSent: true } });
    expect(w.statuses(w.direct.id)).toEqual(['held for a resumption that failed: queued']);
    await vi.advanceTimersByTimeAsync(RESEND_PAUSE_MS);
    expect(w.connection.delivered).toEqual(['held for a resumption that failed']);

    w.connection.refuseUnsent = MAX_AUTOMATIC_RESENDS + 1;
    w.write(w.direct.id, 'never usable');
    await settle();
    await vi.advanceTimersByTimeAsync(RESEND_PAUSE_MS * MAX_AUTOMATIC_RESENDS);
    expect(w.statuses(w.direct.id).slice(-1)).toEqual(['never usable: failed']);
    expect(w.messages.page(w.direct.id, 10).find((m) => m.body === 'never usable')?.error?.message).toBe('This account is not connected.');
  });

  it('a refusal that proves nothing went out, answered after the core heard of the drop, still lets the message wait', async () => {
    const unsent = new CoreError({ kind: 'network', message: 'This account is not connected.', notSent: true });
    // Each conversation on its own account's connection: a room, and a chat where a resend cannot double a message.
    for (const where of ['room', 'safe'] as const) {
      const w = world();
      w.connection.connect('a1');
      await w.outbox.accountReady('a1');
      await w.connection.call('a1', 'joinRoom', [{ room: '#room' }]);
      w.connection.holdSends = true;
      const conversationId = w[where].id;
      w.write(conversationId, `to the ${where} as it drops`);
      await settle();
      // The plugin reports its lost session before it answers the send under way.
      w.connection.drop('a1');
      w.outbox.connectionLost('a1');
      // Unconfirmed: it may have gone out, so the room's is failed; the other is taken back (resendSafe).
      expect(w.statuses(conversationId)).toEqual([`to the ${where} as it drops: ${where === 'room' ? 'failed' : 'queued'}`]);
      w.connection.refuseHeld(unsent);
      await settle();
      expect(w.statuses(conversationId)).toEqual([`to the ${where} as it drops: queued`]); // it did not go out: it waits

      w.connection.holdSends = false;
      w.connection.connect('a1');
      await w.connection.call('a1', 'joinRoom', [{ room: '#room' }]);
      await w.outbox.accountReady('a1');
      expect(w.connection.delivered).toEqual([`to the ${where} as it drops`]);
    }
  });

  it('fails a message the network never answers, once its deadline passes, with the reason in words', async () => {
    vi.useFakeTimers();
    const w = world({ sendDeadlineMs: 5_000 });
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    w.write(w.direct.id, 'swallowed');
    await settle();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(w.statuses(w.direct.id)).toEqual(['swallowed: sending']);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.statuses(w.direct.id)).toEqual(['swallowed: failed']);
    expect(w.messages.page(w.direct.id, 1)[0]?.error?.message).toBe('The network did not confirm this message within 5 seconds. Retry to send it again.');
  });

  it('a confirmation stops the deadline, and disposing stops every clock', async () => {
    vi.useFakeTimers();
    const w = world({ sendDeadlineMs: 5_000 });
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    const confirmed = w.write(w.direct.id, 'confirmed');
    w.write(w.direct.id, 'pending at close');
    await settle();
    w.outbox.settle(String(confirmed.id), 'sent', { networkId: 'n1' });
    w.events.flush(); // the bridge's batch clock is not the outbox's
    await w.outbox.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.statuses(w.direct.id)).toEqual(['confirmed: sent', 'pending at close: sending']);
  });

  it('at start, fails what a stop interrupted, except where a resend cannot double it', () => {
    const w = world();
    for (const [conversationId, body] of [[w.direct.id, 'interrupted'], [w.safe.id, 'interrupted but safe']] as const) {
      w.messages.insert({ conversationId, senderId: 'me', senderName: 'me', kind: 'text', body, timestamp: 1, direction: 'out', status: 'sending' });
    }
    w.outbox.failInterruptedSends();
    expect(w.statuses(w.direct.id)).toEqual(['interrupted: failed']);
    expect(w.statuses(w.safe.id)).toEqual(['interrupted but safe: queued']);
  });

  it('a late failure does not undo a confirmation; retry and cancel only touch messages that did not go out', async () => {
    const w = world();
    w.connection.connect('a1');
    await w.outbox.accountReady('a1');
    const sent = w.write(w.direct.id, 'sent');
    await settle();
    w.outbox.settle(String(sent.id), 'sent', { networkId: 'n1' });
    w.outbox.settle(String(sent.id), 'failed', { error: { kind: 'protocol', message: 'late' } });
    expect(w.statuses(w.direct.id)).toEqual(['sent: sent']);
    expect(() => w.outbox.retry(sent.id)).toThrow('Only a message that failed can be sent again.');
    expect(() => w.outbox.cancel(sent.id)).toThrow('Only a queued or failed message can be cancelled.');
    expect(w.outbox.settle('not ours', 'sent', {})).toBe(false);
  });
});
