/**
 * The live timeline's bound on a real matrix-js-sdk room (liveTimeline.ts): what is dropped,
 * what stays, and that the SDK's relation aggregations let go of what was dropped. The bound
 * against Synapse: test/integration/matrix-history.test.ts ("Matrix live timeline, bounded").
 */
import { MatrixEvent } from 'matrix-js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { trimLiveTimeline } from './liveTimeline.js';
import { messageEvent, offlineAccount, ROOM_ID, type OfflineAccount } from './testAccount.js';

let account: OfflineAccount | undefined;
afterEach(() => account?.stop());

const message = (n: number): Record<string, unknown> => messageEvent({ msgtype: 'm.text', body: `m${n}` }, { event_id: `$m${n}`, origin_server_ts: n });
const reaction = (n: number, target: string): Record<string, unknown> => ({
  type: 'm.reaction', event_id: `$r${n}`, sender: '@bob:localhost', origin_server_ts: n, room_id: ROOM_ID,
  content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' } },
});

describe('a bounded live timeline', () => {
  it('drops the oldest events beyond the bound, keeps the pinned one, and the SDK lets go of their relations', async () => {
    account = await offlineAccount([
      ...Array.from({ length: 10 }, (_, n) => message(n)), reaction(10, '$m1'), reaction(11, '$m9'),
      ...Array.from({ length: 6 }, (_, n) => message(12 + n)),
    ]);
    const { room } = account;
    const ids = (): (string | undefined)[] => room.getLiveTimeline().getEvents().map((event) => event.getId());
    const annotations = (target: string): number => room.relations.getChildEventsForEvent(target, 'm.annotation', 'm.reaction')?.getRelations().length ?? 0;
    expect([annotations('$m1'), annotations('$m9')]).toEqual([1, 1]);

    // 18 events, 8 kept: the 10 oldest go, but for the pinned m3.
    expect(trimLiveTimeline(room, 8, (id) => id === '$m3')).toBe(9);
    expect(ids()).toEqual(['$m3', '$r10', '$r11', '$m12', '$m13', '$m14', '$m15', '$m16', '$m17']);
    expect(room.findEventById('$m0')).toBeUndefined();
    expect(room.getUnfilteredTimelineSet().getTimelineForEvent('$m0')).toBeNull();
    // A dropped message's reactions are no longer held for it.
    expect([annotations('$m1'), annotations('$m9')]).toEqual([0, 0]);
    expect(trimLiveTimeline(room, 8, (id) => id === '$m3')).toBe(0);

    // A reaction to a message already dropped: held while the reaction is in the timeline, not after.
    await room.addLiveEvents([reaction(18, '$m2'), message(19), message(20)].map((raw) => new MatrixEvent(raw)), { addToState: false });
    expect(annotations('$m2')).toBe(1);
    expect(trimLiveTimeline(room, 3, () => false)).toBe(9);
    expect(ids()).toEqual(['$r18', '$m19', '$m20']);
    expect(annotations('$m2')).toBe(1);
    expect(trimLiveTimeline(room, 2, () => false)).toBe(1);
    expect(annotations('$m2')).toBe(0);
  });
});
