/**
 * Threads (Matrix `m.thread`, plugin API `threadRootId`): a message in a thread is shown in
 * the thread's panel, not in the conversation's main log; the thread's first message stays
 * in the log with how many replies it has.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';

/** How many replies of each thread are loaded, by the network id of its first message. */
export function threadReplyCounts(items: readonly MessageView[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const message of items) {
    if (message.threadRootId !== undefined) counts.set(message.threadRootId, (counts.get(message.threadRootId) ?? 0) + 1);
  }
  return counts;
}

/** The main log: the messages in no thread. The same list when there are none. */
export function withoutThreadReplies(items: readonly MessageView[]): readonly MessageView[] {
  return items.some((message) => message.threadRootId !== undefined) ? items.filter((message) => message.threadRootId === undefined) : items;
}

/**
 * A thread's replies: those fetched for the panel (`messages.thread`) and those that arrived
 * since (in the conversation's messages), once each by id, newest version, in conversation order.
 */
export function threadReplies(rootNetworkId: string, fetched: readonly MessageView[], live: readonly MessageView[]): MessageView[] {
  const byId = new Map<number, MessageView>();
  for (const message of [...fetched, ...live]) {
    if (message.threadRootId === rootNetworkId) byId.set(message.id, message);
  }
  return [...byId.values()].sort((a, b) => a.order - b.order || a.id - b.id);
}
