/** Listing a conversation's history gaps and loading the messages missing in one. */
import type { HistoryGapView } from '../../electron/bridge/schemas.js';
import { errorMessage, type ActionContext } from './actionContext.js';
import { gapEnd, setGapLoading, setGaps } from './historyGaps.js';
import { mergeMessages } from './messages.js';

export interface GapActions {
  /** Fetches a conversation's gaps (when it is shown; later changes come as events). */
  loadGaps(conversationId: number): Promise<void>;
  /** Asks the core to load what is missing in a gap, then shows what came, in place. */
  fillGap(gap: HistoryGapView): Promise<void>;
}

/** Most messages `messages.list` returns at once. */
const LIST_LIMIT = 500;

export function createGapActions(context: ActionContext): GapActions {
  const { stores, client } = context;
  const gaps = stores.historyGaps;
  return {
    loadGaps: async (conversationId) => {
      try {
        gaps.setState(setGaps(gaps.getState(), conversationId, await client().request('history.gaps', { conversationId })));
      } catch {
        // Not connected yet, or a core without gaps: nothing to mark; events bring later ones.
      }
    },
    fillGap: async (gap) => {
      if (gaps.getState().loading.get(gap.id)?.loading === true) return;
      gaps.setState(setGapLoading(gaps.getState(), gap.id, { loading: true }));
      try {
        const { added } = await client().request('history.fillGap', { gapId: gap.id });
        // What was filled in sits just before the gap's newer end: page it from there.
        const entry = stores.messages.getState().byConversation.get(gap.conversationId);
        const end = entry ? gapEnd(entry.items, gap) : undefined;
        if (added > 0 && entry && end) {
          const page = await client().request('messages.list', {
            conversationId: gap.conversationId, before: { timestamp: end.timestamp, id: end.id }, limit: Math.min(LIST_LIMIT, added + 1),
          });
          const current = stores.messages.getState().byConversation.get(gap.conversationId) ?? entry;
          const byConversation = new Map(stores.messages.getState().byConversation);
          byConversation.set(gap.conversationId, { ...current, items: mergeMessages(current.items, page.map((message) => ({ message, merge: 'add' as const }))) });
          stores.messages.setState({ byConversation });
        }
        gaps.setState(setGapLoading(gaps.getState(), gap.id, undefined));
      } catch (error) {
        gaps.setState(setGapLoading(gaps.getState(), gap.id, { loading: false, error: errorMessage(error) }));
      }
    },
  };
}
