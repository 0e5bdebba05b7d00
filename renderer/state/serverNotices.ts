/**
 * Lines from each account's server (MOTD, server notices), kept per account for the
 * "Server messages" view: the newest 500 per account, as text.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** How many lines an account keeps; older ones are dropped first. */
export const SERVER_NOTICE_CAP = 500;

export interface ServerNotice {
  /** Unique within the window (a key for the list). */
  readonly id: number;
  readonly accountId: string;
  readonly text: string;
  readonly timestamp: number;
}

export interface ServerNoticesState {
  readonly byAccount: ReadonlyMap<string, readonly ServerNotice[]>;
  /** The id the next notice gets. */
  readonly nextId: number;
}

export type ServerNoticeEvent =
  | { readonly type: 'server.notice'; readonly payload: { readonly accountId: string; readonly text: string; readonly timestamp: number } }
  | { readonly type: 'account.removed'; readonly payload: { readonly accountId: string } };

const NONE: readonly ServerNotice[] = [];

export function createServerNoticesStore(): StoreApi<ServerNoticesState> {
  return createStore<ServerNoticesState>()(() => ({ byAccount: new Map(), nextId: 1 }));
}

export function serverNoticesOf(state: ServerNoticesState, accountId: string): readonly ServerNotice[] {
  return state.byAccount.get(accountId) ?? NONE;
}

/** Appends a batch's notices (in order) and forgets removed accounts; each account is copied at most once. */
export function applyServerNoticeEvents(state: ServerNoticesState, events: readonly ServerNoticeEvent[], cap: number = SERVER_NOTICE_CAP): ServerNoticesState {
  if (events.length === 0) return state;
  const byAccount = new Map(state.byAccount);
  const copied = new Map<string, ServerNotice[]>();
  let nextId = state.nextId;
  for (const event of events) {
    const { accountId } = event.payload;
    if (event.type === 'account.removed') {
      byAccount.delete(accountId);
      copied.delete(accountId);
      continue;
    }
    let list = copied.get(accountId);
    if (!list) {
      list = [...(byAccount.get(accountId) ?? NONE)];
      copied.set(accountId, list);
    }
    list.push({ id: nextId++, accountId, text: event.payload.text, timestamp: event.payload.timestamp });
  }
  for (const [accountId, list] of copied) byAccount.set(accountId, list.length > cap ? list.slice(list.length - cap) : list);
  return { byAccount, nextId };
}
