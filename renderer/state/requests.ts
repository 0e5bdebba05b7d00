/** Open requests from the networks (subscriptions, invites, verifications), oldest first. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RequestView } from '../../electron/bridge/schemas.js';

export interface RequestsState {
  readonly list: readonly RequestView[];
  /** Why the last `requests.list` failed. */
  readonly loadError?: string;
}

export type RequestEvent =
  | { readonly type: 'request.raised'; readonly payload: { readonly request: RequestView } }
  | { readonly type: 'request.closed'; readonly payload: { readonly accountId: string; readonly requestId: string } }
  | { readonly type: 'account.removed'; readonly payload: { readonly accountId: string } };

export function createRequestsStore(): StoreApi<RequestsState> {
  return createStore<RequestsState>()(() => ({ list: [] }));
}

const sameRequest = (accountId: string, requestId: string) => (request: RequestView): boolean =>
  request.accountId === accountId && request.id === requestId;

function byRaisedAt(a: RequestView, b: RequestView): number {
  return a.raisedAt - b.raisedAt;
}

export function resetRequests(list: readonly RequestView[]): RequestsState {
  return { list: [...list].sort(byRaisedAt) };
}

export function applyRequestEvents(state: RequestsState, events: readonly RequestEvent[]): RequestsState {
  if (events.length === 0) return state;
  let list = [...state.list];
  for (const event of events) {
    switch (event.type) {
      case 'request.raised': {
        const { request } = event.payload;
        const index = list.findIndex(sameRequest(request.accountId, request.id));
        if (index === -1) list.push(request);
        else list[index] = request;
        break;
      }
      case 'request.closed':
        list = list.filter((request) => !sameRequest(event.payload.accountId, event.payload.requestId)(request));
        break;
      case 'account.removed':
        list = list.filter((request) => request.accountId !== event.payload.accountId);
        break;
    }
  }
  return { ...state, list: list.sort(byRaisedAt) };
}

/** Removes one request (after the user answered it; the core's `request.closed` may follow). */
export function withoutRequest(state: RequestsState, accountId: string, requestId: string): RequestsState {
  return { ...state, list: state.list.filter((request) => !sameRequest(accountId, requestId)(request)) };
}
