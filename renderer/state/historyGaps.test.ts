import { describe, expect, it } from 'vitest';
import type { HistoryGapView } from '../../electron/bridge/schemas.js';
import { applyHistoryGapEvents, createHistoryGapsStore, placeGaps, setGaps } from './historyGaps.js';
import { message } from './testData.js';

const gap = (id: number, before: HistoryGapView['before'], after?: HistoryGapView['after']): HistoryGapView =>
  ({ id, conversationId: 1, before, ...(after ? { after } : {}) });

describe('history gaps in the renderer', () => {
  it('places a gap before the message it names, else before the first one not older than its newer end', () => {
    const items = [message({ id: 1, timestamp: 1000, networkId: 'a' }), message({ id: 2, timestamp: 5000, networkId: 'b' }), message({ id: 3, timestamp: 9000 })];
    const placed = placeGaps(items, [gap(7, { networkId: 'b', timestamp: 4000 }), gap(8, { timestamp: 8000 }), gap(9, { timestamp: 20_000 })]);
    expect([...placed.entries()].map(([messageId, gaps]) => [messageId, gaps.map((g) => g.id)])).toEqual([[2, [7]], [3, [8]]]);
  });

  it('follows the core\'s gap events', () => {
    let state = setGaps(createHistoryGapsStore().getState(), 1, [gap(7, { timestamp: 5000 })]);
    state = applyHistoryGapEvents(state, [
      { type: 'history.gapChanged', payload: { gap: gap(7, { timestamp: 4000 }) } },
      { type: 'history.gapChanged', payload: { gap: gap(8, { timestamp: 2000 }) } },
    ]);
    expect(state.byConversation.get(1)?.map((g) => [g.id, g.before.timestamp])).toEqual([[8, 2000], [7, 4000]]);
    state = applyHistoryGapEvents(state, [{ type: 'history.gapRemoved', payload: { conversationId: 1, gapId: 8 } }]);
    expect(state.byConversation.get(1)?.map((g) => g.id)).toEqual([7]);
    const unchanged = applyHistoryGapEvents(state, [{ type: 'typing', payload: { conversationId: 1, participantId: 'x', state: 'active' } }]);
    expect(unchanged).toBe(state);
    expect(applyHistoryGapEvents(state, [{ type: 'conversation.removed', payload: { conversationId: 1 } }]).byConversation.has(1)).toBe(false);
  });
});
