/**
 * History gaps per conversation (where the core says messages may be missing), where each
 * goes in the timeline, and how loading one is going. The core decides what a gap is; the
 * UI only places it and asks for it to be filled (gapActions.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { HistoryGapView, MessageView } from '../../electron/bridge/schemas.js';

export interface GapLoading {
  readonly loading: boolean;
  /** Why the last attempt failed, in words. */
  readonly error?: string;
}

export interface HistoryGapsState {
  readonly byConversation: ReadonlyMap<number, readonly HistoryGapView[]>;
  readonly loading: ReadonlyMap<number, GapLoading>;
}

export function createHistoryGapsStore(): StoreApi<HistoryGapsState> {
  return createStore<HistoryGapsState>()(() => ({ byConversation: new Map(), loading: new Map() }));
}

/** A conversation's gaps as the core listed them. */
export function setGaps(state: HistoryGapsState, conversationId: number, gaps: readonly HistoryGapView[]): HistoryGapsState {
  const byConversation = new Map(state.byConversation);
  byConversation.set(conversationId, [...gaps].sort((a, b) => a.before.timestamp - b.before.timestamp));
  return { ...state, byConversation };
}

export function setGapLoading(state: HistoryGapsState, gapId: number, loading: GapLoading | undefined): HistoryGapsState {
  const next = new Map(state.loading);
  if (loading) next.set(gapId, loading);
  else next.delete(gapId);
  return { ...state, loading: next };
}

/** Applies the gap events of a batch; returns the same state when there are none. */
export function applyHistoryGapEvents(state: HistoryGapsState, events: readonly BridgeEvent[]): HistoryGapsState {
  let next = state;
  for (const event of events) {
    if (event.type === 'history.gapChanged') {
      const { gap } = event.payload;
      const others = (next.byConversation.get(gap.conversationId) ?? []).filter((g) => g.id !== gap.id);
      next = setGaps(next, gap.conversationId, [...others, gap]);
    } else if (event.type === 'history.gapRemoved') {
      const { conversationId, gapId } = event.payload;
      const list = next.byConversation.get(conversationId);
      if (list?.some((g) => g.id === gapId)) next = setGaps(next, conversationId, list.filter((g) => g.id !== gapId));
    } else if (event.type === 'conversation.removed' && next.byConversation.has(event.payload.conversationId)) {
      const byConversation = new Map(next.byConversation);
      byConversation.delete(event.payload.conversationId);
      next = { ...next, byConversation };
    }
  }
  return next;
}

/**
 * Which gaps go just before which loaded message (by message id): a gap sits before its
 * newer end, the message it names or else the first one not older than it. A gap newer than
 * everything loaded is not placed.
 */
export function placeGaps(items: readonly MessageView[], gaps: readonly HistoryGapView[]): ReadonlyMap<number, readonly HistoryGapView[]> {
  const placed = new Map<number, HistoryGapView[]>();
  for (const gap of gaps) {
    const target = gapEnd(items, gap);
    if (!target) continue;
    const list = placed.get(target.id);
    if (list) list.push(gap);
    else placed.set(target.id, [gap]);
  }
  return placed;
}

/** The newer end of a gap among the loaded messages, for paging what was filled in before it. */
export function gapEnd(items: readonly MessageView[], gap: HistoryGapView): MessageView | undefined {
  const named = gap.before.networkId === undefined ? undefined : items.find((m) => m.networkId === gap.before.networkId);
  return named ?? items.find((m) => m.timestamp >= gap.before.timestamp);
}
