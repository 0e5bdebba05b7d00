/** Searching stored messages, and going to a result. */
import { errorMessage, type ActionContext } from './actionContext.js';
import type { ConversationActions } from './conversationActions.js';
import { searchParams, type SearchFilterChoice, type SearchHit, type SearchScope } from './search.js';

export interface SearchActions {
  /** Runs a search (an empty query clears the results); a newer search wins over a late answer. */
  searchMessages(query: string, scope: SearchScope, filters?: SearchFilterChoice): Promise<void>;
  clearSearch(): void;
  /** Opens the result's conversation and brings the message into view when it can. */
  openSearchResult(hit: SearchHit): Promise<boolean>;
}

export function createSearchActions(context: ActionContext, conversations: Pick<ConversationActions, 'showMessage'>): SearchActions {
  const { stores, client } = context;
  const search = stores.search;

  const clearSearch = (): void => {
    search.setState({ status: 'idle', query: '', hits: [], sequence: search.getState().sequence + 1, error: undefined });
  };

  return {
    searchMessages: async (query, scope, filters) => {
      const params = searchParams(query, scope, stores.conversations.getState().activeId, filters);
      if (!params) {
        clearSearch();
        return;
      }
      const sequence = search.getState().sequence + 1;
      search.setState({ status: 'searching', query: params.query, sequence, error: undefined });
      try {
        const hits = await client().request('search.query', params);
        if (search.getState().sequence === sequence) search.setState({ status: 'done', hits });
      } catch (error) {
        if (search.getState().sequence === sequence) search.setState({ status: 'error', hits: [], error: errorMessage(error) });
      }
    },
    clearSearch,
    openSearchResult: (hit) => conversations.showMessage(hit.message.conversationId, hit.message.id),
  };
}
