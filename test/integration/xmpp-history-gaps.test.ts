/**
 * Issue 12: a MAM catch-up (XEP-0313) that stops early leaves a visible gap (Plugin API 0.4
 * `history.gap`), never a silent hole, and paging back with fetchHistory from the gap's
 * `before` fills exactly the hole. Against Prosody's MUC archive (no offline delivery there,
 * so the archive is the only way back): more messages while away than a catch-up fetches (the
 * page cap), and a stored position the archive does not have (§6.1.1 item-not-found).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryGapEvent, IncomingMessage } from '../../protocols/api/index.js';
import { MAX_CATCH_UP_PAGES } from '../../protocols/xmpp/mam.js';
import { createMemoryPersistence } from '../conformance/index.js';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const CAUGHT_UP = MAX_CATCH_UP_PAGES * 100;
/** Said while alice is away: the catch-up's cap, a hole of 150, and the newest page of 100. */
const AWAY = CAUGHT_UP + 250;

let kit: XmppKit;
beforeAll(async () => {
  kit = await startXmppKit({}, 60_000);
});
afterAll(async () => {
  await kit.stop();
});

const body = (i: number): string => `away ${i}`;
const numberOf = (message: IncomingMessage): number => Number(/^away (\d+)$/.exec(message.body)?.[1] ?? NaN);

describe('XMPP history gaps', () => {
  const room = 'gaps@conference.localhost';

  it('a catch-up past its cap fetches the newest page, marks the hole, and paging back from the gap fills it exactly', async () => {
    const persistence = createMemoryPersistence();
    const alice = await kit.online('alice', {}, persistence);
    const bob = await kit.online('bob');
    if (!alice.connection.joinRoom || !bob.connection.joinRoom) throw new Error('no joinRoom');
    await alice.connection.joinRoom({ room });
    await bob.connection.joinRoom({ room });
    await bob.connection.sendMessage({ conversationId: room, localId: 'seen', kind: 'text', body: 'seen by alice' });
    await alice.waitForMessage('the message alice saw', (m) => m.body === 'seen by alice');
    await alice.connection.disconnect();

    for (let i = 1; i <= AWAY; i++) await bob.connection.sendMessage({ conversationId: room, localId: `m${i}`, kind: 'text', body: body(i) });
    await bob.waitForEvent('message.confirmed', (e) => e.localId === `m${AWAY}`);

    const back = kit.account('alice', {}, persistence); // the app restarted: the core rejoins the room, which is caught up
    await back.connection.connect();
    if (!back.connection.joinRoom) throw new Error('no joinRoom');
    await back.connection.joinRoom({ room });
    const gap: HistoryGapEvent = await back.waitForEvent('history.gap', (e) => e.conversationId === room);
    await back.waitForMessage('the newest message', (m) => m.body === body(AWAY));
    const caught = back.received().filter((m) => m.conversationId === room && m.body.startsWith('away '));
    const numbers = caught.map(numberOf);
    const expected = [...Array.from({ length: CAUGHT_UP }, (_, i) => i + 1), ...Array.from({ length: 100 }, (_, i) => AWAY - 99 + i)];
    expect(numbers).toEqual(expected); // in order, once each, the hole left out
    const lastBefore = caught.find((m) => numberOf(m) === CAUGHT_UP);
    const firstAfter = caught.find((m) => numberOf(m) === AWAY - 99);
    expect(gap).toEqual({
      type: 'history.gap', conversationId: room, reason: `the catch-up stops after ${CAUGHT_UP.toLocaleString('en')} messages`,
      after: { networkId: lastBefore?.networkId, timestamp: lastBefore?.timestamp },
      before: { networkId: firstAfter?.networkId, timestamp: firstAfter?.timestamp },
    });

    // What the core does with the gap: page back from `before` until it meets `after`.
    if (!back.connection.fetchHistory) throw new Error('no fetchHistory');
    const filled: IncomingMessage[] = [];
    let before: { networkId?: string; timestamp: number } = gap.before;
    for (let pages = 0; pages < 10; pages++) {
      const page = await back.connection.fetchHistory({ conversationId: room, before, limit: 100 });
      filled.unshift(...page.messages);
      const oldest = page.messages[0];
      if (!oldest || page.complete || page.messages.some((m) => m.networkId === gap.after?.networkId)) break;
      before = { timestamp: oldest.timestamp, ...(oldest.networkId !== undefined ? { networkId: oldest.networkId } : {}) };
    }
    const hole = filled.map(numberOf).filter((n) => n > CAUGHT_UP);
    expect(hole).toEqual(Array.from({ length: AWAY - 100 - CAUGHT_UP }, (_, i) => CAUGHT_UP + 1 + i));
    // Bob stays: an empty (non-persistent) room would be destroyed, and the next test needs it.
  }, 240_000);

  it('a stored position the archive does not have (item-not-found): the newest page, and a gap before it', async () => {
    const persistence = createMemoryPersistence();
    await persistence.storage.set(`mam.room.${room}`, 'no-such-archive-id');
    await persistence.storage.set(`mam.room.${room}.at`, Date.parse('2020-01-01T00:00:00Z'));
    const carol = await kit.online('carol', {}, persistence);
    if (!carol.connection.joinRoom) throw new Error('no joinRoom');
    await carol.connection.joinRoom({ room });
    const gap: HistoryGapEvent = await carol.waitForEvent('history.gap', (e) => e.conversationId === room);
    await carol.waitForMessage('the newest message', (m) => m.body === body(AWAY));
    const caught = carol.received().filter((m) => m.conversationId === room && m.body.startsWith('away '));
    expect(caught.map(numberOf)).toEqual(Array.from({ length: 100 }, (_, i) => AWAY - 99 + i));
    const first = caught[0];
    expect(gap).toEqual({
      type: 'history.gap', conversationId: room, reason: `${room} no longer has the last message seen here`,
      after: { timestamp: Date.parse('2020-01-01T00:00:00Z') },
      before: { networkId: first?.networkId, timestamp: first?.timestamp },
    });
  }, 60_000);
});
