/**
 * Part "state": the renderer's stores, in this process, on the work a window does per frame
 * when a lot arrives at once. Applying one batch of N bridge events (messages spread over
 * three conversations, some conversation changes, a typing event) and sorting then filtering
 * a member list of the part "members"' size. The unit tests next to the code
 * (renderer/state/applyEvents.test.ts, members.test.ts) check what comes out; the time is
 * measured here, where a time is a figure beside its target, not a pass or fail.
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { applyEventBatch } from '../../renderer/state/applyEvents.js';
import { filterMembers, sortMembers } from '../../renderer/state/members.js';
import { createStores } from '../../renderer/state/stores.js';
import { conversation, member, message } from '../../renderer/state/testData.js';
import type { BenchContext } from '../lib/context.js';
import { median, nowMs } from '../lib/stats.js';

const PART = 'state';

/** N message events over three conversations, a conversation change every 100, one typing event. */
export function eventBatch(n: number): BridgeEvent[] {
  const events: BridgeEvent[] = [];
  for (let i = 0; i < n; i++) {
    events.push({ type: 'message.added', payload: { message: message({ id: i + 1, conversationId: (i % 3) + 1, timestamp: i }) } });
    if (i % 100 === 0) events.push({ type: 'conversation.changed', payload: { conversation: conversation({ id: (i % 3) + 1, unread: i }) } });
  }
  events.push({ type: 'typing', payload: { conversationId: 1, participantId: 'carol', state: 'active' } });
  return events;
}

/** ms to apply the batch to fresh stores; throws when not every message landed (a figure of nothing is no figure). */
function timeBatch(events: readonly BridgeEvent[], messages: number): number {
  const stores = createStores();
  const start = nowMs();
  applyEventBatch(stores, events);
  const ms = nowMs() - start;
  const landed = [1, 2, 3].reduce((sum, id) => sum + (stores.messages.getState().byConversation.get(id)?.items.length ?? 0), 0);
  if (landed !== messages) throw new Error(`state: ${landed} of ${messages} messages in the stores`);
  return ms;
}

/** ms to sort n members (every 50th voiced) and filter them by the name of the last thousand. */
function timeMembers(n: number): number {
  const many = Array.from({ length: n }, (_, index) => member(`user${index}`, index % 50 === 0 ? 'voice' : undefined));
  const wanted = `user${Math.max(0, n - 1)}`;
  const start = nowMs();
  const found = filterMembers(sortMembers(many), wanted);
  const ms = nowMs() - start;
  if (!found.some((m) => m.id === wanted)) throw new Error(`state: filtering ${n} members did not find ${wanted}`);
  return ms;
}

export function runState(ctx: BenchContext): Promise<void> {
  const n = ctx.sizes.stateEvents;
  const members = ctx.sizes.members;
  const events = eventBatch(n);
  const batch: number[] = [];
  const sorting: number[] = [];
  for (let run = 0; run < ctx.sizes.runs; run++) {
    batch.push(timeBatch(events, n));
    sorting.push(timeMembers(members));
    ctx.log(`state run ${run + 1}: batch of ${events.length} events ${batch.at(-1)?.toFixed(1) ?? '?'} ms, ${members} members sorted and filtered ${sorting.at(-1)?.toFixed(1) ?? '?'} ms`);
  }
  ctx.add({ part: PART, label: `apply one batch of ${n.toLocaleString('en-US')} message events to the renderer's stores`, value: median(batch), unit: 'ms',
    target: { text: '≤ 1 s', limit: 1000, better: 'lower' }, note: `${events.length.toLocaleString('en-US')} events; median of ${batch.length}` });
  ctx.add({ part: PART, label: `sort and filter a ${members.toLocaleString('en-US')}-member list`, value: median(sorting), unit: 'ms',
    target: { text: '≤ 1.5 s', limit: 1500, better: 'lower' }, note: `median of ${sorting.length}` });
  ctx.detail(PART, 'runs', { batchMs: batch, membersMs: sorting });
  return Promise.resolve();
}
